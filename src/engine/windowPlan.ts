/**
 * Large mode, "at the current zoom": the part of the grid the map shows, read at the finest level
 * whose window fits the display budget, so that zooming in past the map's level shows finer data.
 */
import type { RasterLevel, ReadWindow } from '../io/overview';
import type { DisplayBudget } from './overviewPlan';

/** A box in full-resolution pixel coordinates (continuous; x to the right, y down). */
export interface PixelBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface WindowChoice {
  /** Index into `levels` (0: full resolution). */
  index: number;
  level: RasterLevel;
  window: ReadWindow;
}

/**
 * The window of level `l` covering `box` (full-resolution pixels of a `full` grid), widened by
 * `pad` level pixels on each side and clipped to the level; null when the box misses the grid.
 */
export function levelWindow(full: RasterLevel, l: RasterLevel, box: PixelBox, pad = 1): ReadWindow | null {
  const sx = l.width / full.width;
  const sy = l.height / full.height;
  const x0 = Math.max(0, Math.floor(box.x0 * sx) - pad);
  const y0 = Math.max(0, Math.floor(box.y0 * sy) - pad);
  const x1 = Math.min(l.width, Math.ceil(box.x1 * sx) + pad);
  const y1 = Math.min(l.height, Math.ceil(box.y1 * sy) + pad);
  if (!(x1 > x0 && y1 > y0)) return null;
  return { x0, y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * The finest of `levels` (full resolution first, then coarser) whose window over `box` fits the
 * budget, when it is finer than level `shown` (the map's): null when nothing finer fits or the box
 * misses the grid.
 */
export function chooseWindow(levels: RasterLevel[], box: PixelBox, years: number, budget: DisplayBudget, shown: RasterLevel): WindowChoice | null {
  const full = levels[0];
  for (let i = 0; i < levels.length; i++) {
    const l = levels[i];
    if (l.width * l.height <= shown.width * shown.height) return null; // not finer than the map
    const w = levelWindow(full, l, box);
    if (!w) return null;
    const n = w.width * w.height;
    if (n <= budget.pixels && n * years <= budget.pixelYears) return { index: i, level: l, window: w };
  }
  return null;
}
