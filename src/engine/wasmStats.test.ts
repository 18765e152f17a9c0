import { describe, expect, it } from 'vitest';
import { createPixelScratch, pixelStats, type PixelStatsInput, type PixelStatsOutput } from '../core/block';
import type { ClimateVar } from '../core/summary';
import { hasWasmStats, pixelStatsFast } from './wasmStats';

/** A deterministic generator (LCG), so a failure reproduces. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

const VARS: ClimateVar[] = ['temperature', 'precipitation', 'humidity', 'sunshine'];

/** A block of n pixels, Y years: trends, noise, ties, NaN years, constant series, table-like climate. */
function block(n: number, Y: number, seed: number, vars: ClimateVar[] = VARS): PixelStatsInput {
  const r = rng(seed);
  const years = Float64Array.from({ length: Y }, (_, i) => 2000 + i);
  const nep = new Float64Array(Y * n);
  const inside = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    inside[k] = r() < 0.8 ? 1 : 0;
    const kind = r();
    const slope = (r() - 0.5) * 6;
    for (let i = 0; i < Y; i++) {
      let v = 150 + slope * i + (r() - 0.5) * 80;
      if (kind < 0.05) v = 42; // constant: slope 0, p 1
      else if (kind < 0.1) v = Math.round(v / 25) * 25; // ties
      else if (kind < 0.12 && i === 3) v = NaN; // a missing year: not included
      else if (kind < 0.13) v = 100 + 2 * i; // a perfect line: |r| = 1
      nep[i * n + k] = v;
    }
  }
  const climate: Partial<Record<ClimateVar, Float64Array>> = {};
  vars.forEach((v, j) => {
    const c = new Float64Array(Y * n);
    const table = Float64Array.from({ length: Y }, () => r() * 10);
    for (let k = 0; k < n; k++) {
      const tableLike = j === 3 && k % 7 !== 0; // the same series for runs of pixels (reused ranks)
      for (let i = 0; i < Y; i++) {
        let x = tableLike ? table[i] : 5 + j + Math.sin(k / 50 + i) * 3 + (r() - 0.5) * 0.5;
        if (j === 1 && k % 97 === 5 && i === 7) x = NaN; // climate NaN: rho NaN
        if (j === 2) x = Math.round(x * 4) / 4; // ties in the climate
        c[i * n + k] = x;
      }
    }
    climate[v] = c;
  });
  return { years, n, nep, climate, inside, method: 'ols' };
}

function outputs(n: number, vars: ClimateVar[]): PixelStatsOutput {
  return {
    included: new Uint8Array(n),
    mean: new Float32Array(n),
    slope: new Float32Array(n),
    p: new Float32Array(n),
    cls: new Int8Array(n),
    rho: Object.fromEntries(vars.map((v) => [v, new Float32Array(n)])),
  };
}

/** Equal bit for bit (NaN equal to NaN). */
function same(a: ArrayLike<number>, b: ArrayLike<number>, what: string) {
  expect(a.length, what).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) expect([i, a[i]], what).toEqual([i, b[i]]);
}

describe('pixelStatsFast (WebAssembly) gives pixelStats’ numbers bit for bit', () => {
  it('loads here', () => {
    expect(hasWasmStats()).toBe(true);
  });

  for (const [n, Y, vars, seed] of [
    [3000, 23, VARS, 1],
    [30000, 23, VARS, 6], // more inside pixels than one chunk (8192): runs cut between chunks
    [1000, 3, VARS, 2],
    [800, 12, ['temperature', 'sunshine'] as ClimateVar[], 3],
    [500, 23, [] as ClimateVar[], 4],
  ] as const) {
    it(`${n} pixels, ${Y} years, ${vars.length} climate variables`, () => {
      const input = block(n, Y, seed, [...vars]);
      const a = outputs(n, [...vars]);
      const b = outputs(n, [...vars]);
      // Two blocks in a row on the same scratch: the kept orders and ranks must not matter.
      const sa = createPixelScratch(Y);
      for (let rep = 0; rep < 2; rep++) {
        pixelStats(input, a, sa);
        pixelStatsFast(input, b, sa);
        same(b.included, a.included, 'included');
        same(b.mean, a.mean, 'mean');
        same(b.slope, a.slope, 'slope');
        same(b.p, a.p, 'p');
        same(b.cls, a.cls, 'cls');
        for (const v of vars) same(b.rho[v]!, a.rho[v]!, `rho ${v}`);
      }
      // The block is not trivial: included and excluded pixels, every kind of class.
      expect(a.included.some((x) => x === 1) && a.included.some((x) => x === 0)).toBe(true);
      if (Y >= 12) expect(new Set(a.cls).size).toBeGreaterThanOrEqual(5);
    });
  }

  it('asks for no rho it was not given (a variable missing from the climate gets NaN)', () => {
    const n = 400;
    const input = block(n, 23, 9, ['temperature']);
    const a = outputs(n, ['temperature', 'humidity']);
    const b = outputs(n, ['temperature', 'humidity']);
    b.rho.humidity!.fill(7);
    pixelStats(input, a, createPixelScratch(23));
    pixelStatsFast(input, b, createPixelScratch(23));
    same(b.rho.temperature!, a.rho.temperature!, 'rho temperature');
    same(b.rho.humidity!, a.rho.humidity!, 'rho humidity');
    expect(b.rho.humidity!.every(Number.isNaN)).toBe(true);
  });

  it('Sen–Mann–Kendall goes to pixelStats', () => {
    const n = 300;
    const input = { ...block(n, 23, 5), method: 'sen-mk' as const };
    const a = outputs(n, VARS);
    const b = outputs(n, VARS);
    pixelStats(input, a, createPixelScratch(23));
    pixelStatsFast(input, b, createPixelScratch(23));
    same(b.slope, a.slope, 'slope');
    same(b.p, a.p, 'p');
  });
});
