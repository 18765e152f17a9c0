import { describe, expect, it } from 'vitest';
import { spearman } from './spearman';
import { close, loadFixture, loadReference, type StatsCase } from '../../test/fixtures/core/fixtures';

const ref = loadReference<{ spearman: { x: number[]; y: number[]; rho: number; p: number }[] }>();
const fx = loadFixture<{ cases: StatsCase[] }>('stats.json');

describe('spearman vs scipy.stats.spearmanr (and R cor.test)', () => {
  it('reference vectors, incl. ties in one and both series', () => {
    expect(ref.spearman.length).toBe(3);
    for (const c of ref.spearman) {
      const r = spearman(c.x, c.y);
      expect(close(r.rho, c.rho, 1e-13), `rho ${r.rho}`).toBe(true);
      expect(close(r.p, c.p, 1e-12), `p ${r.p}`).toBe(true);
    }
  });

  it('random series (make_stats.py)', () => {
    for (const c of fx.cases) {
      const r = spearman(c.x, c.y);
      if (Math.abs(Math.abs(c.spearman.rho) - 1) < 1e-12) {
        // scipy's corrcoef rounds a perfect rank correlation to 0.9999999999999999 and then gives p ~ 1e-64;
        // SPEC: |rho| = 1 → p = 0.
        expect(Math.abs(r.rho)).toBe(1);
        expect(r.p).toBe(0);
        continue;
      }
      expect(close(r.rho, c.spearman.rho, 1e-12, 1e-15), c.name).toBe(true);
      expect(close(r.p, c.spearman.p, 1e-10), `${c.name}: ${r.p} vs ${c.spearman.p}`).toBe(true);
    }
  });

  it('|rho| = 1 → p 0; constant, NaN, n < 3 → NaN', () => {
    expect(spearman([1, 2, 3, 4], [2, 4, 8, 16])).toEqual({ rho: 1, p: 0 });
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toEqual({ rho: -1, p: 0 });
    const k = spearman([1, 2, 3, 4], [5, 5, 5, 5]);
    expect(k.rho).toBeNaN();
    expect(k.p).toBeNaN();
    expect(spearman([1, 2, NaN, 4], [1, 2, 3, 4]).rho).toBeNaN();
    expect(spearman([1, 2], [1, 2]).rho).toBeNaN();
  });
});
