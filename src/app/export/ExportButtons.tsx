/** Small download buttons: a chart as PNG and SVG, a table as CSV. */
import { useState, type RefObject } from 'react';
import { csvBlob, type CsvCell } from './csv';
import { download } from './download';
import { pngBlob, svgBlob } from './svgImage';

export interface ChartExportProps {
  /** The chart's <svg>. */
  target: RefObject<SVGSVGElement | null>;
  /** File name without extension, e.g. `nep-series_qilian_III-1-2`. */
  fileBase: string;
  /** What the chart is, for the buttons' accessible names ("NEP time series"). */
  label: string;
  /** PNG pixel ratios to choose from (a figure's 1×, 2×, 3×); without, PNGs are 2×. */
  scales?: readonly number[];
}

/** The pixel ratios a figure offers for its PNG. */
export const PNG_SCALES = [1, 2, 3] as const;

export function ChartExport({ target, fileBase, label, scales }: ChartExportProps) {
  const [scale, setScale] = useState<number>(2);
  const [error, setError] = useState<string | null>(null);
  const run = async (kind: 'png' | 'svg') => {
    const svg = target.current;
    if (!svg) return;
    setError(null);
    try {
      const blob = kind === 'png' ? await pngBlob(svg, scales ? scale : 2) : svgBlob(svg);
      download(blob, `${fileBase}.${kind}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <span className="export-buttons" {...(scales ? { role: 'group', 'aria-label': `Download ${label}` } : {})}>
      {scales && (
        <select
          className="export-button"
          value={scale}
          onChange={(e) => setScale(Number(e.target.value))}
          aria-label={`PNG pixel ratio of the ${label}`}
          data-testid="png-scale"
        >
          {scales.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      )}
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

export interface CsvExportProps {
  /** Built on click, so a large table is not serialized on every render. */
  rows: () => CsvCell[][];
  /** With extension, e.g. `correlation_qilian_all.csv`. */
  filename: string;
  label: string;
}

export function CsvExport({ rows, filename, label }: CsvExportProps) {
  return (
    <button type="button" className="export-button" onClick={() => download(csvBlob(rows()), filename)} aria-label={`Download ${label} as CSV`} data-export="csv" data-filename={filename}>
      CSV
    </button>
  );
}
