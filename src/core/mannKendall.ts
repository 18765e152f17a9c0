/**
 * Mann–Kendall trend test (as pyMannKendall's original_test, checked there against the R
 * packages): S = Σ_{i<j} sign(y_j − y_i); Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)]/18 over
 * tie groups of size t; Z = (S − 1)/√Var for S > 0, (S + 1)/√Var for S < 0, 0 for S = 0;
 * p two-sided normal; tau = S / (n(n−1)/2) (Kendall's tau-a).
 * Constant series: S 0, Z 0, p 1. NaN anywhere or n < 3: all NaN (drop missing values first).
 */
import { normalTwoSidedP } from './normal';

export interface MannKendallResult {
  s: number;
  varS: number;
  z: number;
  p: number;
  tau: number;
}

export function createMannKendallResult(): MannKendallResult {
  return { s: NaN, varS: NaN, z: NaN, p: NaN, tau: NaN };
}

/** Mann–Kendall of the first n values of y into `out`; `counts` is scratch of length ≥ n. */
export function mannKendallInto(y: ArrayLike<number>, n: number, counts: Float64Array, out: MannKendallResult): MannKendallResult {
  out.s = out.varS = out.z = out.p = out.tau = NaN;
  if (!(n >= 3)) return out;
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (v !== v) return out;
    counts[i] = 0;
  }
  // One branchless pass over the pairs: S, and for each value the size of its tie group
  // (Σ over groups of t(t−1)(2t+5) = Σ over values of (c−1)(2c+5), c = its group size).
  let s = 0;
  for (let i = 0; i < n; i++) {
    const yi = y[i];
    let ci = 1;
    for (let j = i + 1; j < n; j++) {
      const yj = y[j];
      const gt = (yj > yi) as unknown as number;
      const lt = (yj < yi) as unknown as number;
      s += gt - lt;
      const eq = 1 - gt - lt;
      ci += eq;
      counts[j] += eq;
    }
    counts[i] += ci;
  }
  let tieSum = 0;
  for (let i = 0; i < n; i++) {
    const c = counts[i];
    tieSum += (c - 1) * (2 * c + 5);
  }
  const varS = (n * (n - 1) * (2 * n + 5) - tieSum) / 18;
  let z = 0;
  if (s > 0) z = (s - 1) / Math.sqrt(varS);
  else if (s < 0) z = (s + 1) / Math.sqrt(varS);
  out.s = s;
  out.varS = varS;
  out.z = z;
  out.p = normalTwoSidedP(z);
  out.tau = s / (0.5 * n * (n - 1));
  return out;
}

/** Mann–Kendall test of a series (no missing values; drop them first). */
export function mannKendall(y: ArrayLike<number>): MannKendallResult {
  return mannKendallInto(y, y.length, new Float64Array(y.length), createMannKendallResult());
}
