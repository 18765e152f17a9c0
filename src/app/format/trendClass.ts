/** The study's trend-class names (Table 1), SPEC §3 keys −3…3, highest first. */
import type { TrendClassKey } from '../../core/summary';

export const TREND_CLASS_KEYS: readonly TrendClassKey[] = ['3', '2', '1', '0', '-1', '-2', '-3'];

export const TREND_CLASS_NAMES: Readonly<Record<TrendClassKey, string>> = {
  '3': 'Extremely significant increase',
  '2': 'Significant increase',
  '1': 'Non-significant increase',
  '0': 'No change',
  '-1': 'Non-significant decrease',
  '-2': 'Significant decrease',
  '-3': 'Extremely significant decrease',
};

/** "(+3)", "(0)", "(−2)". */
export function trendClassCode(key: TrendClassKey | number): string {
  const n = Number(key);
  return n > 0 ? `+${n}` : n < 0 ? `\u2212${-n}` : '0';
}

/** The name of a class given as a number (a pixel's Int8 class); "Not classified" outside −3…3. */
export function trendClassName(cls: number): string {
  const key = String(cls) as TrendClassKey;
  return TREND_CLASS_NAMES[key] ?? 'Not classified';
}

/** Class colours for tables and legends: diverging green (increase) to brown (decrease). */
export const TREND_CLASS_COLORS: Readonly<Record<TrendClassKey, string>> = {
  '3': '#1a7837',
  '2': '#5aae61',
  '1': '#a6dba0',
  '0': '#f0f0f0',
  '-1': '#dfc27d',
  '-2': '#bf812d',
  '-3': '#8c510a',
};
