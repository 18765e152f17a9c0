import { describe, expect, it } from 'vitest';
import { identityOrder, rankFromOrderInto, rankInto, ranks } from './ranks';
import { loadFixture, type StatsCase } from '../../test/fixtures/core/fixtures';

const fx = loadFixture<{ cases: StatsCase[] }>('stats.json');

describe('average ranks vs scipy.stats.rankdata', () => {
  it('fixture series (with ties)', () => {
    expect(fx.cases.some((c) => new Set(c.y).size < c.y.length)).toBe(true);
    for (const c of fx.cases) expect(Array.from(ranks(c.y)), c.name).toEqual(c.ranksY);
  });
  it('hand cases and NaN', () => {
    expect(Array.from(ranks([10, 20, 10, 30, 20, 20]))).toEqual([1.5, 4, 1.5, 6, 4, 4]);
    expect(Array.from(ranks([5, 5, 5]))).toEqual([2, 2, 2]);
    expect(Array.from(ranks([1, NaN, 3])).every(Number.isNaN)).toBe(true);
    // Longer than the insertion-sort threshold.
    const v = Array.from({ length: 100 }, (_, i) => (i * 37) % 50);
    const r = ranks(v);
    expect(r[0]).toBe(1.5); // two zeros (i = 0 and 50)
    expect(r[50]).toBe(1.5);
    expect(r.reduce((a, b) => a + b, 0)).toBe((100 * 101) / 2);
  });
});

describe('rankInto: both short-series methods give scipy’s ranks', () => {
  it('with and without the sort scratch, on the fixture series and on ties of every length', () => {
    const series: number[][] = fx.cases.map((c) => c.y);
    for (let n = 1; n <= 64; n++) series.push(Array.from({ length: n }, (_, i) => ((i * 7) % 5) - 2 + (i % 3 === 0 ? 0.5 : 0)));
    for (const y of series) {
      const n = y.length;
      const a = new Float64Array(n);
      const b = new Float64Array(n);
      expect(rankInto(y, n, a, new Int32Array(n), new Float64Array(n))).toBe(true);
      expect(rankInto(y, n, b, new Int32Array(n))).toBe(true);
      expect(Array.from(a)).toEqual(Array.from(b));
    }
    for (const c of fx.cases) {
      const out = new Float64Array(c.y.length);
      rankInto(c.y, c.y.length, out, new Int32Array(c.y.length));
      expect(Array.from(out), c.name).toEqual(c.ranksY);
    }
  });
});

describe('rankFromOrderInto: scipy’s ranks whatever order it starts from', () => {
  it('on the fixture series, one after another with one order array', () => {
    const n = fx.cases[0].y.length;
    const order = identityOrder(n);
    const keys = new Float64Array(n);
    for (const c of fx.cases.filter((k) => k.y.length === n)) {
      const out = new Float64Array(n);
      expect(rankFromOrderInto(c.y, n, out, order, keys)).toBe(true);
      expect(Array.from(out), c.name).toEqual(c.ranksY);
    }
  });
  it('on drifting series with ties, and NaN leaves the order a permutation', () => {
    const n = 23;
    const order = identityOrder(n);
    const keys = new Float64Array(n);
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const base = Array.from({ length: n }, () => rnd());
    for (let t = 0; t < 500; t++) {
      // Neighbouring pixels: mostly the same order, sometimes swaps, rounded values make ties.
      const v = base.map((b, i) => Math.round((b + 0.05 * rnd() + (t % 50 === 0 ? rnd() : 0)) * 40) / 40 + i * 0);
      if (t % 97 === 0) v[t % n] = NaN;
      const a = new Float64Array(n);
      const b = new Float64Array(n);
      const okA = rankFromOrderInto(v, n, a, order, keys);
      const okB = rankInto(v, n, b, new Int32Array(n));
      expect(okA).toBe(okB);
      if (okB) expect(Array.from(a)).toEqual(Array.from(b));
      expect(Array.from(order).sort((x, y) => x - y)).toEqual(Array.from(identityOrder(n)));
    }
  });
});
