import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { studentTCdf, studentTSf, studentTTwoSidedP, studentTTwoSidedPWithLnBeta, studentTLnBeta } from './tdist';

interface TCase { t: number; df: number; sf: number; cdf: number }
const fx = JSON.parse(readFileSync(new URL('../../test/fixtures/core/tdist.json', import.meta.url), 'utf8')) as { t: TCase[] };

const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

describe('Student t vs scipy (test/fixtures/core/make_tdist.py)', () => {
  it('has far-tail cases in the fixture', () => {
    expect(fx.t.length).toBeGreaterThan(1000);
    expect(fx.t.some((c) => c.sf < 1e-200)).toBe(true);
  });

  it('sf and cdf within 1e-10 relative for df 1..500, t from 1e-3 to far tails', () => {
    let worst = 0;
    let where = '';
    for (const c of fx.t) {
      for (const [got, want] of [
        [studentTSf(c.t, c.df), c.sf],
        [studentTCdf(c.t, c.df), c.cdf],
      ]) {
        const e = rel(got, want);
        if (!(e <= worst)) {
          worst = e;
          where = `t=${c.t} df=${c.df} got ${got} want ${want}`;
        }
      }
    }
    expect(worst, where).toBeLessThanOrEqual(1e-10);
  });

  it('two-sided p = 2·sf(|t|), with or without a precomputed ln B', () => {
    for (const c of fx.t) {
      if (c.t <= 0) continue;
      const want = 2 * c.sf;
      expect(rel(studentTTwoSidedP(c.t, c.df), want)).toBeLessThanOrEqual(1e-10);
      expect(rel(studentTTwoSidedP(-c.t, c.df), want)).toBeLessThanOrEqual(1e-10);
      expect(rel(studentTTwoSidedPWithLnBeta(c.t, c.df, studentTLnBeta(c.df)), want)).toBeLessThanOrEqual(1e-10);
    }
  });

  it('t = 50, df = 3 and a 1e-158 tail (df 500) do not underflow', () => {
    const a = fx.t.find((c) => c.t === 50 && c.df === 3)!;
    expect(rel(studentTSf(50, 3), a.sf)).toBeLessThan(1e-10);
    const b = fx.t.find((c) => c.t === 40 && c.df === 500)!;
    expect(b.sf).toBeLessThan(1e-150);
    expect(rel(studentTSf(40, 500), b.sf)).toBeLessThan(1e-10);
  });

  it('edge values', () => {
    expect(studentTSf(0, 5)).toBe(0.5);
    expect(studentTTwoSidedP(0, 5)).toBe(1);
    expect(studentTSf(Infinity, 5)).toBe(0);
    expect(studentTSf(-Infinity, 5)).toBe(1);
    expect(studentTTwoSidedP(Infinity, 5)).toBe(0);
    expect(studentTSf(NaN, 5)).toBeNaN();
    expect(studentTSf(1, NaN)).toBeNaN();
    expect(studentTSf(1, 0)).toBeNaN();
    expect(studentTSf(1, -2)).toBeNaN();
    // df = 1 is Cauchy: sf(1e200) = atan(1e-200)/π, representable.
    expect(rel(studentTSf(1e200, 1), 1e-200 / Math.PI)).toBeLessThan(1e-12);
    // df = ∞ is the normal distribution (Φ(−1.96) = 0.024997895148220435, scipy).
    expect(rel(studentTSf(1.96, Infinity), 0.024997895148220435)).toBeLessThan(1e-12);
  });
});
