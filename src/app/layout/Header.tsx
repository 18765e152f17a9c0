/** The page header: the app, the dataset, and a plain statement when the data are synthetic. */
export function Header({ dataset }: { dataset: string | null }) {
  const synthetic = dataset !== null && /synthetic/i.test(dataset);
  return (
    <header className="app-header">
      <h1>NEP Explorer</h1>
      {dataset !== null && <span className="dataset-name" data-testid="dataset-name">{dataset}</span>}
      {synthetic && (
        <p className="synthetic-note" role="note">
          Demo data are synthetic: generated to match the study’s published figures (NEP of Qilian Mountain National Park,
          2000–2022), not satellite measurements.
        </p>
      )}
    </header>
  );
}
