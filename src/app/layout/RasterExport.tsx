/** Result rasters as Cloud-Optimized GeoTIFFs, written by the same encoder as `npm run analyze`. */
import { useId, useState } from 'react';
import type { AnalysisResult } from '../../engine/types';
import { download } from '../export/download';
import { encodeResultRaster, RESULT_RASTERS, resultRasterFileName, type ResultRaster } from '../export/resultRasters';

const LABELS: Record<ResultRaster, string> = {
  nep_mean: 'Multi-year mean',
  nep_slope: 'Trend slope',
  nep_p: 'Trend p-value',
  trend_class: 'Trend class',
};

export function RasterExport({ result }: { result: AnalysisResult }) {
  const id = useId();
  const [which, setWhich] = useState<ResultRaster>('nep_mean');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="figure-export" role="group" aria-label="Export result raster">
      <label htmlFor={`${id}-raster`}>Raster</label>
      <select id={`${id}-raster`} value={which} onChange={(e) => setWhich(e.target.value as ResultRaster)} aria-label="Result raster">
        {RESULT_RASTERS.map((r) => (
          <option key={r} value={r}>{LABELS[r]}</option>
        ))}
      </select>
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            const bytes = await encodeResultRaster(result.maps, which);
            download(new Blob([bytes as BlobPart], { type: 'image/tiff' }), resultRasterFileName(which, result.slug, result.variable));
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? 'Writing…' : 'Export COG'}
      </button>
      {error && <span role="alert" className="error">{error}</span>}
    </div>
  );
}
