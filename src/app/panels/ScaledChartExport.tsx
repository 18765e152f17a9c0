/**
 * A figure's download buttons with a PNG pixel ratio (1×, 2×, 3×; 2× by default, as the other
 * charts): the buttons named and hooked like ChartExport's (data-export, data-filename).
 */
import { useId, useState, type RefObject } from 'react';
import { download } from '../export/download';
import { pngBlob, svgBlob } from '../export/svgImage';

export interface ScaledChartExportProps {
  target: RefObject<SVGSVGElement | null>;
  /** File name without extension, e.g. `nep-zones_qilian`. */
  fileBase: string;
  /** What the figure is, for the controls' accessible names. */
  label: string;
}

export const PNG_SCALES = [1, 2, 3] as const;

export function ScaledChartExport({ target, fileBase, label }: ScaledChartExportProps) {
  const id = useId();
  const [scale, setScale] = useState<number>(2);
  const [error, setError] = useState<string | null>(null);
  const run = async (kind: 'png' | 'svg') => {
    const svg = target.current;
    if (!svg) return;
    setError(null);
    try {
      const blob = kind === 'png' ? await pngBlob(svg, scale) : svgBlob(svg);
      download(blob, `${fileBase}.${kind}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <span className="export-buttons" role="group" aria-label={`Download ${label}`}>
      <select
        id={`${id}-scale`}
        className="export-button"
        value={scale}
        onChange={(e) => setScale(Number(e.target.value))}
        aria-label={`PNG pixel ratio of the ${label}`}
        data-testid="png-scale"
      >
        {PNG_SCALES.map((s) => (
          <option key={s} value={s}>
            {s}×
          </option>
        ))}
      </select>
      <button type="button" className="export-button" onClick={() => void run('png')} aria-label={`Download ${label} as PNG`} data-export="png" data-filename={`${fileBase}.png`}>
        PNG
      </button>
      <button type="button" className="export-button" onClick={() => void run('svg')} aria-label={`Download ${label} as SVG`} data-export="svg" data-filename={`${fileBase}.svg`}>
        SVG
      </button>
      {error && <span role="alert" className="export-error">{error}</span>}
    </span>
  );
}
