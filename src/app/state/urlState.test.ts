import { describe, expect, it } from 'vitest';
import { clampYear, formatViewState, parseViewState, datasetFromSearch, searchWithDataset } from './urlState';

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

describe('dataset in the query', () => {
  it('reads ?dataset= and writes it back with other parameters kept', () => {
    expect(datasetFromSearch('?dataset=https%3A%2F%2Fcdn.example.org%2Fpark%2Fdataset.json')).toBe('https://cdn.example.org/park/dataset.json');
    expect(datasetFromSearch('?demo=synthetic')).toBeNull();
    expect(datasetFromSearch('?dataset=')).toBeNull();
    const s = searchWithDataset('?lang=en', 'https://x.org/d/dataset.json?v=2&k=1');
    expect(datasetFromSearch(s)).toBe('https://x.org/d/dataset.json?v=2&k=1');
    expect(new URLSearchParams(s).get('lang')).toBe('en');
    expect(searchWithDataset(s, null)).toBe('?lang=en');
    expect(searchWithDataset('?dataset=a', null)).toBe('');
  });
});
