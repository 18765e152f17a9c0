import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { erf, erfc, normalCdf, normalSf, normalTwoSidedP } from './normal';

interface NCase { z: number; sf: number; cdf: number }
const fx = JSON.parse(readFileSync(new URL('../../test/fixtures/core/tdist.json', import.meta.url), 'utf8')) as { normal: NCase[] };
const rel = (got: number, want: number) => (want === 0 ? Math.abs(got) : Math.abs(got - want) / Math.abs(want));

describe('normal distribution vs scipy (test/fixtures/core/make_tdist.py)', () => {
  it('sf and cdf within 1e-12 relative, including tails near 1e-300', () => {
    expect(fx.normal.some((c) => c.sf < 1e-250)).toBe(true);
    for (const c of fx.normal) {
      expect(rel(normalSf(c.z), c.sf), `sf(${c.z})`).toBeLessThanOrEqual(1e-12);
      expect(rel(normalCdf(c.z), c.cdf), `cdf(${c.z})`).toBeLessThanOrEqual(1e-12);
    }
  });

  it('two-sided p = 2·sf(|z|)', () => {
    for (const c of fx.normal) {
      if (c.z < 0) continue;
      expect(rel(normalTwoSidedP(c.z), 2 * c.sf)).toBeLessThanOrEqual(1e-12);
      expect(rel(normalTwoSidedP(-c.z), 2 * c.sf)).toBeLessThanOrEqual(1e-12);
    }
  });

  it('erf/erfc: known values and edges', () => {
    // erfc(1) = 0.15729920705028513 and erf(0.5) = 0.5204998778130465 (Abramowitz & Stegun tables, to 16 digits)
    expect(rel(erfc(1), 0.15729920705028513)).toBeLessThan(1e-14);
    expect(rel(erf(0.5), 0.5204998778130465)).toBeLessThan(1e-14);
    expect(erfc(0)).toBe(1);
    expect(erfc(Infinity)).toBe(0);
    expect(erfc(-Infinity)).toBe(2);
    expect(erfc(NaN)).toBeNaN();
    expect(normalTwoSidedP(0)).toBe(1);
    expect(normalSf(NaN)).toBeNaN();
  });
});
