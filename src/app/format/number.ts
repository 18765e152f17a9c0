/**
 * Number formats for the panels: fixed decimals with a typographic minus, p-values in
 * scientific notation below 0.001, percentages. One place, so the screen, the tests and
 * the exports agree on the stated precision.
 */

/** U+2212 MINUS SIGN: what a printed table uses for negative numbers. */
export const MINUS = '\u2212';

/** Shown for a value that cannot be computed (null, NaN, ±Infinity). */
export const NOT_AVAILABLE = '–';

/** Replaces a leading ASCII hyphen-minus by U+2212. */
function typographicMinus(s: string): string {
  return s.startsWith('-') ? MINUS + s.slice(1) : s;
}

function usable(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * `v` with `digits` decimals (half away from zero as toFixed does), "−" for negatives,
 * and no "−0.00" for tiny negatives.
 */
export function formatFixed(v: number | null | undefined, digits: number): string {
  if (!usable(v)) return NOT_AVAILABLE;
  let s = v.toFixed(digits);
  if (/^-0(\.0*)?$/.test(s)) s = s.slice(1);
  return typographicMinus(s);
}

const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻',
};

/** `mantissa × 10^exp` in print style: 3.21 × 10⁻⁶. */
export function formatScientific(v: number | null | undefined, digits = 2): string {
  if (!usable(v)) return NOT_AVAILABLE;
  if (v === 0) return '0';
  const [mant, exp] = v.toExponential(digits).split('e');
  const e = String(Number(exp));
  const sup = [...e].map((ch) => SUPERSCRIPT[ch] ?? ch).join('');
  return `${typographicMinus(mant)} × 10${sup}`;
}

/** A p-value: three decimals from 0.001 up, scientific notation below (p < 0.001), "0" for 0. */
export function formatP(p: number | null | undefined): string {
  if (!usable(p)) return NOT_AVAILABLE;
  if (p === 0) return '0';
  if (Math.abs(p) < 0.001) return formatScientific(p, 2);
  return formatFixed(p, 3);
}

/** A share (0…1) as a percentage with `digits` decimals and a % sign: 0.7342 → "73.42 %". */
export function formatPercent(share: number | null | undefined, digits = 2): string {
  if (!usable(share)) return NOT_AVAILABLE;
  return `${formatFixed(share * 100, digits)} %`;
}

/** Significance stars as in print: ** p < 0.01, * p < 0.05, none otherwise. */
export function significanceMark(p: number | null | undefined): '' | '*' | '**' {
  if (!usable(p)) return '';
  if (p < 0.01) return '**';
  if (p < 0.05) return '*';
  return '';
}

/**
 * Parses what the format functions print back to a number (for tests and for reading the
 * screen): handles U+2212, "× 10⁻⁶" and a trailing "%" (returned as printed, not divided).
 */
export function parseFormatted(s: string): number {
  const t = s.trim().replace(/\u2212/g, '-').replace(/\s*%$/, '');
  if (t === NOT_AVAILABLE) return NaN;
  const m = /^(-?[\d.]+)\s*×\s*10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/.exec(t);
  if (m) {
    const inverse: Record<string, string> = {};
    for (const [k, v] of Object.entries(SUPERSCRIPT)) inverse[v] = k;
    const exp = [...m[2]].map((ch) => inverse[ch]).join('');
    return Number(`${m[1]}e${exp}`);
  }
  return t === '' ? NaN : Number(t);
}
