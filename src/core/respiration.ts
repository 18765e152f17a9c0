/**
 * Soil heterotrophic respiration after Pei et al. (2010), as SPEC §1 gives it:
 *   Rh = a · (exp(b·T) + ln(c·R + 1)) · k
 * T annual mean air temperature (°C), R annual precipitation (mm), Rh in gC m⁻² yr⁻¹.
 */
export interface Pei2010Params {
  a: number;
  b: number;
  c: number;
  k: number;
}

/** The study's coefficients; b = 0.0913 (the paper prints the typo 0.913), k = 30 × 0.465. */
export const PEI2010_DEFAULTS: Readonly<Pei2010Params> = Object.freeze({ a: 0.22, b: 0.0913, c: 0.3145, k: 13.95 });

/** Rh for one temperature and precipitation; NaN where either is not finite or c·R + 1 ≤ 0. */
export function pei2010Rh(t: number, r: number, p: Pei2010Params): number {
  const arg = p.c * r + 1;
  if (!(arg > 0) || !Number.isFinite(t) || !Number.isFinite(r)) return NaN;
  return p.a * (Math.exp(p.b * t) + Math.log(arg)) * p.k;
}
