/**
 * What a raster holds, guessed from its values when its name says nothing, and the layer settings
 * that go with it (MOD17's raw counts need scale 0.1 and the fill codes kept out).
 */
import type { RasterRole } from './roleFromName';

export interface ValueStats {
  dtype: string;
  min: number;
  max: number;
  mean: number;
  /** Finite values sampled. */
  count: number;
}

export interface LayerGuess {
  role: RasterRole | null;
  scale?: number;
  valid?: [number, number];
  /** Why, for the person confirming it. */
  reason: string;
}

/** MOD17A3HGF fill codes: 32761 … 32767 (SPEC §2). */
export const MOD17_FILL_MIN = 32761;

export function roleFromValues(s: ValueStats): LayerGuess {
  if (s.count === 0) return { role: null, reason: 'no valid values' };
  const integer = /int/.test(s.dtype);
  // Raw MOD17 counts (kgC m⁻² × 10⁴): integers or floats up to a few thousand, fill codes near 32767.
  if (s.max >= MOD17_FILL_MIN && s.max <= 32767 && s.min >= 0) {
    return { role: 'npp', scale: 0.1, valid: [0, 32700], reason: 'values up to the MOD17 fill codes (32761–32767): raw MOD17 NPP' };
  }
  // Sunshine hours never reach 0 over a year; NPP counts do at barren pixels.
  if (s.min >= 500 && s.max <= 4500 && s.mean > 1200) return { role: 'sunshine', reason: 'values from 500 to 4500: sunshine hours a year' };
  if (s.min >= 0 && s.max > 300 && s.max <= 32700 && s.mean > 100 && (integer || s.max > 3000)) {
    return { role: 'npp', scale: 0.1, valid: [0, 32700], reason: 'non-negative values in the thousands: raw MOD17 NPP counts (× 0.1 → gC m⁻² yr⁻¹)' };
  }
  if (s.min >= -60 && s.max <= 45 && s.min < 5) return { role: 'temperature', reason: 'values from −60 to 45: °C' };
  if (s.min >= 0 && s.max <= 100 && s.mean > 15) return { role: 'humidity', reason: 'values from 0 to 100: relative humidity %' };
  if (s.min >= 0 && s.max <= 10000) return { role: 'precipitation', reason: 'non-negative values up to 10,000: precipitation mm' };
  return { role: null, reason: `values from ${s.min} to ${s.max} fit no known variable` };
}
