import type { TrendMethod } from '../../core/summary';

export function fitLabel(method: TrendMethod): string {
  return method === 'sen-mk' ? 'Theil–Sen fit' : 'OLS fit';
}

export function methodName(method: TrendMethod): string {
  return method === 'sen-mk' ? 'Theil–Sen slope, Mann–Kendall test' : 'OLS, two-sided t-test';
}

/** Unit of a slope of NEP (or NPP) per year. */
export const SLOPE_UNIT = 'gC m⁻² yr⁻²';
