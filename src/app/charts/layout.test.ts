import { describe, expect, it } from 'vitest';
import { tickText, yearTicks } from './layout';

describe('yearTicks', () => {
  it('steps 2000–2022 by 5 years', () => {
    const years = Array.from({ length: 23 }, (_, i) => 2000 + i);
    expect(yearTicks(years)).toEqual([2000, 2005, 2010, 2015, 2020]);
  });
  it('shows every year of a short series', () => {
    expect(yearTicks([2001, 2002, 2003])).toEqual([2001, 2002, 2003]);
  });
  it('is empty without years', () => {
    expect(yearTicks([])).toEqual([]);
  });
});

describe('tickText', () => {
  it('uses a typographic minus', () => {
    expect(tickText(-20, String)).toBe('\u221220');
  });
});
