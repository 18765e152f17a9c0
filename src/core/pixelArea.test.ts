import { describe, expect, it } from 'vitest';
import { cellAreasByRow, ellipsoidCellArea } from './pixelArea';
import { close, loadFixture } from '../../test/fixtures/core/fixtures';

interface G { geoTransform: number[]; height: number; quad: number[]; cea: number[] }
const fx = loadFixture<{ grids: G[]; globeAreaM2: number }>('cellarea.json');

describe('cellAreasByRow', () => {
  it('WGS84 cell areas vs scipy quad of the area element and GDAL/PROJ +proj=cea (make_cellarea.py)', () => {
    const lats = new Set(fx.grids.map((g) => Math.round(g.geoTransform[3])));
    for (const l of [0, 30, 45, 60, 80]) expect([...lats].some((v) => Math.abs(v - l) <= 1)).toBe(true);
    for (const g of fx.grids) {
      const a = cellAreasByRow(g.geoTransform, g.height, true);
      expect(a.length).toBe(g.height);
      for (let r = 0; r < g.height; r++) {
        expect(close(a[r], g.quad[r], 1e-9), `gt ${g.geoTransform} row ${r}: ${a[r]} vs quad ${g.quad[r]}`).toBe(true);
        expect(close(a[r], g.cea[r], 1e-9), `gt ${g.geoTransform} row ${r}: ${a[r]} vs cea ${g.cea[r]}`).toBe(true);
      }
    }
  });

  it('the whole globe in 1° rows sums to the ellipsoid area', () => {
    const a = cellAreasByRow([-180, 1, 0, 90, 0, -1], 180, true);
    const sum = a.reduce((s, v) => s + v, 0) * 360;
    expect(close(sum, fx.globeAreaM2, 1e-12)).toBe(true);
    expect(close(ellipsoidCellArea(-90, 90, 360), fx.globeAreaM2, 1e-13)).toBe(true);
  });

  it('south-up grids and rows past the pole', () => {
    const n = cellAreasByRow([0, 0.5, 0, 30, 0, -0.5], 2, true);
    const s = cellAreasByRow([0, 0.5, 0, 29, 0, 0.5], 2, true);
    expect(s[0]).toBeCloseTo(n[1], 6);
    expect(s[1]).toBeCloseTo(n[0], 6);
    const p = cellAreasByRow([0, 1, 0, 91, 0, -1], 2, true);
    expect(p[0]).toBe(0);
    expect(p[1]).toBeGreaterThan(0);
  });

  it('projected grids: |dx·dy|, e.g. MODIS sinusoidal 463.3127 m', () => {
    const d = 463.31271652791656;
    const a = cellAreasByRow([-20015109.354, d, 0, 10007554.677, 0, -d], 4, false);
    expect(Array.from(a)).toEqual([d * d, d * d, d * d, d * d]);
    expect(Array.from(cellAreasByRow([0, 30, 0, 0, 0, -30], 2, false))).toEqual([900, 900]);
  });
});
