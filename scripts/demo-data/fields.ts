/** Smooth random fields on the grid: white noise blurred by repeated box filters. */
import type { Rng } from './prng';

/** In-place separable box blur of radius r (pixels), repeated `passes` times (≈ Gaussian). */
export function boxBlur(f: Float64Array, w: number, h: number, r: number, passes = 3): void {
  const tmp = new Float64Array(Math.max(w, h));
  const line = new Float64Array(Math.max(w, h));
  const blurLine = (n: number) => {
    // running mean with clamped edges
    let acc = 0;
    for (let k = -r; k <= r; k++) acc += line[Math.min(n - 1, Math.max(0, k))];
    for (let i = 0; i < n; i++) {
      tmp[i] = acc / (2 * r + 1);
      acc += line[Math.min(n - 1, i + r + 1)] - line[Math.max(0, i - r)];
    }
  };
  for (let p = 0; p < passes; p++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) line[x] = f[y * w + x];
      blurLine(w);
      for (let x = 0; x < w; x++) f[y * w + x] = tmp[x];
    }
    for (let x = 0; x < w; x++) {
      for (let y = 0; y < h; y++) line[y] = f[y * w + x];
      blurLine(h);
      for (let y = 0; y < h; y++) f[y * w + x] = tmp[y];
    }
  }
}

/** A smooth field of zero mean and unit standard deviation, correlation length ≈ r pixels. */
export function smoothNoise(rng: Rng, w: number, h: number, r: number): Float64Array {
  const f = new Float64Array(w * h);
  for (let i = 0; i < f.length; i++) f[i] = rng.normal();
  if (r > 0) boxBlur(f, w, h, r);
  let m = 0;
  for (let i = 0; i < f.length; i++) m += f[i];
  m /= f.length;
  let v = 0;
  for (let i = 0; i < f.length; i++) v += (f[i] - m) ** 2;
  const sd = Math.sqrt(v / f.length) || 1;
  for (let i = 0; i < f.length; i++) f[i] = (f[i] - m) / sd;
  return f;
}
