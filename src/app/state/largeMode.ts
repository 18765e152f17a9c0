/** What the app says about a dataset in large mode (engine/large.ts), for the notes under the header. */
import { pixelSizeText, type LargeResult } from '../../engine/overviewPlan';
import { levelGrid } from '../../io/overview';

export function largeNote(r: LargeResult): string {
  const { plan, overview } = r.large;
  const { width: W, height: H } = plan.grid;
  const { width: w, height: h } = overview.level;
  const px = pixelSizeText(levelGrid(plan.grid, w, h));
  const from = overview.fromOverview
    ? `the map from the files' overviews at ${w} × ${h} px (pixels of ${px})`
    : `the map at ${w} × ${h} px (pixels of ${px}), decimated from full resolution because the NPP files have no overviews (write them as COGs, or add overviews with gdaladdo, for a faster map)`;
  return (
    `Large dataset (${W} × ${H} px × ${plan.years.length} years): zone statistics are computed at full resolution (pixels of ${pixelSizeText(plan.grid)}); ` +
    `${from}. Zoom in for finer detail. For full-resolution rasters use npm run analyze.`
  );
}
