import { describe, expect, it } from 'vitest';
import { computeRhNep, createPixelScratch, includedMeans, pixelStats, type PixelStatsOutput } from './block';
import { PEI2010_DEFAULTS } from './respiration';
import { CLIMATE_VARS, type ClimateVar } from './summary';
import { close } from '../../test/fixtures/core/fixtures';
import { spearman } from './spearman';
import { e2e, f32 } from '../../test/fixtures/core/e2e';

const n = e2e.H * e2e.W;
const Y = e2e.years.length;

function newOut(withRho: boolean): PixelStatsOutput {
  const rho: Partial<Record<ClimateVar, Float32Array>> = {};
  if (withRho) for (const v of CLIMATE_VARS) rho[v] = new Float32Array(n);
  return { included: new Uint8Array(n), mean: new Float32Array(n), slope: new Float32Array(n), p: new Float32Array(n), cls: new Int8Array(n), rho };
}

function climate(): Partial<Record<ClimateVar, Float32Array>> {
  return { temperature: f32(e2e.temperature), precipitation: f32(e2e.precipitation), humidity: f32(e2e.humidity), sunshine: f32(e2e.sunshine) };
}

describe('computeRhNep vs numpy (make_e2e.py)', () => {
  it('Rh and NEP per pixel-year, NaN where T/R/NPP invalid or c·R + 1 ≤ 0', () => {
    expect(e2e.params).toEqual({ ...PEI2010_DEFAULTS });
    const rh = new Float32Array(Y * n);
    const nep = new Float32Array(Y * n);
    computeRhNep(f32(e2e.npp), f32(e2e.temperature), f32(e2e.precipitation), e2e.params, rh, nep);
    let nanRh = 0;
    for (let i = 0; i < Y * n; i++) {
      expect(close(rh[i], e2e.rh[i], 1e-6), `rh ${i}: ${rh[i]} vs ${e2e.rh[i]}`).toBe(true);
      expect(close(nep[i], e2e.nepChain[i], 1e-6, 1e-5), `nep ${i}`).toBe(true);
      if (Number.isNaN(rh[i])) nanRh++;
    }
    expect(nanRh).toBe(1);
    expect(Number.isNaN(nep[3 * n + 7])).toBe(true); // NPP NaN
    expect(Number.isNaN(nep[5 * n + 11])).toBe(true); // R = −10
  });

  it('in float64 (as the engine runs it) Rh and NEP match numpy to 1e-13', () => {
    const f64 = (a: (number | null)[]) => Float64Array.from(a, (v) => (v === null ? NaN : v));
    const rh = new Float64Array(Y * n);
    const nep = new Float64Array(Y * n);
    computeRhNep(f64(e2e.npp), f64(e2e.temperature), f64(e2e.precipitation), e2e.params, rh, nep);
    for (let i = 0; i < Y * n; i++) {
      expect(close(rh[i], e2e.rh[i], 1e-13), `rh ${i}`).toBe(true);
      expect(close(nep[i], e2e.nepChain[i], 1e-13, 1e-12), `nep ${i}`).toBe(true);
    }
  });

  it('repeating climate (a table) takes the cached path and gives the very same numbers', () => {
    const len = 3000;
    const T = Float64Array.from({ length: len }, (_, i) => (i % 700 === 5 ? NaN : Math.floor(i / 40) * 0.37 - 5));
    const R = Float64Array.from({ length: len }, (_, i) => (i % 900 === 7 ? -50 : 200 + Math.floor(i / 25) * 3.1));
    const npp = Float64Array.from({ length: len }, (_, i) => 100 + (i % 17));
    const rh = new Float64Array(len);
    const nep = new Float64Array(len);
    computeRhNep(npp, T, R, PEI2010_DEFAULTS, rh, nep);
    const one = new Float64Array(1);
    const two = new Float64Array(1);
    let nans = 0;
    for (let i = 0; i < len; i++) {
      computeRhNep(npp.subarray(i, i + 1), T.subarray(i, i + 1), R.subarray(i, i + 1), PEI2010_DEFAULTS, one, two);
      expect(Object.is(rh[i], one[0]), `rh ${i}`).toBe(true);
      expect(Object.is(nep[i], two[0]), `nep ${i}`).toBe(true);
      if (Number.isNaN(rh[i])) nans++;
    }
    expect(nans).toBe(5 + 4); // NaN T at 5, 705, 1405, 2105, 2805; R = −50 at 7, 907, 1807, 2707
  });

  it('with `inside`, pixels outside get NaN and the others exactly the unmasked values', () => {
    const all = [new Float32Array(Y * n), new Float32Array(Y * n)];
    const masked = [new Float32Array(Y * n), new Float32Array(Y * n)];
    const inside = Uint8Array.from({ length: n }, (_, k) => (k % 7 < 4 ? 1 : 0));
    computeRhNep(f32(e2e.npp), f32(e2e.temperature), f32(e2e.precipitation), e2e.params, all[0], all[1]);
    computeRhNep(f32(e2e.npp), f32(e2e.temperature), f32(e2e.precipitation), e2e.params, masked[0], masked[1], inside);
    // The same with the runs of inside pixels given (stale values in the outputs beforehand).
    const viaRuns = [new Float32Array(Y * n).fill(7), new Float32Array(Y * n).fill(7)];
    const pairs: number[] = [];
    for (let k = 0; k < n; k++) if (inside[k] && (k === 0 || !inside[k - 1])) pairs.push(k, k + 4 > n ? n : k + 4);
    computeRhNep(f32(e2e.npp), f32(e2e.temperature), f32(e2e.precipitation), e2e.params, viaRuns[0], viaRuns[1], inside, { runs: Int32Array.from(pairs), count: pairs.length / 2 });
    for (let i = 0; i < Y * n; i++) {
      const k = i % n;
      for (const j of [0, 1]) {
        if (inside[k]) expect(Object.is(masked[j][i], all[j][i]), `${j} ${i}`).toBe(true);
        else expect(masked[j][i]).toBeNaN();
        expect(Object.is(viaRuns[j][i], masked[j][i]) || (Number.isNaN(viaRuns[j][i]) && Number.isNaN(masked[j][i])), `runs ${j} ${i}`).toBe(true);
      }
    }
  });

  it('NaN temperature and c·R + 1 = 0 exactly give NaN Rh', () => {
    const rh = new Float32Array(2);
    const nep = new Float32Array(2);
    const c = PEI2010_DEFAULTS.c;
    computeRhNep(new Float32Array([100, 100]), new Float32Array([NaN, 5]), new Float32Array([300, Math.fround(-1 / c)]), PEI2010_DEFAULTS, rh, nep);
    expect(Number.isNaN(rh[0]) && Number.isNaN(nep[0])).toBe(true);
    // fround(−1/c) makes c·R + 1 a hair off zero; either it is ≤ 0 (NaN) or log of a tiny number (finite, hugely negative).
    expect(Number.isNaN(rh[1]) || rh[1] < -100).toBe(true);
  });
});

