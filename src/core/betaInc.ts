/**
 * Regularized incomplete beta function I_x(a, b) and its complement 1 − I_x(a, b),
 * each computed directly (never as 1 − the other when that would lose digits).
 *
 * Continued fraction of Numerical Recipes §6.4 (betacf), evaluated with the modified
 * Lentz method, on the side where it converges fast: for x < (a+1)/(a+b+2) directly,
 * otherwise through I_x(a, b) = 1 − I_{1−x}(b, a). The caller passes x and y = 1 − x
 * (and their logarithms) computed without cancellation, e.g. from t²/df for Student's t.
 */
import { lnBeta } from './gamma';

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_ITER = 10000;

/** Continued fraction for I_x(a, b) (without the prefactor x^a y^b / (a B(a,b))). */
function betaCf(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/**
 * I_x(a, b) when `upper` is false, 1 − I_x(a, b) when true. x, y = 1 − x, lnx = ln x,
 * lny = ln y are given separately so each can be exact; lnB = ln B(a, b) may be passed
 * precomputed (for many calls with the same a, b), otherwise pass NaN.
 */
export function betaIncPair(
  a: number,
  b: number,
  x: number,
  y: number,
  lnx: number,
  lny: number,
  upper: boolean,
  lnB: number,
): number {
  if (!(a > 0) || !(b > 0) || !(x >= 0) || !(y >= 0) || lnx !== lnx || lny !== lny) return NaN;
  // Zero tests on the logarithms: x may underflow to 0 while ln x is still finite.
  if (lnx === -Infinity) return upper ? 1 : 0;
  if (lny === -Infinity) return upper ? 0 : 1;
  const lb = lnB === lnB ? lnB : lnBeta(a, b);
  const lnFront = a * lnx + b * lny - lb;
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (Math.exp(lnFront) * betaCf(a, b, x)) / a;
    return upper ? 1 - lower : lower;
  }
  const comp = (Math.exp(lnFront) * betaCf(b, a, y)) / b;
  return upper ? comp : 1 - comp;
}

/** Regularized incomplete beta I_x(a, b), 0 ≤ x ≤ 1. */
export function betaInc(a: number, b: number, x: number): number {
  if (!(x >= 0 && x <= 1)) return NaN;
  const y = 1 - x;
  return betaIncPair(a, b, x, y, Math.log(x), Math.log1p(-x), false, NaN);
}

/** Complement 1 − I_x(a, b), 0 ≤ x ≤ 1. */
export function betaIncComplement(a: number, b: number, x: number): number {
  if (!(x >= 0 && x <= 1)) return NaN;
  const y = 1 - x;
  return betaIncPair(a, b, x, y, Math.log(x), Math.log1p(-x), true, NaN);
}
