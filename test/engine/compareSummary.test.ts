import { describe, expect, it } from 'vitest';
import { compareSummaries } from './compareSummary';

describe('compareSummaries', () => {
  it('finds numbers beyond tolerance, missing and extra fields, with their paths', () => {
    const e = { a: 1, b: [1, 2], c: { d: null, e: 0.5 } };
    expect(compareSummaries({ a: 1 + 1e-9, b: [1, 2], c: { d: null, e: 0.5 } }, e, { rel: 1e-6, abs: 1e-9 })).toEqual([]);
    expect(compareSummaries({ a: 1.1, b: [1], c: { d: 3, e: 0.5, f: 1 } }, e, { rel: 1e-6, abs: 1e-9 })).toEqual([
      '$.a: expected 1, got 1.1 (diff 1.00e-1)',
      '$.b: expected an array of 2, got [1]',
      '$.c.d: expected null, got 3',
      '$.c.f: not expected',
    ]);
  });
});
