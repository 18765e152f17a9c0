/**
 * The page header: the app, the dataset, a plain statement when the data are synthetic, the
 * "Open data" control, and what the open control has to say (problems, notes, a link to the view).
 */
import { OpenControl, OpenMessages } from '../open/OpenControl';
import { useOpenState } from '../open/store';

/**
 * `dataset`: the name of the dataset on screen; `loading`: with none on screen, the name of the one
 * loading (shown as it starts, greyed, so the header has its final height before the map is made:
 * a header that grows later resizes the map, a new WebGL drawing buffer).
 */
export function Header({ dataset, loading = null }: { dataset: string | null; loading?: string | null }) {
  const shown = dataset ?? loading;
  const synthetic = shown !== null && /synthetic/i.test(shown);
  const open = useOpenState();
  return (
    <header className="app-header">
      <h1>NEP Explorer</h1>
      {dataset !== null ? (
        <span className="dataset-name" data-testid="dataset-name">{dataset}</span>
      ) : (
        loading !== null && <span className="dataset-name dataset-loading" title="Loading">{loading}</span>
      )}
      <OpenControl />
      {synthetic && (
        <p className="synthetic-note" role="note">
          Demo data are synthetic: generated to match the study’s published figures (NEP of Qilian Mountain National Park,
          2000–2022), not satellite measurements.
        </p>
      )}
      <OpenMessages error={open.error} notes={open.notes} byUrl={open.source?.kind === 'url'} />
    </header>
  );
}
