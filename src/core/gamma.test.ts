import { describe, expect, it } from 'vitest';
import { lnBeta, lnGamma } from './gamma';

const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

describe('lnGamma / lnBeta', () => {
  it('matches ln((n−1)!) and ln √π', () => {
    let fact = 1;
    for (let n = 1; n <= 60; n++) {
      if (n > 1) fact *= n - 1;
      const want = Math.log(fact);
      if (want === 0) expect(Math.abs(lnGamma(n))).toBeLessThan(5e-15);
      else expect(rel(lnGamma(n), want), `n=${n}`).toBeLessThan(1e-14);
    }
    expect(rel(lnGamma(0.5), 0.5 * Math.log(Math.PI))).toBeLessThan(1e-14);
    expect(Math.abs(lnGamma(1.5) - Math.log(0.5 * Math.sqrt(Math.PI)))).toBeLessThan(3e-15);
  });

  it('lnBeta from exact beta values', () => {
    // B(a, 1) = 1/a; B(n, ½) = 2^(2n) / (n · C(2n, n)) for integer n (no rounding in the check up to n = 20)
    for (const a of [0.5, 3, 12.5, 250, 1e4]) expect(rel(lnBeta(a, 1), -Math.log(a))).toBeLessThan(1e-13);
    let c = 1; // C(2n, n)
    for (let n = 1; n <= 20; n++) {
      c = (c * (2 * n) * (2 * n - 1)) / (n * n);
      const want = 2 * n * Math.LN2 - Math.log(n) - Math.log(c);
      expect(rel(lnBeta(n, 0.5), want), `n=${n}`).toBeLessThan(1e-13);
    }
    expect(lnBeta(0, 1)).toBeNaN();
  });
});
