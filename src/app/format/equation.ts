/**
 * The regression line's text and endpoints. The slope comes from the summary (never
 * recomputed); the intercept places the line as its method does:
 * OLS through (mean year, mean value), Theil–Sen as scipy.stats.theilslopes does,
 * median(y) − slope · median(x).
 */
import type { TrendMethod } from '../../core/summary';
import { MINUS, formatFixed } from './number';

function finitePairs(xs: ArrayLike<number>, ys: ArrayLike<number | null>): [number[], number[]] {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const v = ys[i];
    if (typeof v === 'number' && Number.isFinite(v) && Number.isFinite(xs[i])) {
      x.push(xs[i]);
      y.push(v);
    }
  }
  return [x, y];
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The intercept (value at x = 0) of the trend line with the given slope; null without data. */
export function trendIntercept(
  xs: ArrayLike<number>,
  ys: ArrayLike<number | null>,
  slope: number | null,
  method: TrendMethod,
): number | null {
  if (slope === null || !Number.isFinite(slope)) return null;
  const [x, y] = finitePairs(xs, ys);
  if (x.length === 0) return null;
  if (method === 'sen-mk') return median(y) - slope * median(x);
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  return my - slope * mx;
}

/**
 * "y = 1.89x − 3650.20" (slope and intercept with `digits` decimals, x the year), or with an
 * origin year "y = 1.89(x − 2000) + 130.51", the intercept then being the line's value in that year.
 */
export function equationText(slope: number | null, intercept: number | null, digits = 2, origin?: number): string {
  if (slope === null || intercept === null || !Number.isFinite(slope) || !Number.isFinite(intercept)) {
    return 'y = –';
  }
  const b = origin === undefined ? intercept : intercept + slope * origin;
  const bText = formatFixed(Math.abs(b), digits);
  const sign = b < 0 && bText !== formatFixed(0, digits) ? MINUS : '+';
  const xTerm = origin === undefined ? 'x' : `(x ${MINUS} ${origin})`;
  return `y = ${formatFixed(slope, digits)}${xTerm} ${sign} ${bText}`;
}
