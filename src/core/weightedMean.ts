/** Area-weighted mean Σ wᵢvᵢ / Σ wᵢ over the values that are not NaN (and weights that are finite and > 0). */
export function weightedMean(values: ArrayLike<number>, weights: ArrayLike<number>): number {
  let sw = 0;
  let swv = 0;
  const n = Math.min(values.length, weights.length);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const w = weights[i];
    if (v !== v || !(w > 0) || w === Infinity) continue;
    sw += w;
    swv += w * v;
  }
  return sw > 0 ? swv / sw : NaN;
}
