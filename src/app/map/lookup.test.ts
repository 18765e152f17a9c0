import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import { buildMercatorLookup, buildSeparableLookup, canvasSizeFor, cellToIncluded, gridLonLatBounds, includedIndexOf, lookupSpans, sourceCorners } from './lookup';
import { gridTransform } from './gridTransform';
import { latOfMercY, mercY } from './mercator';
import type { Grid } from '../../io/grid';

const SINU = '+proj=sinu +lon_0=0 +x_0=0 +y_0=0 +R=6371007.181 +units=m +no_defs';

function sinuGrid(): Grid {
  // 4 km MODIS-sinusoidal pixels over part of the Qilian mountains.
  return {
    width: 120,
    height: 60,
    geoTransform: [8_300_000, 4000, 0, 4_300_000, 0, -4000],
    crs: { proj4: SINU, epsg: null, geographic: false, name: 'MODIS Sinusoidal', geoKeys: {} },
  };
}

describe('mercator', () => {
  it('matches the textbook values', () => {
    expect(mercY(0)).toBeCloseTo(0, 12);
    // ln(tan(45° + 22.5°)) = 0.881373587…
    expect(mercY(45)).toBeCloseTo(0.881373587019543, 12);
    expect(latOfMercY(0.881373587019543)).toBeCloseTo(45, 10);
  });
});

describe('includedIndexOf', () => {
  it('finds k by binary search and −1 for excluded cells', () => {
    const index = new Uint32Array([3, 7, 8, 20]);
    expect([3, 7, 8, 20, 0, 5, 21].map((c) => includedIndexOf(index, c))).toEqual([0, 1, 2, 3, -1, -1, -1]);
    const full = cellToIncluded(5, 5, index);
    expect(full[8]).toBe(2);
    expect(full[9]).toBe(-1);
  });
});

/**
 * `spans` are ascending, disjoint runs [start, end) that cover exactly the pixels with lookup ≥ 0
 * (as lookupSpans's, though they may be cut where a canvas row ends).
 */
function expectSpansOf(lookup: Int32Array, spans: Int32Array): void {
  const covered = new Uint8Array(lookup.length);
  let last = -1;
  for (let q = 0; q < spans.length; q += 2) {
    expect(spans[q]).toBeGreaterThanOrEqual(last);
    expect(spans[q + 1]).toBeGreaterThan(spans[q]);
    covered.fill(1, spans[q], spans[q + 1]);
    last = spans[q + 1];
  }
  const want = Uint8Array.from(lookup, (k) => (k >= 0 ? 1 : 0));
  expect(Buffer.from(covered).equals(Buffer.from(want))).toBe(true);
  expect(lookupSpans(lookup).length).toBeLessThanOrEqual(spans.length);
}

/** A 300 × 120 lon/lat grid with geotransform `gt`, every cell included but those i·7919 ≡ 0 (mod `skip`). */
function lonLatCase(gt: Grid['geoTransform'], skip: number) {
  const grid: Grid = {
    width: 300, height: 120, geoTransform: gt,
    crs: { proj4: '+proj=longlat +datum=WGS84 +no_defs', epsg: 4326, geographic: true, name: 'EPSG:4326', geoKeys: {} },
  };
  const index = new Uint32Array(grid.width * grid.height).map((_, i) => i).filter((i) => (i * 7919) % skip !== 0);
  return { grid, t: gridTransform(grid), index, cellToK: cellToIncluded(grid.width, grid.height, index) };
}

