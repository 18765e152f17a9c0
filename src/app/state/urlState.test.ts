import { describe, expect, it } from 'vitest';
import { clampYear, formatViewState, parseViewState } from './urlState';

describe('view state in the URL hash', () => {
  it('round-trips layer, year and zone', () => {
    const h = formatViewState({ layer: 'trend-class', year: 2019, zone: 'III-1-2' });
    expect(h).toBe('#layer=trend-class&year=2019&zone=III-1-2');
    expect(parseViewState(h)).toEqual({ layer: 'trend-class', year: 2019, zone: 'III-1-2' });
  });

  it('falls back to defaults for unknown values and keeps other parameters', () => {
    expect(parseViewState('#layer=bogus&year=20x9')).toEqual({ layer: 'nep', year: 'mean', zone: null });
    expect(formatViewState({ layer: 'nep', year: 'mean', zone: null }, '#x=1&zone=a')).toBe('#x=1&layer=nep&year=mean');
    expect(parseViewState('#layer=rho-temperature&year=mean').layer).toBe('rho-temperature');
  });

  it('accepts a year only when the result has it', () => {
    expect(clampYear(2019, [2000, 2019])).toBe(2019);
    expect(clampYear(1999, [2000, 2019])).toBe('mean');
  });
});
