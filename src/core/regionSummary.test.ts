import { describe, expect, it } from 'vitest';
import { createPixelScratch, pixelStats } from './block';
import { accumulateBlock, createZonalSums, mergeZonalSums, type ZonalSums } from './zonal';
import { summarizeRegions } from './regionSummary';
import { cellAreasByRow } from './pixelArea';
import { CLIMATE_VARS, type ClimateVar, type RegionSummary, type TrendMethod } from './summary';
import { close } from '../../test/fixtures/core/fixtures';
import { e2e, f32, sliceRows } from '../../test/fixtures/core/e2e';

const { H, W } = e2e;
const n = H * W;
const Y = e2e.years.length;
const VARS = ['npp', 'rh', 'nep', ...CLIMATE_VARS];

/** Full pipeline over row blocks of `rowsPerBlock`, each block with fresh sums merged in block order. */
function run(method: TrendMethod, rowsPerBlock: number): { sums: ZonalSums; regions: RegionSummary[] } {
  const all: Record<string, Float32Array> = {
    npp: f32(e2e.npp), rh: f32(e2e.rh), nep: f32(e2e.nep),
    temperature: f32(e2e.temperature), precipitation: f32(e2e.precipitation), humidity: f32(e2e.humidity), sunshine: f32(e2e.sunshine),
  };
  const total = createZonalSums(e2e.nZones, Y, VARS);
  const scratch = createPixelScratch(Y);
  for (let r0 = 0; r0 < H; r0 += rowsPerBlock) {
    const r1 = Math.min(H, r0 + rowsPerBlock);
    const nb = (r1 - r0) * W;
    const values: Record<string, Float32Array> = {};
    for (const v of VARS) values[v] = sliceRows(all[v], r0, r1, W, n, Y);
    const climate: Partial<Record<ClimateVar, Float32Array>> = {};
    for (const v of CLIMATE_VARS) climate[v] = values[v];
    const out = { included: new Uint8Array(nb), mean: new Float32Array(nb), slope: new Float32Array(nb), p: new Float32Array(nb), cls: new Int8Array(nb), rho: {} };
    pixelStats({ years: Float64Array.from(e2e.years), n: nb, nep: values.nep, climate, inside: Uint8Array.from(e2e.inside.slice(r0 * W, r1 * W)), method }, out, scratch);
    // Block sums: variables in another order than the total's (merging is by name).
    const sums = createZonalSums(e2e.nZones, Y, [...VARS].reverse());
    accumulateBlock(sums, {
      n: nb,
      area: Float64Array.from(e2e.area.slice(r0 * W, r1 * W)),
      zone: Int16Array.from(e2e.zone.slice(r0 * W, r1 * W)),
      included: out.included, values, nep: values.nep, mean: out.mean, cls: out.cls,
    });
    mergeZonalSums(total, structuredClone(sums));
  }
  const regions = summarizeRegions(total, { ids: e2e.ids, names: e2e.names, years: e2e.years, method, vars: VARS });
  return { sums: total, regions };
}

function expectClose(got: unknown, want: unknown, path: string, rtol: number): void {
  if (want === null) {
    expect(got, path).toBeNull();
  } else if (typeof want === 'number') {
    expect(typeof got, path).toBe('number');
    expect(close(got as number, want, path.includes('.rh') ? 1e-6 : rtol, 1e-12), `${path}: ${got} vs ${want}`).toBe(true);
  } else if (typeof want === 'string') {
    expect(got, path).toBe(want);
  } else if (Array.isArray(want)) {
    expect(Array.isArray(got), path).toBe(true);
    expect((got as unknown[]).length, path).toBe(want.length);
    want.forEach((w, i) => expectClose((got as unknown[])[i], w, `${path}[${i}]`, rtol));
  } else {
    const g = got as Record<string, unknown>;
    const w = want as Record<string, unknown>;
    expect(Object.keys(g).sort(), path).toEqual(Object.keys(w).sort());
    for (const k of Object.keys(w)) expectClose(g[k], w[k], `${path}.${k}`, rtol);
  }
}

