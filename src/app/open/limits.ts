/**
 * How large a dataset the app holds whole, and what it does above that (large mode).
 *
 * Whole: the engine streams blocks, but the app keeps, for every included pixel, its series over
 * all years (PixelMaps, src/engine/types.ts) for the pixel panel and the yearly maps:
 *   per pixel-year: NEP, NPP, Rh and each climate variable as Float32 → 4 × (3 + V) bytes
 *   per pixel: index 4, zone 2, mean/slope/p 12, class 1, rho 4 × V → 19 + 4 × V bytes
 * The worker parts are joined at the end, so the peak is about twice that. We count every pixel
 * of the grid (an upper bound of the included ones).
 *
 * Large (above maxPixelYears): the zone statistics are computed at full resolution without any
 * per-pixel output (memory bounded by a block), and the maps from a coarser level (the files' COG
 * overviews, else decimated) holding at most displayPixelYears of series; zooming in computes
 * the view's window at the finest level within the same budget (engine/overviewPlan.ts,
 * windowPlan.ts).
 */
import type { DisplayBudget } from '../../engine/overviewPlan';

/** Grid pixels × years the app holds whole: 40 M ≈ 1.1 GB of series with four climate variables (≈ 2.2 GB at the peak). */
export const MAX_PIXEL_YEARS = 40_000_000;

export interface LargeBudget {
  /** Above this many grid pixel-years, large mode. */
  maxPixelYears: number;
  /** What a map level (and, as much again, a zoomed window) may hold. */
  display: DisplayBudget;
}

/** A quarter of the whole-dataset limit for the map, as much for a zoomed window; at most 4 M px (a screen's worth at 2×). */
export const DEFAULT_BUDGET: LargeBudget = { maxPixelYears: MAX_PIXEL_YEARS, display: { pixelYears: MAX_PIXEL_YEARS / 4, pixels: 4_000_000 } };

/**
 * The budget, with `?maxPixelYears=N` (and optionally `&displayPixelYears=M`, default N / 4) from
 * the page's address: a way to try large mode on a small dataset (tests, demos).
 */
export function budgetFromSearch(search: string): LargeBudget {
  const q = new URLSearchParams(search);
  const num = (k: string) => {
    const v = Number(q.get(k));
    return q.has(k) && Number.isFinite(v) && v > 0 ? v : null;
  };
  const max = num('maxPixelYears');
  if (max === null) return DEFAULT_BUDGET;
  const display = num('displayPixelYears') ?? max / 4;
  return { maxPixelYears: max, display: { pixelYears: display, pixels: DEFAULT_BUDGET.display.pixels } };
}

/** Whether a grid of width × height px over `years` years goes to large mode. */
export function isLarge(width: number, height: number, years: number, budget: LargeBudget = DEFAULT_BUDGET): boolean {
  return width * height * years > budget.maxPixelYears;
}

/** Bytes of PixelMaps for `pixels` included pixels over `years` years with `climateVars` climate variables. */
export function pixelMapsBytes(pixels: number, years: number, climateVars: number): number {
  return pixels * years * 4 * (3 + climateVars) + pixels * (19 + 4 * climateVars);
}

export function formatBytes(b: number): string {
  if (b >= 1e9) return `${(b / 1e9).toFixed(1)} GB`;
  if (b >= 1e6) return `${(b / 1e6).toFixed(0)} MB`;
  return `${Math.ceil(b / 1e3)} kB`;
}
