import { describe, expect, it } from 'vitest';
import { mannKendall } from './mannKendall';
import { close, loadFixture, loadReference, type StatsCase } from '../../test/fixtures/core/fixtures';

interface MkRef { values: (number | null)[]; S: number; varS: number; z: number; p: number; tau: number }
const ref = loadReference<{ mannKendall: MkRef[] }>();
const fx = loadFixture<{ cases: StatsCase[]; constant: { y: number[]; mk: StatsCase['mk'] } }>('stats.json');

describe('Mann–Kendall', () => {
  it('pyMannKendall / R reference: 360 monthly values, 7 missing dropped, many ties', () => {
    const c = ref.mannKendall[0];
    const y = c.values.filter((v): v is number => v !== null);
    expect(y.length).toBe(353);
    const r = mannKendall(y);
    expect(r.s).toBe(c.S);
    expect(close(r.varS, c.varS, 1e-14)).toBe(true);
    expect(close(r.z, c.z, 1e-13)).toBe(true);
    expect(close(r.p, c.p, 1e-12)).toBe(true);
    expect(close(r.tau, c.tau, 1e-14)).toBe(true);
  });

  it('random series and ties (make_stats.py)', () => {
    for (const c of fx.cases) {
      const r = mannKendall(c.y);
      expect(r.s, c.name).toBe(c.mk.S);
      expect(close(r.varS, c.mk.varS, 1e-14), c.name).toBe(true);
      expect(close(r.z, c.mk.z, 1e-13, 1e-15), c.name).toBe(true);
      expect(close(r.p, c.mk.p, 1e-12), `${c.name}: ${r.p} vs ${c.mk.p}`).toBe(true);
      expect(close(r.tau, c.mk.tau, 1e-14, 1e-16), c.name).toBe(true);
    }
  });

  it('constant series: S 0, p 1', () => {
    const r = mannKendall(fx.constant.y);
    expect(r.s).toBe(0);
    expect(r.z).toBe(0);
    expect(r.p).toBe(fx.constant.mk.p);
    expect(r.p).toBe(1);
  });

  it('NaN or n < 3: NaN', () => {
    expect(mannKendall([1, NaN, 3, 4]).p).toBeNaN();
    expect(mannKendall([1, 2]).s).toBeNaN();
  });
});
