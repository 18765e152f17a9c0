/** What the app says about a dataset in large mode (engine/large.ts), for the notes under the header. */
import { isLargeResult, pixelSizeText, type LargeResult } from '../../engine/overviewPlan';
import type { AnalysisResult, PixelMaps } from '../../engine/types';
import { levelGrid } from '../../io/overview';

export function largeNote(r: LargeResult): string {
  const { plan, overview } = r.large;
  const { width: W, height: H } = plan.grid;
  const { width: w, height: h } = overview.level;
  const px = pixelSizeText(levelGrid(plan.grid, w, h));
  const from = overview.fromOverview
    ? `the map from the files' overviews at ${w} × ${h} px (pixels of ${px})`
    : `the map at ${w} × ${h} px (pixels of ${px}), decimated because the NPP files have no overview that small (write them as COGs, or add overviews with gdaladdo, for a faster map)`;
  return (
    `Large dataset (${W} × ${H} px × ${plan.years.length} years): zone statistics are computed at full resolution (pixels of ${pixelSizeText(plan.grid)}); ` +
    `${from}. Zoom in for finer detail. For full-resolution rasters use npm run analyze.`
  );
}

/**
 * What a picked pixel is in large mode, for the pixel panel: "Full-resolution pixel, 463 m" or
 * "Overview pixel, 1.85 km (its series is that of the overview, not of one full-resolution
 * pixel)"; null for a whole dataset.
 */
export function pixelResolution(result: AnalysisResult | null, maps: PixelMaps | undefined): string | null {
  if (!isLargeResult(result) || !maps) return null;
  const full = result.large.plan.grid;
  const size = pixelSizeText(maps.grid);
  if (maps.grid.geoTransform[1] === full.geoTransform[1] && maps.grid.geoTransform[5] === full.geoTransform[5]) return `Full-resolution pixel, ${size}`;
  return `Overview pixel, ${size}: its series is the overview's (zoom in for finer pixels)`;
}
