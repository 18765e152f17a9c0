/** Reading and checking the settings form: Rh coefficients as typed, one clear message per field. */
import type { Pei2010Params } from '../../core/respiration';

export type CoefficientKey = keyof Pei2010Params;
export const COEFFICIENT_KEYS: readonly CoefficientKey[] = ['a', 'b', 'c', 'k'];

export type CoefficientFields = Record<CoefficientKey, string>;

export interface SettingsCheck {
  /** The parsed coefficients when every field is valid, else null. */
  values: Pei2010Params | null;
  /** Blocking problems, per field. */
  errors: Partial<Record<CoefficientKey, string>>;
  /** Non-blocking remarks, per field. */
  warnings: Partial<Record<CoefficientKey, string>>;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** What each coefficient must be: a, c and k positive (c·R + 1 > 0 for R ≥ 0, Rh ≥ 0), b any number. */
const POSITIVE: Record<CoefficientKey, boolean> = { a: true, b: false, c: true, k: true };

export function fieldsOf(p: Pei2010Params): CoefficientFields {
  return { a: String(p.a), b: String(p.b), c: String(p.c), k: String(p.k) };
}

export function checkCoefficients(fields: CoefficientFields): SettingsCheck {
  const errors: SettingsCheck['errors'] = {};
  const warnings: SettingsCheck['warnings'] = {};
  const out: Partial<Pei2010Params> = {};
  for (const key of COEFFICIENT_KEYS) {
    const raw = fields[key].trim();
    if (raw === '') {
      errors[key] = `${key} is required.`;
      continue;
    }
    if (!NUMBER.test(raw)) {
      errors[key] = /^[+-]?\d*,\d+$/.test(raw)
        ? `${key} must use a decimal point, not a comma (e.g. ${raw.replace(',', '.')}).`
        : `${key} must be a number, e.g. 0.22.`;
      continue;
    }
    const v = Number(raw);
    if (!Number.isFinite(v)) {
      errors[key] = `${key} is too large.`;
      continue;
    }
    if (POSITIVE[key] && !(v > 0)) {
      errors[key] = `${key} must be greater than 0.`;
      continue;
    }
    if (key === 'b' && Math.abs(v) > 0.5) {
      warnings[key] = `b = ${raw} makes exp(b·T) explode (the study prints the typo 0.913 for 0.0913).`;
    }
    out[key] = v;
  }
  const ok = Object.keys(errors).length === 0;
  return { values: ok ? (out as Pei2010Params) : null, errors, warnings };
}