describe('pixelStats vs scipy per pixel (make_e2e.py)', () => {
  for (const method of ['ols', 'sen-mk'] as const) {
    it(`${method}: included, mean, slope, p, class, Spearman rho`, () => {
      const out = newOut(true);
      const scratch = createPixelScratch(Y);
      pixelStats({ years: Float64Array.from(e2e.years), n, nep: f32(e2e.nep), climate: climate(), inside: Uint8Array.from(e2e.inside), method }, out, scratch);
      const want = e2e.pixels[method];
      expect(Array.from(out.included)).toEqual(e2e.included);
      expect(Array.from(out.cls)).toEqual(want.cls);
      for (let k = 0; k < n; k++) {
        expect(close(out.mean[k], want.mean[k], 1e-6, 1e-6), `mean ${k}`).toBe(true);
        expect(close(out.slope[k], want.slope[k], 1e-6, 1e-7), `slope ${k}: ${out.slope[k]} vs ${want.slope[k]}`).toBe(true);
        expect(close(out.p[k], want.p[k], 1e-6, 1e-30), `p ${k}: ${out.p[k]} vs ${want.p[k]}`).toBe(true);
        for (const v of CLIMATE_VARS) expect(close(out.rho[v]![k], want.rho[v][k], 1e-6, 1e-7), `rho ${v} ${k}`).toBe(true);
      }
      // The special pixels really are special.
      expect(out.slope[12]).toBe(0);
      expect(out.p[12]).toBe(1);
      expect(out.cls[12]).toBe(0);
      expect(Number.isNaN(out.rho.humidity![13])).toBe(true);
      expect(Number.isNaN(out.rho.temperature![17])).toBe(true);
      expect(out.included[0] + out.included[7] + out.included[11] + out.included[29]).toBe(0);
    });
  }

  it('Float64Array input gives the same per-pixel results', () => {
    const a = newOut(true);
    const b = newOut(true);
    const years = Float64Array.from(e2e.years);
    const inside = Uint8Array.from(e2e.inside);
    pixelStats({ years, n, nep: f32(e2e.nep), climate: climate(), inside, method: 'ols' }, a, createPixelScratch(Y));
    const c64: Partial<Record<ClimateVar, Float64Array>> = {};
    for (const [v, arr] of Object.entries(climate())) c64[v as ClimateVar] = Float64Array.from(arr);
    pixelStats({ years, n, nep: Float64Array.from(f32(e2e.nep)), climate: c64, inside, method: 'ols' }, b, createPixelScratch(Y));
    expect(b).toEqual(a);
  });

  it('table-like climate (the same series for runs of pixels) gives the same rho as spearman()', () => {
    const nepArr = f32(e2e.nep);
    const temp = new Float32Array(Y * n);
    const prec = new Float32Array(Y * n);
    for (let k = 0; k < n; k++)
      for (let i = 0; i < Y; i++) {
        temp[i * n + k] = Math.floor(k / 4) + ((i * 7) % 5); // runs of 4 pixels share a series (with ties)
        prec[i * n + k] = (k % 2) * 10 + ((i * 3) % 8); // alternating between two series
      }
    const out = newOut(false);
    out.rho.temperature = new Float32Array(n);
    out.rho.precipitation = new Float32Array(n);
    pixelStats({ years: Float64Array.from(e2e.years), n, nep: nepArr, climate: { temperature: temp, precipitation: prec }, inside: Uint8Array.from(e2e.inside), method: 'ols' }, out, createPixelScratch(Y));
    for (let k = 0; k < n; k++) {
      if (!out.included[k]) continue;
      const ys = Array.from({ length: Y }, (_, i) => nepArr[i * n + k]);
      for (const [v, arr] of [['temperature', temp], ['precipitation', prec]] as const) {
        const want = spearman(ys, Array.from({ length: Y }, (_, i) => arr[i * n + k])).rho;
        expect(close(out.rho[v]![k], want, 1e-6, 1e-7), `${v} ${k}`).toBe(true);
      }
    }
  });

  it('rho only for requested variables; a requested variable without climate is NaN', () => {
    const out = newOut(false);
    out.rho.sunshine = new Float32Array(n).fill(7);
    const cl = climate();
    delete cl.sunshine;
    pixelStats({ years: Float64Array.from(e2e.years), n, nep: f32(e2e.nep), climate: cl, inside: Uint8Array.from(e2e.inside), method: 'ols' }, out, createPixelScratch(Y));
    expect(Object.keys(out.rho)).toEqual(['sunshine']);
    expect(Array.from(out.rho.sunshine!).every(Number.isNaN)).toBe(true);
  });

  it('nothing included: NaN and −128, no throw; scratch of another length is tolerated', () => {
    const m = 4;
    const out = { included: new Uint8Array(m), mean: new Float32Array(m), slope: new Float32Array(m), p: new Float32Array(m), cls: new Int8Array(m), rho: {} };
    const nep = new Float32Array(3 * m).fill(NaN);
    pixelStats({ years: Float64Array.from([1, 2, 3]), n: m, nep, climate: {}, inside: new Uint8Array(m).fill(1), method: 'sen-mk' }, out, createPixelScratch(10));
    expect(Array.from(out.included)).toEqual([0, 0, 0, 0]);
    expect(Array.from(out.cls)).toEqual([-128, -128, -128, -128]);
    expect(Array.from(out.mean).every(Number.isNaN)).toBe(true);
  });
});

