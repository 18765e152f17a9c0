/** What the engine is doing, as a labelled progress bar. */
import type { Progress } from '../../engine/types';

export function ProgressBar({ progress }: { progress: Progress }) {
  const frac = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  return (
    <div className="progress" role="status" aria-live="polite">
      <div className="progress-stage">{progress.stage}</div>
      <progress max={1} value={frac} aria-label={progress.stage} />
      <div className="progress-count">
        {progress.total > 1 ? `${progress.done} / ${progress.total}` : ''}
      </div>
    </div>
  );
}
