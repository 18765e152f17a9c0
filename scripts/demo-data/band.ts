/** Band coordinates (u along, v across) of each pixel centre, for the generator's fields. */
import type { Centreline } from './geometry';
import { halfWidths, toLocal } from './geometry';
import { HEIGHT, WIDTH, latOf, lonOf } from './grid';

/** u and v for the pixels where `mask` ≥ 0 (NaN elsewhere). */
export function bandCoords(cl: Centreline, mask: Int8Array): { u: Float64Array; v: Float64Array } {
  const n = cl.x.length;
  const u = new Float64Array(WIDTH * HEIGHT).fill(NaN);
  const v = new Float64Array(WIDTH * HEIGHT).fill(NaN);
  for (let r = 0; r < HEIGHT; r++) {
    for (let c = 0; c < WIDTH; c++) {
      const i = r * WIDTH + c;
      if (mask[i] < 0) continue;
      const [px, py] = toLocal(lonOf(c), latOf(r));
      let best = -1;
      let bd = Infinity;
      for (let j = 0; j < n; j++) {
        const dx = px - cl.x[j];
        if (dx > 0.7 || dx < -0.7) continue;
        const d = dx * dx + (py - cl.y[j]) ** 2;
        if (d < bd) {
          bd = d;
          best = j;
        }
      }
      const uu = best / (n - 1);
      const along = (px - cl.x[best]) * cl.ny[best] - (py - cl.y[best]) * cl.nx[best];
      const across = (px - cl.x[best]) * cl.nx[best] + (py - cl.y[best]) * cl.ny[best];
      const [hn, hs] = halfWidths(uu);
      u[i] = Math.min(1, Math.max(0, uu + along * 0)); // nearest sample is within 1/1200 of u
      v[i] = across >= 0 ? across / Math.max(hn, 1e-6) : across / Math.max(hs, 1e-6);
    }
  }
  return { u, v };
}
