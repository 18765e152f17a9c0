/**
 * Theil–Sen estimator, as scipy.stats.theilslopes: slope = median of (y_j − y_i)/(x_j − x_i)
 * over the pairs with x_j ≠ x_i; intercept = median(y) − slope·median(x) (scipy's
 * default 'separate' method). NaN anywhere, or fewer than two distinct x: NaN.
 */
import { median, medianInPlace } from './median';

/** Slopes scratch for n values: n(n−1)/2 entries. */
export function theilSenScratch(n: number): Float64Array {
  return new Float64Array((n * (n - 1)) / 2);
}

/** Median pairwise slope of the first n values (allocation-free; `pairs` from theilSenScratch(n)). */
export function theilSenSlopeInto(x: ArrayLike<number>, y: ArrayLike<number>, n: number, pairs: Float64Array): number {
  let m = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const yi = y[i];
    if (xi !== xi || yi !== yi) return NaN;
    for (let j = i + 1; j < n; j++) {
      const dx = x[j] - xi;
      if (dx > 0) pairs[m++] = (y[j] - yi) / dx;
      else if (dx < 0) pairs[m++] = (yi - y[j]) / -dx;
    }
  }
  // (A NaN x[j] or y[j] for j = n−1 is caught by the i loop's last pass.)
  if (m === 0) return NaN;
  for (let i = 0; i < m; i++) if (pairs[i] !== pairs[i] || !Number.isFinite(pairs[i])) return NaN;
  return medianInPlace(pairs, m);
}

export interface TheilSenResult {
  slope: number;
  intercept: number;
}

/** Theil–Sen slope and intercept of y on x. */
export function theilSen(x: ArrayLike<number>, y: ArrayLike<number>): TheilSenResult {
  const n = Math.min(x.length, y.length);
  if (n < 2) return { slope: NaN, intercept: NaN };
  const slope = theilSenSlopeInto(x, y, n, theilSenScratch(n));
  if (slope !== slope) return { slope: NaN, intercept: NaN };
  return { slope, intercept: median(Array.prototype.slice.call(y, 0, n)) - slope * median(Array.prototype.slice.call(x, 0, n)) };
}
