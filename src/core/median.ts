/**
 * Median of the first n values of a scratch array, by quickselect with a branchless
 * Lomuto partition (fast for the a few hundred pairwise slopes of a pixel; reorders the values).
 */

/** Partitions a[lo..hi] around the value at `piv`; returns the pivot's final index. */
function partition(a: Float64Array, lo: number, hi: number, piv: number): number {
  const p = a[piv];
  a[piv] = a[hi];
  a[hi] = p;
  let store = lo;
  for (let i = lo; i < hi; i++) {
    const v = a[i];
    a[i] = a[store];
    a[store] = v;
    store += (v < p) as unknown as number;
  }
  a[hi] = a[store];
  a[store] = p;
  return store;
}

/** The k-th smallest of a[lo..hi] (0-based k in [lo, hi]); afterwards a[lo..k) ≤ a[k]. */
function select(a: Float64Array, lo: number, hi: number, k: number): number {
  while (hi > lo) {
    // Median of three as pivot index.
    const mid = (lo + hi) >>> 1;
    const x = a[lo];
    const y = a[mid];
    const z = a[hi];
    const piv = x < y ? (y < z ? mid : x < z ? hi : lo) : x < z ? lo : y < z ? hi : mid;
    const s = partition(a, lo, hi, piv);
    if (k === s) return a[s];
    if (k < s) {
      hi = s - 1;
      continue;
    }
    // Right side: first gather the copies of the pivot, so that many equal values take O(n).
    const p = a[s];
    let e = s + 1;
    for (let i = s + 1; i <= hi; i++) {
      const v = a[i];
      a[i] = a[e];
      a[e] = v;
      e += (v === p) as unknown as number;
    }
    if (k < e) return p;
    lo = e;
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
  for (let i = 1; i < k; i++) lo = a[i] > lo ? a[i] : lo;
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
