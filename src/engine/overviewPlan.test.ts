/**
 * Large mode's plans. The engine on a level plan (the map's overview) and on a window plan (a
 * zoomed view) must give the oracle's numbers for the dataset as read there (GDAL's overview
 * arrays, climate decimated with numpy: test/fixtures/large/make_large.py level_oracle), and the
 * full-resolution run without per-pixel output the oracle's full-resolution summary.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareDataset } from './prepare';
import { runPlan } from './run';
import { createNodePool } from './node/nodePool';
import { chooseOverview, decimatedLevels, levelPlan, pixelSizeText, previewOverview, readableLevels } from './overviewPlan';
import { compareSummaries } from '../../test/engine/compareSummary';
import type { Grid } from '../io/grid';

const dir = join(__dirname, '../../test/fixtures/large/sinusoidal');
const expected = (f: string) => JSON.parse(readFileSync(join(dir, 'expected', f), 'utf8'));
const TOL = { rel: 1e-9, abs: 1e-9 };

async function prepared() {
  const text = readFileSync(join(dir, 'dataset.json'), 'utf8');
  return (await prepareDataset({ manifestText: text, manifestName: 'dataset.json', resolve: (p) => join(dir, p), slug: 'large' })).plan;
}

describe('large mode on the engine (oracle: GDAL + numpy + scipy)', () => {
  it('full resolution without per-pixel output: the oracle\'s summary', async () => {
    const plan = await prepared();
    const pool = createNodePool(2);
    try {
      const out = await runPlan({ ...plan, blockRows: 32 }, pool, { rows: false, pixels: false, pixelRho: false });
      expect(out.maps).toBeNull();
      expect(compareSummaries(out.summary, expected('summary.json'), TOL)).toEqual([]);
    } finally {
      pool.terminate();
    }
  }, 60_000);

  it('the map\'s level (the 40 × 30 overview; climate decimated): the oracle on the data read there', async () => {
    const plan = levelPlan(await prepared(), { width: 40, height: 30 }, null);
    expect(plan.grid.width).toBe(40);
    const pool = createNodePool(2);
    try {
      const out = await runPlan(plan, pool, { rows: false, pixels: true, pixelRho: true });
      expect(out.maps!.grid.width * out.maps!.grid.height).toBe(1200);
      expect(compareSummaries(out.summary, expected('level_40x30_summary.json'), TOL)).toEqual([]);
    } finally {
      pool.terminate();
    }
  }, 60_000);

  it('a zoomed window of the 80 × 60 overview: the oracle on that window', async () => {
    const plan = levelPlan(await prepared(), { width: 80, height: 60 }, { x0: 12, y0: 8, width: 36, height: 28 });
    const pool = createNodePool(2);
    try {
      const out = await runPlan({ ...plan, blockRows: 10 }, pool, { rows: false, pixels: true, pixelRho: true });
      expect(compareSummaries(out.summary, expected('window_80x60_12_8_36x28_summary.json'), TOL)).toEqual([]);
    } finally {
      pool.terminate();
    }
  }, 60_000);
});

describe('choosing the map\'s level', () => {
  const ovs = [{ width: 1200, height: 1200 }, { width: 600, height: 600 }, { width: 300, height: 300 }];
  it('takes the largest overview within the budget of pixel-years and pixels', () => {
    // one MODIS tile, 23 years, 10 M pixel-years: 1200² × 23 = 33 M (no), 600² × 23 = 8.3 M (yes)
    expect(chooseOverview({ width: 2400, height: 2400 }, ovs, 23, { pixelYears: 10e6, pixels: 4e6 })).toEqual({ level: { width: 600, height: 600 }, fromOverview: true });
    expect(chooseOverview({ width: 2400, height: 2400 }, ovs, 3, { pixelYears: 10e6, pixels: 4e6 }).level.width).toBe(1200);
    expect(chooseOverview({ width: 2400, height: 2400 }, ovs, 3, { pixelYears: 10e6, pixels: 1e6 }).level.width).toBe(600);
  });
  it('decimates below the smallest overview when none fits', () => {
    // 300² × 23 = 2.1 M > 1.5 M; 150² × 23 = 0.5 M
    expect(chooseOverview({ width: 2400, height: 2400 }, ovs, 23, { pixelYears: 1.5e6, pixels: 4e6 })).toEqual({ level: { width: 150, height: 150 }, fromOverview: false });
  });
  it('decimates by 2, 4, … (sizes rounded up, as GDAL) without overviews', () => {
    expect(decimatedLevels(5, 3)).toEqual([{ width: 3, height: 2 }, { width: 2, height: 1 }, { width: 1, height: 1 }]);
    expect(chooseOverview({ width: 2400, height: 2400 }, [], 23, { pixelYears: 10e6, pixels: 4e6 })).toEqual({ level: { width: 600, height: 600 }, fromOverview: false });
  });
  it('lists the readable levels full resolution first', () => {
    expect(readableLevels({ width: 2400, height: 2400 }, [ovs[2], ovs[0]])).toEqual([{ width: 2400, height: 2400 }, ovs[0], ovs[2]]);
  });
});

describe('levelPlan and pixel sizes', () => {
  const crs = { proj4: '', epsg: null, geographic: false, name: 'x', geoKeys: {} };
  const grid: Grid = { width: 2400, height: 2400, geoTransform: [0, 463.3127, 0, 0, 0, -463.3127], crs };
  it('a level plan reads the files at that level (and window) on its grid', () => {
    const plan = { grid, blockRows: 512, read: null } as never;
    const p = levelPlan(plan, { width: 600, height: 600 }, { x0: 10, y0: 20, width: 100, height: 50 });
    expect(p.read).toEqual({ level: { width: 600, height: 600 }, window: { x0: 10, y0: 20, width: 100, height: 50 } });
    expect(p.grid.width).toBe(100);
    expect(p.grid.geoTransform[0]).toBeCloseTo(10 * 4 * 463.3127, 6);
    expect(p.grid.geoTransform[3]).toBeCloseTo(-20 * 4 * 463.3127, 6);
    expect(levelPlan(plan, { width: 2400, height: 2400 }, null).read).toBeNull();
  });
  it('says a pixel\'s size as a person would', () => {
    expect(pixelSizeText(grid)).toBe('463 m');
    expect(pixelSizeText({ ...grid, geoTransform: [0, 1853.25, 0, 0, 0, -1853.25] })).toBe('1.85 km');
    expect(pixelSizeText({ ...grid, crs: { ...crs, geographic: true }, geoTransform: [0, 0.05, 0, 0, 0, -0.05] })).toBe('0.05°');
  });
});

describe("a first map's level (previewOverview)", () => {
  // The demo's NPP COGs: 2000 × 756 px with overviews of factors 2 … 16 (as GDAL makes them).
  const demo = [{ width: 1000, height: 378 }, { width: 500, height: 189 }, { width: 250, height: 95 }, { width: 125, height: 48 }];
  it('takes the largest overview of at most a quarter of the width and height', () => {
    expect(previewOverview({ width: 2000, height: 756 }, [...demo].reverse(), 1 << 20)).toEqual({ width: 500, height: 189 });
    // odd sizes: GDAL rounds the overview up (1001 → 501 → 251)
    expect(previewOverview({ width: 1001, height: 1201 }, [{ width: 501, height: 601 }, { width: 251, height: 301 }], 1 << 20)).toEqual({ width: 251, height: 301 });
    // a factor-3 level (667 px) is not a quarter of 2000 px wide: the next one down
    expect(previewOverview({ width: 2000, height: 1000 }, [{ width: 1333, height: 667 }, { width: 667, height: 333 }, { width: 333, height: 167 }], 1 << 20)).toEqual({ width: 333, height: 167 });
  });
  it('falls back to the largest of at most half the width and height when none is that coarse', () => {
    expect(previewOverview({ width: 2000, height: 756 }, [{ width: 1000, height: 378 }], 1 << 20)).toEqual({ width: 1000, height: 378 });
    // larger than half (a factor-1.5 level) is not taken either
    expect(previewOverview({ width: 2000, height: 1000 }, [{ width: 1333, height: 667 }], 1 << 20)).toBeNull();
  });
  it('is full resolution (null) for a small grid or files without overviews', () => {
    expect(previewOverview({ width: 1000, height: 1000 }, demo, 1 << 20)).toBeNull();
    expect(previewOverview({ width: 2000, height: 756 }, [], 1 << 20)).toBeNull();
  });
});
