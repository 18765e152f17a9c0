import { describe, expect, it } from 'vitest';
import { equationText, trendIntercept } from './equation';

describe('trendIntercept', () => {
  it('puts the OLS line through the means (hand-computed)', () => {
    // x̄ = 2001, ȳ = 2, slope 0.5 → b = 2 − 0.5 · 2001 = −998.5
    expect(trendIntercept([2000, 2001, 2002], [1, 3, 2], 0.5, 'ols')).toBe(-998.5);
  });
  it('skips missing years', () => {
    // valid pairs (2000, 1), (2002, 2): x̄ = 2001, ȳ = 1.5 → b = 1.5 − 2001 = −1999.5
    expect(trendIntercept([2000, 2001, 2002], [1, null, 2], 1, 'ols')).toBe(-1999.5);
  });
  it('places the Theil–Sen line at median(y) − slope · median(x)', () => {
    // median y of {0, 1, 10, 3} = 2, median x of {0…3} = 1.5 → b = 2 − 1 · 1.5 = 0.5
    expect(trendIntercept([0, 1, 2, 3], [0, 1, 10, 3], 1, 'sen-mk')).toBe(0.5);
  });
  it('is null without a slope or data', () => {
    expect(trendIntercept([0, 1], [1, 2], null, 'ols')).toBeNull();
    expect(trendIntercept([0, 1], [null, null], 1, 'ols')).toBeNull();
  });
});

describe('equationText', () => {
  it('prints the study style with x the year', () => {
    expect(equationText(0.5, -998.5)).toBe('y = 0.50x \u2212 998.50');
    expect(equationText(1.89, 3650.2, 1)).toBe('y = 1.9x + 3650.2');
    expect(equationText(-2.5, 10)).toBe('y = \u22122.50x + 10.00');
  });
  it('states the origin year when given one', () => {
    // value in 2000 = −998.5 + 0.5 · 2000 = 1.5
    expect(equationText(0.5, -998.5, 2, 2000)).toBe('y = 0.50(x \u2212 2000) + 1.50');
  });
  it('prints no line when the slope is missing', () => {
    expect(equationText(null, 1)).toBe('y = –');
  });
});
