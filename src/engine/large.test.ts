/**
 * analyzeLarge on a worker pool (Node's here, Web Workers in the app): the summary is the
 * oracle's at full resolution; the maps are at the overview level the budget allows; a window
 * comes at the level asked for, with the oracle's pixel count there.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeLarge, analyzeWindow } from './large';
import { createNodePool } from './node/nodePool';
import { compareSummaries } from '../../test/engine/compareSummary';
import type { Progress } from './types';

const dir = join(__dirname, '../../test/fixtures/large/sinusoidal');
const expected = (f: string) => JSON.parse(readFileSync(join(dir, 'expected', f), 'utf8'));
const input = { manifestText: readFileSync(join(dir, 'dataset.json'), 'utf8'), manifestName: 'dataset.json', resolve: (p: string) => join(dir, p), slug: 'large' };

describe('analyzeLarge', () => {
  it('full-resolution zone statistics, maps from the overview that fits, windows on demand', async () => {
    const pool = createNodePool(2);
    const progress: Progress[] = [];
    let preview = 0;
    try {
      // 6 years: 80 × 60 × 6 = 28,800 pixel-years > 25,000; 40 × 30 fits
      const r = await analyzeLarge(input, {}, pool, { pixelYears: 25_000, pixels: 1e6 }, (p) => progress.push(p), undefined, () => preview++);
      expect(compareSummaries(r.summary, expected('summary.json'), { rel: 1e-9, abs: 1e-9 })).toEqual([]);
      expect([r.maps.grid.width, r.maps.grid.height]).toEqual([40, 30]);
      expect(r.large.overview).toEqual({ level: { width: 40, height: 30 }, fromOverview: true });
      expect(r.large.levels.map((l) => l.width)).toEqual([160, 80, 40, 20]);
      expect(r.maps.index.length).toBe(expected('level_40x30_summary.json').pixels.included);
      expect(preview).toBe(1);
      // the progress bar: blocks done of the total, for each pass, ending at the total
      const stats = progress.filter((p) => p.stage.startsWith('Step 2 of 2 — zone statistics at full resolution (160 × 120 px)'));
      expect(stats.length).toBeGreaterThan(1);
      expect(stats.at(-1)!.done).toBe(stats.at(-1)!.total);
      expect(progress.some((p) => p.stage.startsWith('Step 1 of 2 — map at 40 × 30 px (COG overview)'))).toBe(true);

      const w = await analyzeWindow(r.large, { index: 1, level: { width: 80, height: 60 }, window: { x0: 12, y0: 8, width: 36, height: 28 } }, pool);
      expect([w.grid.width, w.grid.height]).toEqual([36, 28]);
      expect(w.index.length).toBe(expected('window_80x60_12_8_36x28_summary.json').pixels.included);
    } finally {
      pool.terminate();
    }
  }, 60_000);
});

describe('analyzeWindow', () => {
  it('a window without an included pixel (outside the boundary) is an empty map, not an error', async () => {
    const pool = createNodePool(1);
    try {
      const r = await analyzeLarge(input, {}, pool, { pixelYears: 25_000, pixels: 1e6 });
      // the boundary's south-west corner is cut off: (2.3, 75.3) to (50.3, 117.3) at full resolution
      const w = await analyzeWindow(r.large, { index: 0, level: { width: 160, height: 120 }, window: { x0: 0, y0: 110, width: 8, height: 10 } }, pool);
      expect(w.index.length).toBe(0);
      expect(w.grid.width).toBe(8);
    } finally {
      pool.terminate();
    }
  }, 60_000);
});
