/** Publication figure export: PNG at 1×, 2× or 3×. */
import { useId, useState } from 'react';

export function FigureExport({ onExport, disabled }: { onExport: (scale: number) => Promise<void>; disabled: boolean }) {
  const id = useId();
  const [scale, setScale] = useState(2);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="figure-export" role="group" aria-label="Export map figure">
      <label htmlFor={`${id}-scale`}>Figure</label>
      <select id={`${id}-scale`} value={scale} onChange={(e) => setScale(Number(e.target.value))} aria-label="Figure pixel ratio">
        <option value={1}>1×</option>
        <option value={2}>2×</option>
        <option value={3}>3×</option>
      </select>
      <button
        type="button"
        disabled={disabled || busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await onExport(scale);
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? 'Drawing…' : 'Export PNG'}
      </button>
      {error && <span role="alert" className="error">{error}</span>}
    </div>
  );
}
