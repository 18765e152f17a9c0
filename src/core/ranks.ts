/** Ranks 1..n with ties given their average rank (scipy.stats.rankdata, method 'average'). */

/**
 * Average ranks of v[0..n) into out[0..n); idx is Int32 scratch of length ≥ n, and `keys`, when
 * given, Float64 scratch of length ≥ n (faster for short series).
 * Returns false (out untouched past the check) when a value is NaN.
 */
export function rankInto(v: ArrayLike<number>, n: number, out: Float64Array, idx: Int32Array, keys?: Float64Array): boolean {
  for (let i = 0; i < n; i++) if (v[i] !== v[i]) return false;
  if (n <= 64 && keys) {
    // Short series: insertion sort of (value, index), then runs of equal values share their mean rank.
    for (let i = 0; i < n; i++) {
      const x = v[i];
      let j = i - 1;
      while (j >= 0 && keys[j] > x) {
        keys[j + 1] = keys[j];
        idx[j + 1] = idx[j];
        j--;
      }
      keys[j + 1] = x;
      idx[j + 1] = i;
    }
    for (let i = 0; i < n; ) {
      const vi = keys[i];
      let j = i + 1;
      while (j < n && keys[j] === vi) j++;
      const r = 0.5 * (i + j + 1); // mean of ranks i+1 … j
      for (let k = i; k < j; k++) out[idx[k]] = r;
      i = j;
    }
    return true;
  }
  if (n <= 64) {
    // Short series: rank_i = #(v_j < v_i) + (#(v_j = v_i) + 1)/2, counted without branches.
    for (let i = 0; i < n; i++) {
      const vi = v[i];
      let r = 0.5;
      for (let j = 0; j < n; j++) {
        const vj = v[j];
        r += ((vj < vi) as unknown as number) + 0.5 * ((vj === vi) as unknown as number);
      }
      out[i] = r;
    }
    return true;
  }
  // Longer series: stable argsort, then runs of equal values share their mean rank.
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.subarray(0, n).sort((p, q) => v[p] - v[q] || p - q);
  for (let i = 0; i < n; ) {
    const vi = v[idx[i]];
    let j = i + 1;
    while (j < n && v[idx[j]] === vi) j++;
    const r = 0.5 * (i + j + 1); // mean of ranks i+1 … j
    for (let k = i; k < j; k++) out[idx[k]] = r;
    i = j;
  }
  return true;
}

/**
 * Average ranks of v[0..n) into out[0..n), as rankInto, for series that come one after another
 * in much the same order (a pixel's neighbour's climate, resampled from the same coarse cells):
 * `order` (Int32, length ≥ n) holds a permutation of 0..n−1 — identity at first — and is left
 * holding the order that sorts v, which the next call starts its insertion sort from (≈ n
 * comparisons when that order still sorts the next series). The ranks do not depend on the order
 * started from: tied values share their mean rank. `keys`: Float64 scratch of length ≥ n.
 * Returns false (out and order untouched) when a value is NaN.
 */
export function rankFromOrderInto(v: ArrayLike<number>, n: number, out: Float64Array, order: Int32Array, keys: Float64Array): boolean {
  for (let i = 0; i < n; i++) if (v[i] !== v[i]) return false;
  for (let i = 0; i < n; i++) {
    const p = order[i];
    const x = v[p];
    let j = i - 1;
    while (j >= 0 && keys[j] > x) {
      keys[j + 1] = keys[j];
      order[j + 1] = order[j];
      j--;
    }
    keys[j + 1] = x;
    order[j + 1] = p;
  }
  for (let i = 0; i < n; ) {
    const vi = keys[i];
    let j = i + 1;
    while (j < n && keys[j] === vi) j++;
    const r = 0.5 * (i + j + 1); // mean of ranks i+1 … j
    for (let k = i; k < j; k++) out[order[k]] = r;
    i = j;
  }
  return true;
}

/** The identity permutation of 0..n−1: a starting `order` for rankFromOrderInto. */
export function identityOrder(n: number): Int32Array {
  const o = new Int32Array(n);
  for (let i = 0; i < n; i++) o[i] = i;
  return o;
}

/** Average ranks of a series (all NaN if any value is NaN, as scipy's nan_policy='propagate'). */
export function ranks(v: ArrayLike<number>): Float64Array {
  const n = v.length;
  const out = new Float64Array(n);
  if (!rankInto(v, n, out, new Int32Array(n), new Float64Array(n))) out.fill(NaN);
  return out;
}
