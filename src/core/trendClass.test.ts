import { describe, expect, it } from 'vitest';
import { TREND_CLASS_NODATA, trendClass } from './trendClass';

describe('trendClass (SPEC §3)', () => {
  it('seven classes with the boundaries 0.01 and 0.05', () => {
    expect(trendClass(1, 0.001)).toBe(3);
    expect(trendClass(1, 0.00999)).toBe(3);
    expect(trendClass(1, 0.01)).toBe(2);
    expect(trendClass(1, 0.0499)).toBe(2);
    expect(trendClass(1, 0.05)).toBe(1);
    expect(trendClass(1, 0.9)).toBe(1);
    expect(trendClass(0, 0.001)).toBe(0);
    expect(trendClass(0, 1)).toBe(0);
    expect(trendClass(-2, 0)).toBe(-3);
    expect(trendClass(-2, 0.01)).toBe(-2);
    expect(trendClass(-2, 0.05)).toBe(-1);
    expect(trendClass(-1e-30, 1)).toBe(-1);
  });
  it('NaN → sentinel −128', () => {
    expect(TREND_CLASS_NODATA).toBe(-128);
    expect(trendClass(NaN, 0.01)).toBe(-128);
    expect(trendClass(1, NaN)).toBe(-128);
    expect(new Int8Array([trendClass(NaN, NaN)])[0]).toBe(-128);
  });
});
