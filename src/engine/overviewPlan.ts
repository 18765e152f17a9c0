/**
 * Large mode: a dataset whose per-pixel series do not fit in the browser is analysed twice by the
 * same engine: at full resolution for the zone statistics only (no per-pixel output: memory is
 * bounded by a block), and on a coarser level for the maps (every layer, with per-pixel series),
 * read from the NPP/NEP files' overviews (COG / gdaladdo) when they have them, else decimated.
 * This module holds the plan maths: which level fits the display budget, and the plan that reads
 * a level (and a window of it: see windowPlan.ts).
 */
import { gridAt, type RasterLevel, type ReadWindow } from '../io/overview';
import type { Grid } from '../io/grid';
import type { DatasetPlan } from './plan';
import type { AnalysisResult } from './types';

/** How much the app holds of a map level: pixel-years of per-pixel series, and pixels. */
export interface DisplayBudget {
  pixelYears: number;
  pixels: number;
}

export interface LevelChoice {
  level: RasterLevel;
  /** From an overview IFD of the files (else decimated from full resolution). */
  fromOverview: boolean;
}

const fits = (l: RasterLevel, years: number, b: DisplayBudget) => l.width * l.height <= b.pixels && l.width * l.height * years <= b.pixelYears;

/**
 * Levels with factors 2, 4, 8, … (sizes ceil(size / factor), as GDAL's overviews) down to a
 * single pixel, for files without overviews (read decimated).
 */
export function decimatedLevels(width: number, height: number): RasterLevel[] {
  const out: RasterLevel[] = [];
  for (let f = 2; ; f *= 2) {
    const l = { width: Math.ceil(width / f), height: Math.ceil(height / f) };
    out.push(l);
    if (l.width === 1 && l.height === 1) break;
  }
  return out;
}

/**
 * The map's level: the largest of the file's overviews that fits the budget; when none does (or
 * the file has none), the largest decimated level (factor 2, 4, …) that fits, read from the
 * smallest overview above it (io/overview.ts).
 */
export function chooseOverview(grid: { width: number; height: number }, overviews: RasterLevel[], years: number, budget: DisplayBudget): LevelChoice {
  const sorted = [...overviews].sort((a, b) => b.width * b.height - a.width * a.height);
  const level = sorted.find((l) => fits(l, years, budget));
  if (level) return { level, fromOverview: true };
  const dec = decimatedLevels(grid.width, grid.height);
  return { level: dec.find((l) => fits(l, years, budget)) ?? dec[dec.length - 1], fromOverview: false };
}

/**
 * The level of a first map while a whole dataset loads (engine/browser.ts), when the grid has at
 * least `minPixels`: the largest overview with at most a quarter of the width and of the height
 * (a sixteenth of the reading; a web map's first tiles are as coarse), else the largest with at
 * most half of each; null (full resolution) for a smaller grid or files without such overviews.
 * A quarter, not half: on the demo the first map came 0.16 s sooner and the whole result with it
 * (the full run starts when the first map's pass ends), in A/B runs of 8 in Chromium.
 */
export function previewOverview(grid: { width: number; height: number }, overviews: RasterLevel[], minPixels: number): RasterLevel | null {
  if (grid.width * grid.height < minPixels) return null;
  const largest = (f: number) => {
    const fit = overviews.filter((l) => l.width <= Math.ceil(grid.width / f) && l.height <= Math.ceil(grid.height / f));
    fit.sort((a, b) => b.width * b.height - a.width * a.height);
    return fit[0] ?? null;
  };
  return largest(4) ?? largest(2);
}

/** Every level a window can be read at, full resolution first: the file's overviews, else decimated levels. */
export function readableLevels(grid: { width: number; height: number }, overviews: RasterLevel[]): RasterLevel[] {
  const rest = overviews.length ? [...overviews].sort((a, b) => b.width * b.height - a.width * a.height) : decimatedLevels(grid.width, grid.height);
  return [{ width: grid.width, height: grid.height }, ...rest];
}

/**
 * The plan of `plan` (full resolution, checked) read at `level` (null: full resolution) and
 * cropped to `window` of that level (null: all of it): same files, zones, boundary and settings;
 * the grid is the level's window, blocks of about 65,536 px.
 */
export function levelPlan(plan: DatasetPlan, level: RasterLevel | null, window: ReadWindow | null): DatasetPlan {
  const full = level && level.width === plan.grid.width && level.height === plan.grid.height ? null : level;
  const at = { level: full, window };
  const grid: Grid = gridAt(plan.grid, at);
  return {
    ...plan,
    grid,
    read: full || window ? at : null,
    blockRows: Math.max(1, Math.min(grid.height, Math.floor((1 << 16) / grid.width))),
  };
}

/** What a large-mode result carries besides an AnalysisResult (whose maps are the map level's). */
export interface LargeInfo {
  /** The checked full-resolution plan (zone statistics ran on it; windows are cut from it). */
  plan: DatasetPlan;
  /** The levels windows can be read at, full resolution first. */
  levels: RasterLevel[];
  /** The map's level (result.maps.grid is its grid). */
  overview: LevelChoice;
  budget: DisplayBudget;
}

export type LargeResult = AnalysisResult & { large: LargeInfo };

export function isLargeResult(r: AnalysisResult | null | undefined): r is LargeResult {
  return !!r && 'large' in r && !!(r as LargeResult).large;
}

/** "4 × 4 km", "463 m": the size of a pixel of `grid` for a person (projected metres, or degrees). */
export function pixelSizeText(grid: Grid): string {
  const [, a, b, , d, e] = grid.geoTransform;
  const w = Math.hypot(a, d);
  const h = Math.hypot(b, e);
  if (grid.crs.geographic) {
    const f = (v: number) => `${+v.toPrecision(3)}°`;
    return Math.abs(w - h) < 1e-9 * w ? f(w) : `${f(w)} × ${f(h)}`;
  }
  const f = (v: number) => (v >= 1000 ? `${+(v / 1000).toPrecision(3)} km` : `${Math.round(v)} m`);
  return Math.abs(w - h) < 1e-6 * w ? f(w) : `${f(w)} × ${f(h)}`;
}
