import { describe, expect, it } from 'vitest';
import { createPixelScratch, pixelStats, type PixelStatsOutput } from '../core/block';
import type { ClimateVar } from '../core/summary';
import { accumulateBlock, createZonalSums, type ZonalSums } from '../core/zonal';
import { WasmBlock } from './wasmBlock';
import { computeRhNep } from '../core/block';
import { openRaster } from '../io/raster';
import { resampleSource } from '../io/resample';
import { layerApplier, type LayerValues } from '../io/layer';
import { fixture } from '../io/rasterFixtures';

/** A deterministic generator (LCG), so a failure reproduces. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

const VARS: ClimateVar[] = ['temperature', 'precipitation', 'humidity', 'sunshine'];
const Y = 23;
const years = Float64Array.from({ length: Y }, (_, i) => 2000 + i);

/** m packed pixels: trends, noise, ties, NaN years (not included), constant series, zones and areas in runs. */
function data(m: number, seed: number, nZones: number) {
  const r = rng(seed);
  const nep = new Float64Array(Y * m);
  const npp = new Float64Array(Y * m);
  const rh = new Float64Array(Y * m);
  const zone = new Int16Array(m);
  const area = new Float64Array(m);
  let z = -1;
  let a = 2.1e5;
  for (let k = 0; k < m; k++) {
    if (r() < 0.05) z = Math.floor(r() * (nZones + 1)) - 1; // runs of one zone, −1 = none
    if (r() < 0.03) a = 2e5 + Math.floor(r() * 4) * 1234.5; // rows of another latitude
    zone[k] = z;
    area[k] = a;
    const kind = r();
    const slope = (r() - 0.5) * 6;
    for (let i = 0; i < Y; i++) {
      let v = (r() - 0.3) * 80 + slope * i;
      if (kind < 0.05) v = 42;
      else if (kind < 0.1) v = Math.round(v / 25) * 25;
      else if (kind < 0.13 && i === 3) v = NaN;
      nep[i * m + k] = v;
      npp[i * m + k] = kind < 0.15 && i === 5 ? NaN : 300 + v;
      rh[i * m + k] = 300;
    }
  }
  const climate: Record<string, Float64Array> = {};
  VARS.forEach((v, j) => {
    const c = new Float64Array(Y * m);
    for (let k = 0; k < m; k++) {
      for (let i = 0; i < Y; i++) {
        let x = 5 + j + Math.sin(k / 50 + i) * 3 + (r() - 0.5) * 0.5;
        if (j === 1 && k % 97 === 5 && i === 7) x = NaN;
        if (j === 2) x = Math.round(x * 4) / 4;
        c[i * m + k] = x;
      }
    }
    climate[v] = c;
  });
  return { nep, npp, rh, zone, area, climate };
}

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>, what: string) {
  expect(a.length, what).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) expect(`${what}[${i}] = ${a[i]}`).toBe(`${what}[${i}] = ${b[i]}`);
}