describe('pixelStats → zonal sums → summarizeRegions vs numpy/scipy (make_e2e.py)', () => {
  for (const method of ['ols', 'sen-mk'] as const) {
    it(`${method}: every field of every region, in blocks of 2 rows`, () => {
      const { regions } = run(method, 2);
      const want = e2e.regions[method];
      expect(regions.map((r) => r.id)).toEqual(['all', 'z0', 'z1', 'z2']);
      expectClose(regions, want, 'regions', 1e-10);
      // The empty zone: area 0 and nulls, never NaN.
      const z2 = regions[3];
      expect(z2.areaKm2).toBe(0);
      expect(z2.nep.mean).toBeNull();
      expect(z2.trendClasses['0']).toBeNull();
      expect(JSON.stringify(regions)).not.toMatch(/NaN|Infinity/);
    });
  }

  it('trend-class shares add up to 1 over the whole region; series keys are the SPEC ones', () => {
    const { regions } = run('ols', 3);
    const all = regions[0];
    const sum = Object.values(all.trendClasses).reduce((s, v) => s! + (v ?? 0), 0)!;
    expect(sum).toBeCloseTo(1, 12);
    expect(Object.keys(all.series)).toEqual(['npp', 'rh', 'nep', 'temperature', 'precipitation', 'humidity', 'sunshine', 'sinkAreaKm2', 'sourceAreaKm2', 'sourceShare']);
    expect(Object.keys(all.correlation)).toEqual(['temperature', 'precipitation', 'humidity', 'sunshine']);
  });

  it('same numbers for 1, 2, 3 or 6 rows per block (to rounding), identical for identical blocking', () => {
    const one = run('ols', 6).regions;
    for (const rows of [1, 2, 3]) expectClose(run('ols', rows).regions, one, `rows${rows}`, 1e-12);
    expect(JSON.stringify(run('ols', 2).regions)).toBe(JSON.stringify(run('ols', 2).regions));
  });

  it('the fixture areas are the WGS84 areas of cellAreasByRow', () => {
    const rows = cellAreasByRow(e2e.geoTransform, H, true);
    for (let k = 0; k < n; k++) expect(close(rows[Math.floor(k / W)], e2e.area[k], 1e-10)).toBe(true);
  });
});

describe('summarizeRegions: hand cases', () => {
  function oneRegion(series: number[], years: number[], method: TrendMethod = 'ols', temperature?: number[]) {
    const Y = years.length;
    const vars = temperature ? ['nep', 'temperature'] : ['nep'];
    const sums = createZonalSums(0, Y, vars);
    const values: Record<string, Float32Array> = { nep: Float32Array.from(series) };
    if (temperature) values.temperature = Float32Array.from(temperature);
    accumulateBlock(sums, {
      n: 1, area: Float64Array.of(2e6), zone: Int16Array.of(-1), included: Uint8Array.of(1), values,
      nep: values.nep, mean: Float32Array.of(series.reduce((a, b) => a + b, 0) / Y), cls: Int8Array.of(1),
    });
    return summarizeRegions(sums, { ids: ['all'], names: ['Whole region'], years, method, vars })[0];
  }

  it('min and max take the earliest year on ties; mean, cumulative, areas', () => {
    const r = oneRegion([1, 3, -2, 3, -2], [2001, 2002, 2003, 2004, 2005]);
    expect(r.nep.min).toEqual({ year: 2003, value: -2 });
    expect(r.nep.max).toEqual({ year: 2002, value: 3 });
    expect(r.nep.cumulative).toBe(3);
    expect(r.nep.mean).toBeCloseTo(0.6, 14);
    expect(r.areaKm2).toBe(2);
    expect(r.series.sinkAreaKm2).toEqual([2, 2, 0, 2, 0]);
    expect(r.series.sourceShare).toEqual([0, 0, 1, 0, 1]);
    expect(r.meanMap).toEqual({ sinkAreaKm2: 2, sourceAreaKm2: 0, sinkShare: 1 });
    expect(r.trendClasses).toEqual({ '-3': 0, '-2': 0, '-1': 0, '0': 0, '1': 1, '2': 0, '3': 0 });
  });

  it('a constant series: slope 0, r2 0, p 1 (ols) and slope 0, p 1 (sen-mk); constant climate: correlation null', () => {
    const ols = oneRegion([4, 4, 4, 4], [2000, 2001, 2002, 2003], 'ols', [1, 2, 3, 4]);
    expect([ols.nep.slope, ols.nep.r2, ols.nep.p]).toEqual([0, 0, 1]);
    expect(ols.correlation.temperature).toEqual({ rho: null, p: null });
    const sen = oneRegion([4, 4, 4, 4], [2000, 2001, 2002, 2003], 'sen-mk', [5, 5, 5, 5]);
    expect([sen.nep.slope, sen.nep.p]).toEqual([0, 1]);
    expect(sen.correlation.temperature).toEqual({ rho: null, p: null });
  });

  it('sen-mk: Theil–Sen slope and MK p of series.nep, r2 still from OLS', () => {
    const years = [2000, 2001, 2002, 2003, 2004, 2005, 2006];
    const r = oneRegion([1, 2, 3, 4, 5, 6, 70], years, 'sen-mk');
    expect(r.nep.slope).toBe(1);
    // S = 21, Var = 7·6·19/18, Z = 20/√Var; scipy: 2·norm.sf(Z) = 0.0026666817936140935,
    // linregress(range(7), y).rvalue² = 0.44163602941176466
    expect(close(r.nep.p!, 0.0026666817936140935, 1e-12)).toBe(true);
    expect(close(r.nep.r2!, 0.44163602941176466, 1e-12)).toBe(true);
  });
});
