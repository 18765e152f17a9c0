/**
 * Log-gamma and log-beta without cancellation for large arguments.
 *
 * lnGamma uses Stirling's series with the recurrence Γ(x+1) = xΓ(x) below 10; lnBeta
 * follows R's lbeta (nmath/lbeta.c): the Stirling correction terms are combined so that
 * lnB(250, 0.5) keeps full relative accuracy instead of subtracting two values near 1100.
 */

const HALF_LN_2PI = 0.9189385332046727418; // ½·ln(2π)

/** Stirling correction δ(x) = lnΓ(x) − [(x − ½)ln x − x + ½ln(2π)], for x ≥ 10. */
export function stirlingCorrection(x: number): number {
  // Coefficients B₂ₖ / (2k(2k−1)): 1/12, −1/360, 1/1260, −1/1680, 1/1188, −691/360360, 1/156
  const r = 1 / x;
  const r2 = r * r;
  return (
    r *
    (1 / 12 +
      r2 * (-1 / 360 + r2 * (1 / 1260 + r2 * (-1 / 1680 + r2 * (1 / 1188 + r2 * (-691 / 360360 + r2 * (1 / 156)))))))
  );
}

/** ln Γ(x) for x > 0 (NaN for x ≤ 0 or NaN, Infinity for x = Infinity). */
export function lnGamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (x === Infinity) return Infinity;
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + HALF_LN_2PI + stirlingCorrection(x);
  // Shift up to ≥ 10: lnΓ(x) = lnΓ(x + k) − ln(x (x+1) … (x+k−1)).
  let prod = 1;
  let z = x;
  while (z < 10) {
    prod *= z;
    z += 1;
  }
  return (z - 0.5) * Math.log(z) - z + HALF_LN_2PI + stirlingCorrection(z) - Math.log(prod);
}

/** ln B(a, b) = lnΓ(a) + lnΓ(b) − lnΓ(a + b), for a, b > 0. */
export function lnBeta(a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) return NaN;
  const p = a < b ? a : b;
  const q = a < b ? b : a;
  if (q === Infinity) return -Infinity;
  const pq = p + q;
  if (p >= 10) {
    const corr = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(pq);
    return -0.5 * Math.log(q) + HALF_LN_2PI + corr + (p - 0.5) * Math.log(p / pq) + q * Math.log1p(-p / pq);
  }
  if (q >= 10) {
    const corr = stirlingCorrection(q) - stirlingCorrection(pq);
    return lnGamma(p) + corr + p - p * Math.log(pq) + (q - 0.5) * Math.log1p(-p / pq);
  }
  return lnGamma(p) + lnGamma(q) - lnGamma(pq);
}