describe('WasmBlock (the packed sub-block in the statistics module)', () => {
  it("gives pixelStats' statistics and accumulateBlock's sums bit for bit, sub-block after sub-block", () => {
    const nZones = 5;
    const vars = ['npp', 'rh', 'nep', ...VARS];
    const names = Object.keys(createZonalSums(nZones, Y, vars).weight);
    const wb = WasmBlock.create(years, VARS, nZones + 1, names)!;
    expect(wb).not.toBeNull();
    const wasmSums = createZonalSums(nZones, Y, vars);
    const jsSums: ZonalSums = createZonalSums(nZones, Y, vars);
    const cap = 3000;
    wb.startSums(cap);
    // three sub-blocks of different sizes (the last smaller), as a block's are
    for (const [m, seed] of [[3000, 1], [2500, 2], [700, 3]] as const) {
      const d = data(m, seed, nZones);
      const v = wb.views(m, cap);
      v.nep.set(d.nep);
      v.npp.set(d.npp);
      v.rh.set(d.rh);
      for (const c of VARS) v.climate[c]!.set(d.climate[c]);
      v.zone.set(d.zone);
      v.area.set(d.area);
      wb.stats(m, VARS.length);

      const js: PixelStatsOutput = {
        included: new Uint8Array(m), mean: new Float32Array(m), slope: new Float32Array(m), p: new Float32Array(m),
        cls: new Int8Array(m), rho: Object.fromEntries(VARS.map((c) => [c, new Float32Array(m)])),
      };
      pixelStats({ years, n: m, nep: d.nep, climate: d.climate, inside: new Uint8Array(m).fill(1), method: 'ols' }, js, createPixelScratch(Y));
      sameBits(v.included, js.included, 'included');
      sameBits(v.mean, js.mean, 'mean');
      sameBits(v.slope, js.slope, 'slope');
      sameBits(v.p, js.p, 'p');
      sameBits(v.cls, js.cls, 'cls');
      for (const c of VARS) sameBits(v.rho[c]!, js.rho[c]!, `rho ${c}`);
      expect(js.included.includes(0) && js.included.includes(1)).toBe(true);

      const values: Record<string, Float64Array> = { nep: d.nep, npp: d.npp, rh: d.rh, ...d.climate };
      wb.sumPixels(m, (name) => !!values[name]);
      accumulateBlock(jsSums, { n: m, area: d.area, zone: d.zone, included: js.included, values, nep: d.nep, mean: js.mean, cls: js.cls });
    }
    wb.takeSums(wasmSums);
    for (const k of ['area', 'pixels', 'sink', 'source', 'meanSink', 'meanSource', 'cls'] as const) sameBits(wasmSums[k], jsSums[k], k);
    for (const name of names) {
      sameBits(wasmSums.weight[name], jsSums.weight[name], `weight ${name}`);
      sameBits(wasmSums.weighted[name], jsSums.weighted[name], `weighted ${name}`);
    }
    expect(jsSums.pixels[0]).toBeGreaterThan(5000);
    expect(jsSums.cls.some((x) => x > 0) && jsSums.sink.some((x) => x > 0) && jsSums.source.some((x) => x > 0)).toBe(true);
  });

  it("works out Rh and NEP as core/block computeRhNep does, bit for bit (NaN, ±∞, c·R + 1 ≤ 0, repeated climate)", () => {
    const params = { model: 'pei2010', a: 0.22, b: 0.0913, c: 0.3145, k: 13.95 } as const;
    const wb = WasmBlock.create(years, ['humidity', 'temperature', 'precipitation'], 1, ['nep'])!;
    const r = rng(11);
    for (const m of [1, 257, 4000]) {
      const v = wb.views(m, m);
      const n = Y * m;
      for (let i = 0; i < n; i++) {
        const k = r();
        v.npp[i] = k < 0.02 ? NaN : 50 + 900 * r();
        // runs of one value (a climate table's), smooth values, and the edge cases
        v.climate.temperature![i] = k < 0.01 ? NaN : k < 0.015 ? -Infinity : k < 0.02 ? Infinity : i % 7 === 0 && i > 0 ? v.climate.temperature![i - 1] : -15 + 30 * r();
        v.climate.precipitation![i] = k > 0.99 ? NaN : k > 0.985 ? -1 / params.c : k > 0.98 ? -50 : k > 0.975 ? Infinity : i % 5 === 0 && i > 0 ? v.climate.precipitation![i - 1] : 900 * r();
      }
      const npp = Float64Array.from(v.npp), t = Float64Array.from(v.climate.temperature!), p = Float64Array.from(v.climate.precipitation!);
      const rh = new Float64Array(n), nep = new Float64Array(n);
      computeRhNep(npp, t, p, params, rh, nep);
      expect(wb.rhNep(m, params)).toBe(true);
      const got = wb.views(m, m);
      sameBits(got.rh, rh, `rh (${m} px)`);
      sameBits(got.nep, nep, `nep (${m} px)`);
      if (m === 4000) {
        expect(rh.some((x) => Number.isNaN(x)) && rh.some((x) => x > 0)).toBe(true);
        expect(t.some((x) => x === -Infinity)).toBe(true);
      }
    }
    const noP = WasmBlock.create(years, ['temperature'], 1, ['nep'])!;
    noP.views(1, 1);
    expect(noP.rhNep(1, params)).toBe(false);
  });

  it("packs an Int16 band's runs through its layer rule as layerApplier's gather does, bit for bit", () => {
    const wb = WasmBlock.create(years, ['temperature'], 1, ['nep'])!;
    const r = rng(5);
    const cases: [LayerValues, number | null][] = [
      [{ scale: 0.1, offset: 0, valid: [0, 32700] }, -32768],
      [{ scale: 0.0001, offset: -5.5, nodata: [32767, -3000, 2.7] }, null],
      [{}, null],
    ];
    for (const [spec, fileNoData] of cases) {
      const apply = layerApplier(spec, fileNoData, 'int16');
      expect(apply.intRule).not.toBeNull();
      const n = 3000;
      const raw = Int16Array.from({ length: n }, () => {
        const k = r();
        // fill codes, nodata values, the valid range's ends and just past them, negatives
        return k < 0.05 ? -32768 : k < 0.1 ? 32767 : k < 0.13 ? -3000 : k < 0.16 ? 2 : k < 0.18 ? 0 : k < 0.2 ? 32700 : k < 0.22 ? 32701 : k < 0.25 ? -Math.floor(r() * 400) : Math.floor(r() * 33000);
      });
      // runs like a park's rows: every fifth pixel left out, some long runs
      const runs = new Int32Array(2 * n);
      let nRuns = 0;
      for (let a = 0; a < n; ) {
        const len = 1 + Math.floor(r() * (r() < 0.2 ? 300 : 12));
        runs[2 * nRuns] = a;
        runs[2 * nRuns + 1] = Math.min(n, a + len);
        nRuns++;
        a += len + (r() < 0.5 ? 1 + Math.floor(r() * 5) : 0);
      }
      const m = Array.from({ length: nRuns }, (_, q) => runs[2 * q + 1] - runs[2 * q]).reduce((x, y) => x + y, 0);
      const v = wb.views(m, n);
      const want = new Float64Array(Y * m);
      for (const year of [0, 7]) apply.gather(raw, want, year * m, runs, nRuns);
      for (const year of [0, 7]) expect(wb.gatherInt16(raw, runs, nRuns, apply.intRule!, v.npp.subarray(year * m, (year + 1) * m))).toBe(true);
      for (const year of [0, 7]) sameBits(v.npp.subarray(year * m, (year + 1) * m), want.subarray(year * m, (year + 1) * m), `year ${year} of ${JSON.stringify(spec)}`);
      expect(want.some((x) => Number.isNaN(x)) || Object.keys(spec).length === 0).toBe(true);
    }
    expect(layerApplier({}, null, 'float32').intRule).toBeNull();
    // not its memory: nothing written
    expect(wb.gatherInt16(new Int16Array(4), Int32Array.of(0, 4), 1, layerApplier({}, null, 'int16').intRule!, new Float64Array(4))).toBe(false);
  });

  it('leaves a block’s sums at zero until sub-blocks are added, and starts again at zero', () => {
    const names = Object.keys(createZonalSums(2, Y, ['nep']).weight);
    const wb = WasmBlock.create(years, [], 3, names)!;
    wb.startSums(100);
    const d = data(100, 9, 2);
    const v = wb.views(100, 100);
    v.nep.set(d.nep);
    v.zone.set(d.zone);
    v.area.set(d.area);
    wb.stats(100, 0);
    wb.sumPixels(100, (name) => name === 'nep');
    const first = createZonalSums(2, Y, ['nep']);
    wb.takeSums(first);
    expect(first.pixels[0]).toBeGreaterThan(0);
    wb.startSums(100);
    const empty = createZonalSums(2, Y, ['nep']);
    wb.takeSums(empty);
    expect(Array.from(empty.pixels)).toEqual([0, 0, 0]);
    expect(empty.weight.nep.every((x) => x === 0)).toBe(true);
  });

  it("resamples a coarse grid's year into the packed series as readRows and the layer's rule give it, bit for bit", async () => {
    // test/fixtures/io/make_resample_same_crs.py: Int16 with nodata holes, 0.072° → 0.0045° (columns west of the source: none)
    const src = await openRaster(fixture('resample_coarse_4326.tif'), 'coarse');
    const ref = await openRaster(fixture('resample_coarse_fine_gdal.tif'), 'fine');
    const rs = resampleSource(src, ref.grid);
    const W = ref.grid.width, H = ref.grid.height;
    const spec = { scale: 0.01, offset: -3, valid: [-500, 3000] as [number, number] };
    const apply = layerApplier(spec, rs.noData, rs.dtype);
    const wb = WasmBlock.create(years, ['temperature'], 1, ['nep', 'temperature'], W, src.grid.width * src.grid.height)!;
    for (const [y0, y1] of [[0, 5], [7, 19], [H - 3, H]]) {
      const n = (y1 - y0) * W;
      // every other pixel, and the last one: runs like a park's
      const pos = Int32Array.from({ length: Math.ceil(n / 2) }, (_, j) => Math.min(n - 1, 2 * j));
      const m = pos.length;
      const runs = new Int32Array(2 * m);
      pos.forEach((k, j) => { runs[2 * j] = k; runs[2 * j + 1] = k + 1; });
      const raw = await rs.readRows(y0, y1, { runs, count: m });
      const want = new Float64Array(m);
      apply.gather(raw, want, 0, runs, m);
      const v = wb.views(m, n);
      wb.placePixels(pos, m);
      const rows = await rs.separableRows!(y0, y1);
      expect(rows).not.toBeNull();
      expect(wb.resample('temperature', 3, m, rows!, spec.scale, spec.offset, spec.valid[0], spec.valid[1])).toBe(true);
      const got = wb.views(m, n).climate.temperature!.subarray(3 * m, 4 * m);
      sameBits(got, want, `rows ${y0}–${y1}`);
      expect(want.some((x) => Number.isNaN(x)) || y0 > 0).toBe(true);
      expect(want.some((x) => !Number.isNaN(x))).toBe(true);
      void v;
    }
  });
});
