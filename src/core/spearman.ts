/**
 * Spearman's rank correlation as scipy.stats.spearmanr: Pearson correlation of average
 * ranks; p two-sided from t = rho·√((n−2)/((1+rho)(1−rho))) with n − 2 df; |rho| = 1 → p = 0.
 * A constant series, a NaN anywhere, or n < 3: rho and p NaN.
 */
import { rankInto } from './ranks';
import { studentTTwoSidedP } from './tdist';

export interface SpearmanResult {
  rho: number;
  p: number;
}

/** Pearson correlation of two rank vectors (mean (n+1)/2); NaN if either is constant. */
export function rankCorrelation(rx: Float64Array, ry: Float64Array, n: number): number {
  rankCorrelationInto(rx, ry, n, one, 0);
  return one[0];
}

const one = new Float64Array(1);

/**
 * rankCorrelation into out[k]: for per-pixel loops, where a returned double would be a new heap
 * object for every pixel and variable (V8 boxes doubles returned from calls it does not inline).
 */
export function rankCorrelationInto(rx: Float64Array, ry: Float64Array, n: number, out: Float32Array | Float64Array, k: number): void {
  const m = 0.5 * (n + 1);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = rx[i] - m;
    const dy = ry[i] - m;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (!(sxx > 0) || !(syy > 0)) {
    out[k] = NaN;
    return;
  }
  let r = sxy / Math.sqrt(sxx * syy);
  if (r > 1) r = 1;
  else if (r < -1) r = -1;
  out[k] = r;
}

/** Two-sided p of a correlation coefficient with n observations (t-test, n − 2 df). */
export function correlationP(rho: number, n: number): number {
  if (rho !== rho || !(n >= 3)) return NaN;
  if (rho === 1 || rho === -1) return 0;
  const df = n - 2;
  const t = rho * Math.sqrt(df / ((rho + 1) * (1 - rho)));
  return studentTTwoSidedP(t, df);
}

/** Spearman's rho and p of two series of equal length. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): SpearmanResult {
  const n = Math.min(x.length, y.length);
  if (n < 3) return { rho: NaN, p: NaN };
  const rx = new Float64Array(n);
  const ry = new Float64Array(n);
  const idx = new Int32Array(n);
  if (!rankInto(x, n, rx, idx) || !rankInto(y, n, ry, idx)) return { rho: NaN, p: NaN };
  const rho = rankCorrelation(rx, ry, n);
  return { rho, p: correlationP(rho, n) };
}
