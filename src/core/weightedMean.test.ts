import { describe, expect, it } from 'vitest';
import { weightedMean } from './weightedMean';

describe('weightedMean', () => {
  it('weights by area and skips NaN values', () => {
    expect(weightedMean([1, 3], [1, 3])).toBe(2.5);
    expect(weightedMean([1, NaN, 3], [1, 100, 3])).toBe(2.5);
    expect(weightedMean(new Float32Array([2, 4]), new Float64Array([1, 1]))).toBe(3);
  });
  it('nothing to average → NaN', () => {
    expect(weightedMean([NaN], [1])).toBeNaN();
    expect(weightedMean([], [])).toBeNaN();
    expect(weightedMean([1], [0])).toBeNaN();
  });
});
