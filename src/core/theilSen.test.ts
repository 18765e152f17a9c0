import { describe, expect, it } from 'vitest';
import { theilSen, theilSenScratch, theilSenSlopeInto } from './theilSen';
import { close, loadFixture, loadReference, type StatsCase } from '../../test/fixtures/core/fixtures';

interface MkRef { values: (number | null)[]; senSlopeOriginalPositions: number; senSlopeReindexed: number }
const ref = loadReference<{ theilSen: { x: number[]; y: number[]; slope: number; intercept: number }[]; mannKendall: MkRef[] }>();
const fx = loadFixture<{ cases: StatsCase[] }>('stats.json');

describe('theilSen vs scipy.stats.theilslopes', () => {
  it("Sen's (1968) example", () => {
    for (const c of ref.theilSen) {
      const r = theilSen(c.x, c.y);
      expect(r.slope).toBe(c.slope);
      expect(r.intercept).toBe(c.intercept);
    }
  });

  it('both conventions of the Mann–Kendall reference series (nulls dropped)', () => {
    const c = ref.mannKendall[0];
    const xs: number[] = [];
    const ys: number[] = [];
    c.values.forEach((v, i) => {
      if (v !== null) {
        xs.push(i);
        ys.push(v);
      }
    });
    // Original time positions as x (the gaps stay gaps): scipy theilslopes(y, x_original).
    expect(close(theilSen(xs, ys).slope, c.senSlopeOriginalPositions, 1e-14)).toBe(true);
    // Re-indexed 0..352 after dropping (pyMannKendall's sens_slope on the dropped series).
    expect(close(theilSen(ys.map((_, i) => i), ys).slope, c.senSlopeReindexed, 1e-14)).toBe(true);
  });

  it('random series and ties, incl. ties in x (make_stats.py)', () => {
    for (const c of fx.cases) {
      const r = theilSen(c.x, c.y);
      expect(close(r.slope, c.theilSen.slope, 1e-12, 1e-14), `${c.name}: ${r.slope} vs ${c.theilSen.slope}`).toBe(true);
      expect(close(r.intercept, c.theilSen.intercept, 1e-10, 1e-9), `${c.name} intercept`).toBe(true);
    }
  });

  it('NaN, n < 2, all-equal x: NaN', () => {
    expect(theilSen([1, 2, 3], [1, NaN, 3]).slope).toBeNaN();
    expect(theilSen([1, NaN, 3], [1, 2, 3]).slope).toBeNaN();
    expect(theilSen([1, 2, 3], [1, 2, NaN]).intercept).toBeNaN();
    expect(theilSen([1], [1]).slope).toBeNaN();
    expect(theilSen([4, 4, 4], [1, 2, 3]).slope).toBeNaN();
    expect(theilSen([1, 2, 3, 4], [5, 5, 5, 5])).toEqual({ slope: 0, intercept: 5 });
  });

  it('theilSenSlopeInto reuses its scratch', () => {
    const s = theilSenScratch(4);
    expect(theilSenSlopeInto([0, 1, 2, 3], [0, 2, 4, 6], 4, s)).toBe(2);
    expect(theilSenSlopeInto([0, 1, 2, 3], [6, 4, 2, 0], 4, s)).toBe(-2);
  });
});