describe('buildMercatorLookup', () => {
  it('places a sinusoidal grid by per-pixel inverse projection (proj4 checked independently)', () => {
    const grid = sinuGrid();
    const t = gridTransform(grid);
    const all = new Uint32Array(grid.width * grid.height).map((_, i) => i);
    const cellToK = cellToIncluded(grid.width, grid.height, all);
    const bounds = gridLonLatBounds(grid.width, grid.height, t.toLonLat);
    const { width, height } = canvasSizeFor(bounds, grid.width, grid.height, t.toLonLat);
    const lk = buildMercatorLookup(bounds, width, height, t.toPixel, grid.width, grid.height, cellToK);
    const exact = buildMercatorLookup(bounds, width, height, t.toPixel, grid.width, grid.height, cellToK, 1);
    // The interpolated mesh gives the same cell as exact evaluation for (almost) every pixel.
    let differ = 0, inside = 0;
    for (let i = 0; i < lk.lookup.length; i++) {
      if (lk.lookup[i] !== exact.lookup[i]) differ++;
      if (lk.lookup[i] >= 0) inside++;
    }
    expect(differ / lk.lookup.length).toBeLessThan(0.001);
    // A sinusoidal grid is a parallelogram-ish shape in lon/lat: its bounding box has empty corners.
    expect(inside).toBeGreaterThan(0.5 * lk.lookup.length);
    expect(inside).toBeLessThan(lk.lookup.length);
    // Check sample canvas pixels against proj4 directly (x = R·λ·cos φ, y = R·φ).
    const conv = proj4(SINU, '+proj=longlat +datum=WGS84 +no_defs');
    const y0 = mercY(bounds.north), y1 = mercY(bounds.south);
    let checked = 0;
    for (let r = 3; r < height; r += 37) {
      for (let c = 5; c < width; c += 41) {
        const lon = bounds.west + ((c + 0.5) / width) * (bounds.east - bounds.west);
        const lat = latOfMercY(y0 + ((r + 0.5) / height) * (y1 - y0));
        const [x, y] = conv.inverse([lon, lat]);
        const col = Math.floor((x - 8_300_000) / 4000), row = Math.floor((4_300_000 - y) / 4000);
        const expected = col >= 0 && row >= 0 && col < grid.width && row < grid.height ? row * grid.width + col : -1;
        expect(exact.lookup[r * width + c]).toBe(expected);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('maps a lon/lat grid with rows spaced in Mercator y, not linearly in latitude', () => {
    // 10 × 40 cells of 1° × 1° from 30°N to 70°N: at high latitude cells are taller on the map.
    const grid: Grid = {
      width: 10, height: 40, geoTransform: [0, 1, 0, 70, 0, -1],
      crs: { proj4: '+proj=longlat +datum=WGS84 +no_defs', epsg: 4326, geographic: true, name: 'EPSG:4326', geoKeys: {} },
    };
    const t = gridTransform(grid);
    const index = new Uint32Array(grid.width * grid.height).map((_, i) => i);
    const cellToK = cellToIncluded(grid.width, grid.height, index);
    const bounds = { west: 0, east: 10, south: 30, north: 70 };
    const lk = buildMercatorLookup(bounds, 10, 400, t.toPixel, grid.width, grid.height, cellToK);
    // Count canvas rows per grid row in column 0: the 69–70°N row gets more canvas rows than the 30–31°N row.
    const rowsOf = (gridRow: number) => {
      let n = 0;
      for (let r = 0; r < 400; r++) if (lk.lookup[r * 10] === gridRow * 10) n++;
      return n;
    };
    const top = rowsOf(0), bottom = rowsOf(39);
    // Expected ratio = (mercY(70)−mercY(69)) / (mercY(31)−mercY(30)) ≈ 2.5.
    const ratio = (mercY(70) - mercY(69)) / (mercY(31) - mercY(30));
    expect(top / bottom).toBeGreaterThan(ratio * 0.85);
    expect(top / bottom).toBeLessThan(ratio * 1.15);
    expect(sourceCorners(bounds)).toEqual([[0, 70], [10, 70], [10, 30], [0, 30]]);
  });

  it('the separable path (lon/lat grids) gives exactly the cells of the exact per-pixel evaluation', () => {
    // The demo's grid shape, smaller: 0.0045° cells, some cells not included.
    const { grid, t, index, cellToK } = lonLatCase([94.4, 0.0045, 0, 40, 0, -0.0045], 11);
    // A box wider than the grid on the west and south: canvas pixels off the grid stay −1.
    const bounds = { west: 94.3, east: 94.4 + 300 * 0.0045, south: 40 - 130 * 0.0045, north: 40 };
    const exact = buildMercatorLookup(bounds, 330, 170, t.toPixel, grid.width, grid.height, cellToK, 1);
    const fast = buildSeparableLookup(bounds, 330, 170, t.toPixel, grid.width, grid.height, index);
    expect(fast.lookup.some((k) => k === -1)).toBe(true);
    expect(fast.lookup.some((k) => k > 1000)).toBe(true);
    expect(Array.from(fast.lookup)).toEqual(Array.from(exact.lookup));
    expectSpansOf(fast.lookup, fast.spans!);
    // Fewer canvas rows and columns than grid rows and columns (cells skipped), and more (repeated).
    for (const [w, h] of [[97, 41], [901, 377]]) {
      const a = buildMercatorLookup(bounds, w, h, t.toPixel, grid.width, grid.height, cellToK, 1);
      const b = buildSeparableLookup(bounds, w, h, t.toPixel, grid.width, grid.height, index);
      expect(Array.from(b.lookup), `${w} × ${h}`).toEqual(Array.from(a.lookup));
      expectSpansOf(b.lookup, b.spans!);
    }
  });

  it('the separable path, on a grid whose columns run east to west', () => {
    // The same cells as above with the x axis flipped (a negative pixel width): columns descend.
    const { grid, t, index, cellToK } = lonLatCase([94.4 + 300 * 0.0045, -0.0045, 0, 40, 0, -0.0045], 13);
    const bounds = { west: 94.4, east: 94.4 + 300 * 0.0045, south: 40 - 120 * 0.0045, north: 40 };
    const exact = buildMercatorLookup(bounds, 450, 180, t.toPixel, grid.width, grid.height, cellToK, 1);
    const fast = buildSeparableLookup(bounds, 450, 180, t.toPixel, grid.width, grid.height, index);
    expect(fast.lookup.some((k) => k > 1000)).toBe(true);
    expect(Array.from(fast.lookup)).toEqual(Array.from(exact.lookup));
    expectSpansOf(fast.lookup, fast.spans!);
  });
});
