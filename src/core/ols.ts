/**
 * Ordinary least squares of y on x, as scipy.stats.linregress: slope, intercept, r, r²,
 * the two-sided p of the t-test of slope = 0 with n − 2 df, and the slope's standard error.
 * Constant y: slope 0, r 0, p 1. n < 3, x constant, or a NaN/±∞ anywhere: every output NaN.
 */
import { studentTTwoSidedPWithLnBeta } from './tdist';

export interface OlsResult {
  slope: number;
  intercept: number;
  r: number;
  r2: number;
  p: number;
  stderr: number;
}

/** scipy's guard against division by zero for |r| = 1 (linregress uses TINY = 1e-20). */
const TINY = 1e-20;

function setNaN(out: OlsResult): OlsResult {
  out.slope = out.intercept = out.r = out.r2 = out.p = out.stderr = NaN;
  return out;
}

/** A result object to reuse with olsInto (no allocation per call). */
export function createOlsResult(): OlsResult {
  return { slope: NaN, intercept: NaN, r: NaN, r2: NaN, p: NaN, stderr: NaN };
}

/**
 * OLS of the first n values of y on x, written into `out` (allocation-free). `lnB` may be
 * studentTLnBeta(n − 2), precomputed when many series of the same length are fitted.
 */
export function olsInto(x: ArrayLike<number>, y: ArrayLike<number>, n: number, out: OlsResult, lnB = NaN): OlsResult {
  if (!(n >= 3)) return setNaN(out);
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += x[i];
    sy += y[i];
  }
  if (!Number.isFinite(sx) || !Number.isFinite(sy)) return setNaN(out);
  const xm = sx / n;
  const ym = sy / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - xm;
    const dy = y[i] - ym;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (!(sxx > 0) || !Number.isFinite(sxx) || !Number.isFinite(syy)) return setNaN(out);
  // Population (co)variances as np.cov(x, y, bias=1), as linregress does.
  const ssxm = sxx / n;
  const ssxym = sxy / n;
  const ssym = syy / n;
  const rDen = Math.sqrt(ssxm * ssym);
  // (ifs, not `rDen === 0 ? 0 : …`: V8 boxed that value, a heap object per pixel)
  let r = 0;
  if (rDen !== 0) r = ssxym / rDen;
  if (r > 1) r = 1;
  else if (r < -1) r = -1;
  const df = n - 2;
  const slope = ssxym / ssxm;
  const t = r * Math.sqrt(df / ((1 - r + TINY) * (1 + r + TINY)));
  out.slope = slope;
  out.intercept = ym - slope * xm;
  out.r = r;
  out.r2 = r * r;
  out.p = studentTTwoSidedPWithLnBeta(t, df, lnB);
  out.stderr = Math.sqrt(((1 - r * r) * ssym) / ssxm / df);
  return out;
}

/** OLS of y on x (equal lengths; the shorter length is used otherwise). */
export function ols(x: ArrayLike<number>, y: ArrayLike<number>): OlsResult {
  return olsInto(x, y, Math.min(x.length, y.length), createOlsResult());
}
