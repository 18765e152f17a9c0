/** Median of the first n values of a scratch array, by quickselect (reorders the values). */

function select(a: Float64Array, lo: number, hi: number, k: number): number {
  while (hi > lo) {
    // Median of three as pivot.
    const mid = (lo + hi) >>> 1;
    let p = a[mid];
    const l = a[lo];
    const h = a[hi];
    if ((l <= p && p <= h) || (h <= p && p <= l)) {
      /* p */
    } else if ((p <= l && l <= h) || (h <= l && l <= p)) p = l;
    else p = h;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < p) i++;
      while (a[j] > p) j--;
      if (i <= j) {
        const tmp = a[i];
        a[i] = a[j];
        a[j] = tmp;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/**
 * Median of a[0..n) as numpy.median (mean of the two middle values for even n).
 * The values must not be NaN; the array is reordered. NaN for n = 0.
 */
export function medianInPlace(a: Float64Array, n: number): number {
  if (n <= 0) return NaN;
  const k = n >> 1;
  const hi = select(a, 0, n - 1, k);
  if (n & 1) return hi;
  // After select, a[0..k) ≤ a[k]: the lower middle is their maximum.
  let lo = a[0];
  for (let i = 1; i < k; i++) if (a[i] > lo) lo = a[i];
  return 0.5 * (lo + hi);
}

/** Median of any array-like of numbers (copies; NaN if any value is NaN or it is empty). */
export function median(values: ArrayLike<number>): number {
  const n = values.length;
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== v) return NaN;
    a[i] = v;
  }
  return medianInPlace(a, n);
}
