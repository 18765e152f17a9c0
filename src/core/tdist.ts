/**
 * Student's t distribution: CDF, survival function and two-sided p, through the
 * regularized incomplete beta function: for t > 0, sf(t) = ½·I_x(df/2, ½) with
 * x = df/(df + t²). The tail is computed directly (never as 1 − cdf), so p-values down
 * to ~1e-300 keep their relative accuracy (t = 1e100, df = 1 gives 3.18e-101).
 * Any real df > 0; df = Infinity gives the normal distribution.
 */
import { betaIncPair } from './betaInc';
import { lnBeta } from './gamma';
import { normalSf } from './normal';

/**
 * I_x(df/2, ½) with x = df/(df + t²): the two-sided tail P(|T| ≥ |t|).
 * `lnB` = ln B(df/2, ½) may be passed precomputed (see studentTLnBeta), or NaN.
 */
function twoSidedTail(t: number, df: number, lnB: number): number {
  const at = Math.abs(t);
  const t2 = at * at;
  if (t2 === 0) return 1;
  if (at === Infinity) return 0;
  const a = 0.5 * df;
  let x: number, y: number, lnx: number, lny: number;
  if (t2 === Infinity) {
    // df/t² underflows the square but not its logarithm.
    lnx = Math.log(df) - 2 * Math.log(at);
    x = Math.exp(lnx);
    y = 1;
    lny = 0;
  } else {
    const s = df + t2;
    x = df / s;
    y = t2 / s;
    lnx = -Math.log1p(t2 / df);
    lny = -Math.log1p(df / t2);
  }
  return betaIncPair(a, 0.5, x, y, lnx, lny, false, lnB);
}

function badArgs(t: number, df: number): boolean {
  return t !== t || !(df > 0);
}

/** ln B(df/2, ½), to pass to the *WithLnBeta functions when df is fixed over many calls. */
export function studentTLnBeta(df: number): number {
  return lnBeta(0.5 * df, 0.5);
}

/** P(T > t) for Student's t with df degrees of freedom. */
export function studentTSf(t: number, df: number): number {
  if (badArgs(t, df)) return NaN;
  if (df === Infinity) return normalSf(t);
  if (t === 0) return 0.5;
  const tail = 0.5 * twoSidedTail(t, df, NaN);
  return t > 0 ? tail : 1 - tail;
}

/** P(T ≤ t) for Student's t with df degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  return studentTSf(-t, df);
}

/** Two-sided p-value 2·sf(|t|) = P(|T| ≥ |t|). */
export function studentTTwoSidedP(t: number, df: number): number {
  if (badArgs(t, df)) return NaN;
  if (df === Infinity) return 2 * normalSf(Math.abs(t));
  return twoSidedTail(t, df, NaN);
}

/** studentTTwoSidedP with ln B(df/2, ½) precomputed by studentTLnBeta(df) (the per-pixel hot path). */
export function studentTTwoSidedPWithLnBeta(t: number, df: number, lnB: number): number {
  if (badArgs(t, df)) return NaN;
  if (df === Infinity) return 2 * normalSf(Math.abs(t));
  return twoSidedTail(t, df, lnB);
}
