import type { PixelMaps } from '../../engine/types';

/** The NEP series of included pixel `k` (an index into maps.index), one value per year (year-major storage). */
export function pixelSeries(maps: Pick<PixelMaps, 'index' | 'years' | 'nep'>, k: number): Float32Array {
  const n = maps.index.length;
  const out = new Float32Array(maps.years.length);
  for (let i = 0; i < out.length; i++) out[i] = maps.nep[i * n + k];
  return out;
}
