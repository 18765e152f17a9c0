/**
 * The page header: the app, the dataset, a plain statement when the data are synthetic, the
 * "Open data" control, and what the open control has to say (problems, notes, a link to the view).
 */
import { OpenControl, OpenMessages } from '../open/OpenControl';
import { useOpenState } from '../open/store';

export function Header({ dataset }: { dataset: string | null }) {
  const synthetic = dataset !== null && /synthetic/i.test(dataset);
  const open = useOpenState();
  return (
    <header className="app-header">
      <h1>NEP Explorer</h1>
      {dataset !== null && <span className="dataset-name" data-testid="dataset-name">{dataset}</span>}
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
