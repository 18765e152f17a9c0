/**
 * Reading overviews, decimated levels and windows against what GDAL reads from the same files
 * (test/fixtures/large/make_large.py wrote overviews.json and masked.json with GDAL + numpy).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openRaster, type RasterArray } from './raster';
import { gridAt, levelGrid, levelRuns, rasterLevels, windowGrid } from './overview';
import type { Grid } from './grid';

const DIR = join(__dirname, '../../test/fixtures/large');
const ov = JSON.parse(readFileSync(join(DIR, 'overviews.json'), 'utf8'));
const masked = JSON.parse(readFileSync(join(DIR, 'masked.json'), 'utf8'));
const npp = join(DIR, 'sinusoidal/npp/npp_2001.tif');

interface Stats { width: number; height: number; sum: number; weighted: number; pixels: [number, number, number][] }

function expectStats(a: RasterArray, s: Stats) {
  expect(a.length).toBe(s.width * s.height);
  let sum = 0, weighted = 0;
  for (let i = 0; i < a.length; i++) { sum += a[i]; weighted += a[i] * ((i % 97) + 1); }
  expect(sum).toBe(s.sum);
  expect(weighted).toBe(s.weighted);
  for (const [x, y, v] of s.pixels) expect(a[y * s.width + x]).toBe(v);
}

async function readAll(file: string, at: Parameters<typeof openRaster>[2]) {
  const src = await openRaster(file, 'f.tif', at);
  try {
    // in two pieces, to read across a block boundary
    const h = src.grid.height, mid = Math.floor(h / 2);
    const a = await src.readRows(0, mid), b = await src.readRows(mid, h);
    const out = new (a.constructor as new (n: number) => RasterArray)(a.length + b.length);
    out.set(a as never, 0);
    out.set(b as never, a.length);
    return { src, data: out };
  } finally {
    src.close();
  }
}

describe('overview levels', () => {
  it('lists a file\'s overviews, largest first, as GDAL has them', async () => {
    const { grid, overviews } = await rasterLevels(npp, 'npp_2001.tif');
    expect([grid.width, grid.height]).toEqual([160, 120]);
    expect(overviews).toEqual(ov.npp.slice(1).map((l: Stats) => ({ width: l.width, height: l.height })));
  });

  it('reads each overview IFD: the values and the geotransform GDAL gives', async () => {
    for (const lv of ov.npp as (Stats & { geoTransform: number[] })[]) {
      const { src, data } = await readAll(npp, { level: { width: lv.width, height: lv.height } });
      expect(src.fromOverview).toBe(lv.width !== 160);
      expect(src.grid.width).toBe(lv.width);
      expect(src.grid.height).toBe(lv.height);
      src.grid.geoTransform.forEach((v, i) => expect(v).toBeCloseTo(lv.geoTransform[i], 6));
      expectStats(data, lv);
    }
  });

  it('skips mask IFDs (NewSubfileType 4 and 5)', async () => {
    const { overviews } = await rasterLevels(join(DIR, 'masked.tif'), 'masked.tif');
    expect(overviews).toEqual(masked.levels.slice(1).map((l: Stats) => ({ width: l.width, height: l.height })));
    for (const lv of masked.levels.slice(1) as Stats[]) {
      const { src, data } = await readAll(join(DIR, 'masked.tif'), { level: { width: lv.width, height: lv.height } });
      expect(src.fromOverview).toBe(true);
      expectStats(data, lv);
    }
  });

  it('decimates a file without overviews: the full-resolution pixel under each level pixel\'s centre (numpy)', async () => {
    const d = ov.decimated as Stats & { file: string };
    const { src, data } = await readAll(join(DIR, 'sinusoidal', d.file), { level: { width: d.width, height: d.height } });
    expect(src.fromOverview).toBe(false);
    expectStats(data, d);
  });

  it('decimates from the smallest overview above a level the file lacks (numpy on GDAL\'s 40 × 30 overview)', async () => {
    const d = ov.decimatedFromOverview as Stats & { file: string };
    const { src, data } = await readAll(join(DIR, 'sinusoidal', d.file), { level: { width: d.width, height: d.height } });
    expect(src.fromOverview).toBe(false);
    expectStats(data, d);
  });

  it('crops a window of an overview', async () => {
    const w = ov.window as Stats & { level: [number, number]; x0: number; y0: number };
    const at = { level: { width: w.level[0], height: w.level[1] }, window: { x0: w.x0, y0: w.y0, width: w.width, height: w.height } };
    const { src, data } = await readAll(npp, at);
    expectStats(data, w);
    const full = (await openRaster(npp, 'npp')).grid;
    expect(src.grid.geoTransform).toEqual(gridAt(full, at).geoTransform);
    // the window's origin is the overview pixel (x0, y0)'s corner
    const l = levelGrid(full, w.level[0], w.level[1]);
    expect(src.grid.geoTransform[0]).toBeCloseTo(l.geoTransform[0] + w.x0 * l.geoTransform[1], 6);
    expect(src.grid.geoTransform[3]).toBeCloseTo(l.geoTransform[3] + w.y0 * l.geoTransform[5], 6);
  });

  it('refuses a level the file cannot give, or a window outside it, naming the file', async () => {
    await expect(openRaster(npp, 'npp_2001.tif', { level: { width: 400, height: 300 } })).rejects.toThrow(/^npp_2001\.tif: no level of 400 × 300 px/);
    await expect(openRaster(npp, 'npp_2001.tif', { level: { width: 80, height: 60 }, window: { x0: 70, y0: 0, width: 20, height: 5 } })).rejects.toThrow(/^npp_2001\.tif: window .* outside the 80 × 60 px level/);
  });
});

describe('level and window grids', () => {
  const g: Grid = { width: 100, height: 50, geoTransform: [1000, 10, 0, 5000, 0, -20], crs: { proj4: '', epsg: null, geographic: false, name: 'x', geoKeys: {} } };
  it('scales the pixel size by the size ratios (GDAL\'s overview geotransform)', () => {
    expect(levelGrid(g, 25, 13).geoTransform).toEqual([1000, 40, 0, 5000, 0, -20 * 50 / 13]);
  });
  it('moves the origin to the window\'s corner', () => {
    expect(windowGrid(g, { x0: 3, y0: 2, width: 10, height: 5 })).toMatchObject({ width: 10, height: 5, geoTransform: [1030, 10, 0, 4960, 0, -20] });
  });
  it('maps pixel runs of a window to runs of the level rows, split at row ends', () => {
    // window 4 wide at column 2 of rows 10 wide: run [2, 7) = row 0 cols 2-3, row 1 cols 0-2
    const r = levelRuns({ runs: Int32Array.of(2, 7), count: 1 }, 4, 10, 2);
    expect(Array.from(r.runs)).toEqual([4, 6, 12, 15]);
    expect(r.count).toBe(2);
  });
});
