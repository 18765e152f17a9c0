import { describe, expect, it } from 'vitest';
import { median, medianInPlace } from './median';

describe('median (numpy convention)', () => {
  it('odd and even lengths, duplicates', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, 5, 5, 1])).toBe(5);
    expect(median([1, 1, 5, 5])).toBe(3);
    expect(median([])).toBeNaN();
    expect(median([1, NaN])).toBeNaN();
  });
  it('matches sorting on many shuffles', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let t = 0; t < 300; t++) {
      const n = 1 + Math.floor(rnd() * 60);
      const a = Float64Array.from({ length: n }, () => Math.floor(rnd() * 10));
      const s = Array.from(a).sort((p, q) => p - q);
      const want = n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
      expect(medianInPlace(a, n)).toBe(want);
    }
  });
});