describe('includedMeans', () => {
  it('gives pixelStats\' included and mean bit for bit (NaN years, pixels outside, float32 and float64 input)', () => {
    const Y = 23, n = 500;
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (const make of [(m: number) => new Float64Array(m), (m: number) => new Float32Array(m)]) {
      const nep = make(Y * n);
      for (let j = 0; j < nep.length; j++) nep[j] = rnd() < 0.01 ? NaN : (rnd() - 0.3) * 400 + rnd() * 1e-7;
      const inside = new Uint8Array(n).map(() => (rnd() < 0.9 ? 1 : 0));
      const years = Float64Array.from({ length: Y }, (_, i) => 2000 + i);
      const out: PixelStatsOutput = { included: new Uint8Array(n), mean: new Float32Array(n), slope: new Float32Array(n), p: new Float32Array(n), cls: new Int8Array(n), rho: {} };
      pixelStats({ years, n, nep, climate: {}, inside, method: 'ols' }, out, createPixelScratch(Y));
      const included = new Uint8Array(n).fill(9);
      const mean = new Float32Array(n);
      includedMeans(nep, inside, n, Y, included, mean);
      expect([...included]).toEqual([...out.included]);
      expect(Buffer.from(mean.buffer).equals(Buffer.from(out.mean.buffer))).toBe(true);
      const some = [...included].filter((x) => x === 1).length;
      expect(some).toBeGreaterThan(100);
      expect(some).toBeLessThan(n);
    }
  });
});
