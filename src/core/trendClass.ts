/**
 * Per-pixel trend class of SPEC §3, from a slope s and its p-value:
 *  3: s > 0, p < 0.01;  2: s > 0, 0.01 ≤ p < 0.05;  1: s > 0, p ≥ 0.05;  0: s = 0;
 * −1, −2, −3: the same for s < 0. NaN slope, or NaN p with s ≠ 0: TREND_CLASS_NODATA (−128,
 * the Int8 nodata of trend_class.tif).
 */
export const TREND_CLASS_NODATA = -128;

export function trendClass(slope: number, p: number): number {
  if (slope !== slope) return TREND_CLASS_NODATA;
  if (slope === 0) return 0;
  if (p !== p) return TREND_CLASS_NODATA;
  const c = p < 0.01 ? 3 : p < 0.05 ? 2 : 1;
  return slope > 0 ? c : -c;
}
