/**
 * Planting a zone's yearly NEP series: Z(t) = M + S·(t − t̄) + R(t) with the published mean M,
 * slope S, minimum and maximum (value and year) exactly, other pinned years, and a residual R
 * of a chosen size (which sets the zone's trend t-statistic, hence how significant its pixels'
 * trends can be). R is orthogonal to 1 and t, so the mean and OLS slope are exact.
 */
import type { Rng } from './prng';

export const N_YEARS = 23;
/** τ = year − 2011 (centred years). */
export const TAU = Array.from({ length: N_YEARS }, (_, i) => i - (N_YEARS - 1) / 2);
/** Σ τ². */
export const SXX = TAU.reduce((s, t) => s + t * t, 0);
/** t = slope · T_FACTOR / |residual| (OLS t-statistic for n = 23: √(Sxx·(n − 2))). */
export const T_FACTOR = Math.sqrt(SXX * (N_YEARS - 2));

export interface PlantSpec {
  mean: number;
  slope: number;
  /** Fixed values: index (0 = 2000) → value. */
  fixed: Map<number, number>;
  minIndex: number;
  maxIndex: number;
  /** Wanted Euclidean norm of the residual R. */
  residualNorm: number;
}

/** Least-squares projection helpers on index subsets. */
function solve2(a11: number, a12: number, a22: number, b1: number, b2: number): [number, number] {
  const det = a11 * a22 - a12 * a12;
  return [(b1 * a22 - b2 * a12) / det, (a11 * b2 - a12 * b1) / det];
}

/** One attempt; null when the residual pattern leaves the [min, max] range. */
export function plantOnce(spec: PlantSpec, rng: Rng): number[] | null {
  const { mean: M, slope: S } = spec;
  const trend = TAU.map((t) => M + S * t);
  const free: number[] = [];
  const r = new Array<number>(N_YEARS).fill(0);
  let c1 = 0;
  let c2 = 0;
  let fixedNorm2 = 0;
  for (let i = 0; i < N_YEARS; i++) {
    const v = spec.fixed.get(i);
    if (v === undefined) {
      free.push(i);
    } else {
      r[i] = v - trend[i];
      c1 -= r[i];
      c2 -= r[i] * TAU[i];
      fixedNorm2 += r[i] * r[i];
    }
  }
  // Particular least-norm solution in span{1, τ} over the free indices.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  for (const i of free) {
    s0 += 1;
    s1 += TAU[i];
    s2 += TAU[i] * TAU[i];
  }
  const [p0, p1] = solve2(s0, s1, s2, c1, c2);
  const f0 = free.map((i) => p0 + p1 * TAU[i]);
  const f0n2 = f0.reduce((s, x) => s + x * x, 0);
  const need2 = spec.residualNorm ** 2 - fixedNorm2 - f0n2;
  if (need2 < 0) throw new Error(`residual norm ${spec.residualNorm.toFixed(2)} is below what the pinned years need`);
  // A random, mildly autocorrelated pattern, projected out of span{1, τ}.
  const h: number[] = [];
  let prev = 0;
  for (let k = 0; k < free.length; k++) {
    prev = 0.35 * prev + rng.normal();
    h.push(prev);
  }
  let b0 = 0;
  let b1 = 0;
  free.forEach((i, k) => {
    b0 += h[k];
    b1 += h[k] * TAU[i];
  });
  const [q0, q1] = solve2(s0, s1, s2, b0, b1);
  free.forEach((i, k) => (h[k] -= q0 + q1 * TAU[i]));
  const hn = Math.sqrt(h.reduce((s, x) => s + x * x, 0));
  const g = Math.sqrt(need2) / hn;
  free.forEach((i, k) => (r[i] = f0[k] + g * h[k]));
  const z = trend.map((x, i) => x + r[i]);
  const lo = z[spec.minIndex];
  const hi = z[spec.maxIndex];
  const span = hi - lo;
  for (const i of free) {
    if (z[i] < lo + 0.07 * span || z[i] > hi - 0.04 * span) return null;
  }
  // Keep years apart so that ranks survive rounding.
  const sorted = [...z].sort((a, b) => a - b);
  for (let k = 1; k < sorted.length; k++) if (sorted[k] - sorted[k - 1] < 0.004 * span) return null;
  return z;
}

export function plant(spec: PlantSpec, rng: Rng, tries = 200000): number[] {
  for (let k = 0; k < tries; k++) {
    const z = plantOnce(spec, rng);
    if (z) return z;
  }
  throw new Error('could not plant a series within its range');
}

/** Mean, OLS slope and residual of a series against TAU. */
export function decompose(z: ArrayLike<number>): { mean: number; slope: number; resid: number[]; norm: number } {
  let m = 0;
  for (let i = 0; i < N_YEARS; i++) m += z[i];
  m /= N_YEARS;
  let sxy = 0;
  for (let i = 0; i < N_YEARS; i++) sxy += TAU[i] * (z[i] - m);
  const slope = sxy / SXX;
  const resid = Array.from({ length: N_YEARS }, (_, i) => z[i] - m - slope * TAU[i]);
  return { mean: m, slope, resid, norm: Math.sqrt(resid.reduce((s, x) => s + x * x, 0)) };
}
