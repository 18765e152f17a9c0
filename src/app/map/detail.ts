/**
 * Large mode "at the current zoom": when the view shows fewer pixels than the map's level has
 * budget for, the view's window is computed at the finest level that fits (engine windowPlan,
 * on the engine's detail workers) and drawn over the coarse map. Debounced after the map stops
 * moving, and each new view cancels the window still computing (AbortSignal), so panning never
 * queues work. Zoomed out (nothing finer fits), there is no window.
 */
import { useEffect, useState } from 'react';
import type { AnalysisResult } from '../../engine/types';
import { isLargeResult, type LargeResult } from '../../engine/overviewPlan';
import { chooseWindow, type PixelBox, type WindowChoice } from '../../engine/windowPlan';
import { gridTransform } from './gridTransform';
import { RasterModel } from './rasterModel';
import type { LonLatBounds } from './mercator';

const DEBOUNCE_MS = 350;

/** The view's box in full-resolution pixels: the grid coordinates of points along its edges. */
export function viewBox(r: LargeResult, b: LonLatBounds): PixelBox | null {
  const t = gridTransform(r.large.plan.grid);
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  const N = 8;
  for (let i = 0; i <= N; i++) {
    const f = i / N;
    const lon = b.west + f * (b.east - b.west);
    const lat = b.south + f * (b.north - b.south);
    for (const [x, y] of [t.toPixel(lon, b.south), t.toPixel(lon, b.north), t.toPixel(b.west, lat), t.toPixel(b.east, lat)]) {
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
    }
  }
  return Number.isFinite(x0) ? { x0, y0, x1, y1 } : null;
}

const inside = (a: WindowChoice, b: WindowChoice) =>
  a.index === b.index && a.window.x0 >= b.window.x0 && a.window.y0 >= b.window.y0 &&
  a.window.x0 + a.window.width <= b.window.x0 + b.window.width && a.window.y0 + a.window.height <= b.window.y0 + b.window.height;

export interface Detail {
  model: RasterModel;
  choice: WindowChoice;
}

/** The zoomed window for `view` of a large-mode result (null: not large, zoomed out, or computing the first one). */
export function useDetail(result: AnalysisResult | null, view: LonLatBounds | null, busy: boolean): Detail | null {
  const [detail, setDetail] = useState<Detail | null>(null);
  useEffect(() => setDetail(null), [result]);
  useEffect(() => {
    if (!isLargeResult(result) || !view) return;
    if (busy) return void console.debug('zoomed window: waiting for the analysis to end');
    const box = viewBox(result, view);
    const choice = box && chooseWindow(result.large.levels, box, result.summary.years.length, result.large.budget, result.large.overview.level);
    if (!choice) {
      console.debug('zoomed window: none for this view', box);
      setDetail(null);
      return;
    }
    if (detail && inside(choice, detail.choice)) return; // the window on screen covers the view
    const ac = new AbortController();
    const t = setTimeout(() => {
      const what = `level ${choice.index}, ${choice.window.width} × ${choice.window.height} px at ${choice.window.x0}, ${choice.window.y0}`;
      console.debug(`zoomed window: computing ${what}`);
      import('../../engine/browser')
        .then((m) => m.analyzeWindowInBrowser(result.large, choice, ac.signal))
        .then((maps) => {
          console.debug(`zoomed window: ${ac.signal.aborted ? 'given up' : 'done'}, ${what}: ${maps.index.length} pixels`);
          if (ac.signal.aborted) return;
          setDetail(maps.index.length ? { model: new RasterModel({ ...result, maps }), choice } : null);
        })
        .catch((e: unknown) => {
          if (!(e instanceof DOMException && e.name === 'AbortError')) console.warn('zoomed window failed', e);
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(t);
      ac.abort();
    };
    // detail: read to skip a window already covered, not a reason to recompute
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result, view, busy]);
  return detail;
}
