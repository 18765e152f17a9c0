import { describe, expect, it } from 'vitest';
import { ols } from './ols';
import { close, loadFixture, loadReference, type StatsCase } from '../../test/fixtures/core/fixtures';

const ref = loadReference<{ linregress: { x: number[]; y: number[]; slope: number; intercept: number; r: number; p: number; stderr: number }[] }>();
const fx = loadFixture<{ cases: StatsCase[]; constant: { x: number[]; y: number[]; ols: StatsCase['ols'] } }>('stats.json');

describe('ols vs scipy.stats.linregress', () => {
  it('reference vector (scipy test_linregress)', () => {
    for (const c of ref.linregress) {
      const r = ols(c.x, c.y);
      expect(close(r.slope, c.slope, 1e-12)).toBe(true);
      expect(close(r.intercept, c.intercept, 1e-12)).toBe(true);
      expect(close(r.r, c.r, 1e-12)).toBe(true);
      expect(close(r.r2, c.r * c.r, 1e-12)).toBe(true);
      expect(close(r.p, c.p, 1e-8), `p ${r.p}`).toBe(true); // the reference p is given to 9 digits
      expect(close(r.stderr, c.stderr, 1e-12)).toBe(true);
    }
  });

  it('random series, ties, n = 3 (make_stats.py)', () => {
    expect(fx.cases.some((c) => c.x.length === 3)).toBe(true);
    for (const c of fx.cases) {
      const r = ols(c.x, c.y);
      const w = c.ols;
      expect(close(r.slope, w.slope, 1e-11, 1e-13), `${c.name} slope`).toBe(true);
      expect(close(r.intercept, w.intercept, 1e-9, 1e-9), `${c.name} intercept`).toBe(true);
      expect(close(r.r, w.r, 1e-11, 1e-14), `${c.name} r`).toBe(true);
      expect(close(r.p, w.p, 1e-9), `${c.name} p ${r.p} vs ${w.p}`).toBe(true);
      expect(close(r.stderr, w.stderr, 1e-9), `${c.name} stderr`).toBe(true);
    }
  });

  it('constant y: slope 0, r2 0, p 1', () => {
    const r = ols(fx.constant.x, fx.constant.y);
    expect(r.slope).toBe(fx.constant.ols.slope);
    expect(r.slope).toBe(0);
    expect(r.r2).toBe(0);
    expect(r.p).toBe(fx.constant.ols.p);
    expect(r.p).toBe(1);
    expect(r.intercept).toBe(7.5);
  });

  it('n < 3, NaN, constant x: NaN outputs, no throw', () => {
    for (const [x, y] of [
      [[1, 2], [3, 4]],
      [[], []],
      [[1, 2, 3, 4], [1, NaN, 3, 4]],
      [[1, NaN, 3, 4], [1, 2, 3, 4]],
      [[2, 2, 2], [1, 2, 3]],
      [[1, 2, 3], [1, Infinity, 3]],
    ]) {
      const r = ols(x, y);
      for (const v of Object.values(r)) expect(v).toBeNaN();
    }
  });

  it('a perfect fit gives a tiny but finite p, as scipy (TINY = 1e-20)', () => {
    const r = ols([0, 1, 2, 3, 4], [1, 3, 5, 7, 9]);
    expect(r.slope).toBe(2);
    expect(r.r2).toBe(1);
    expect(r.p).toBeGreaterThanOrEqual(0);
    expect(r.p).toBeLessThan(1e-20);
  });
});
