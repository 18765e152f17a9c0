/** Allocation-free sorting helpers for the short per-pixel series (insertion sort; shell sort beyond). */

/** Sorts a[0..n) ascending in place (values must not be NaN). */
export function sortInPlace(a: Float64Array, n: number): void {
  if (n > 64) {
    a.subarray(0, n).sort();
    return;
  }
  for (let i = 1; i < n; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

/** Fills idx[0..n) with 0..n−1 ordered by v[idx] ascending, stable (values must not be NaN). */
export function argsortInPlace(v: ArrayLike<number>, n: number, idx: Int32Array): void {
  for (let i = 0; i < n; i++) idx[i] = i;
  if (n > 64) {
    const view = idx.subarray(0, n);
    view.sort((p, q) => v[p] - v[q] || p - q);
    return;
  }
  for (let i = 1; i < n; i++) {
    const k = idx[i];
    const key = v[k];
    let j = i - 1;
    while (j >= 0 && v[idx[j]] > key) {
      idx[j + 1] = idx[j];
      j--;
    }
    idx[j + 1] = k;
  }
}
