/** Pixel-centre-in-polygon rasterization (even–odd, half-open crossings), as a GIS would do it. */
import { HEIGHT, WIDTH, latOf, lonOf, PIXEL, WEST } from './grid';

/** Marks with `value` every pixel whose centre lies inside the ring and is still `empty`. */
export function fillRing(target: Int8Array, ring: [number, number][], value: number, empty = -1): number {
  let count = 0;
  const xs: number[] = [];
  for (let r = 0; r < HEIGHT; r++) {
    const y = latOf(r);
    xs.length = 0;
    for (let i = 0; i < ring.length - 1; i++) {
      const [x1, y1] = ring[i];
      const [x2, y2] = ring[i + 1];
      if (y1 > y !== y2 > y) xs.push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1));
    }
    if (xs.length === 0) continue;
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const c0 = Math.max(0, Math.ceil((xs[k] - WEST) / PIXEL - 0.5));
      const c1 = Math.min(WIDTH - 1, Math.floor((xs[k + 1] - WEST) / PIXEL - 0.5));
      for (let c = c0; c <= c1; c++) {
        const lon = lonOf(c);
        if (lon > xs[k] && lon < xs[k + 1] && target[r * WIDTH + c] === empty) {
          target[r * WIDTH + c] = value;
          count++;
        }
      }
    }
  }
  return count;
}
