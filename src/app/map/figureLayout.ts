/** Pure parts of the publication figure: its file name, frame box, scale bar and tick positions. */
import { sanitizeFilePart } from '../export/filename';
import { layerFileStem, type LayerId, type YearSel } from '../state/layers';
import { latOfMercY, mercX, mercY, type LonLatBounds } from './mercator';

/** `nep-2019_qilian.png`, `nep-mean_qilian.png`, `trend-class_qilian.png`; with a zone: `nep-mean_qilian_III-1-2.png`. */
export function figureFileName(layer: LayerId, year: YearSel, slug: string, zone: string | null = null): string {
  const parts = [layerFileStem(layer, year), sanitizeFilePart(slug, 'dataset')];
  if (zone) parts.push(sanitizeFilePart(zone));
  return `${parts.join('_')}.png`;
}

/** A box padded by `frac` of its Mercator size on every side. */
export function padBounds(b: LonLatBounds, frac: number): LonLatBounds {
  const dx = (b.east - b.west) * frac;
  const y0 = mercY(b.south), y1 = mercY(b.north);
  const dy = (y1 - y0) * frac;
  return { west: b.west - dx, east: b.east + dx, south: latOfMercY(y0 - dy), north: latOfMercY(y1 + dy) };
}

/** Frame size (CSS px) for a box: `maxWidth` wide unless that makes it taller than `maxHeight`. */
export function frameSize(b: LonLatBounds, maxWidth: number, maxHeight: number): { width: number; height: number } {
  const aspect = (mercY(b.north) - mercY(b.south)) / (mercX(b.east) - mercX(b.west));
  let width = maxWidth;
  let height = width * aspect;
  if (height > maxHeight) {
    height = maxHeight;
    width = height / aspect;
  }
  return { width: Math.round(width), height: Math.round(height) };
}

const A = 6378137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);

/** Metres on the ground (WGS84 ellipsoid) per frame pixel along the parallel `lat`. */
export function metresPerPixel(b: LonLatBounds, widthPx: number, lat: number): number {
  const phi = (lat * Math.PI) / 180;
  const parallelRadius = (A * Math.cos(phi)) / Math.sqrt(1 - E2 * Math.sin(phi) ** 2);
  return (parallelRadius * ((b.east - b.west) * Math.PI)) / 180 / widthPx;
}

/** The longest 1/2/5 × 10^k km bar not longer than `maxPx`; its length in km and in px. */
export function scaleBar(mPerPx: number, maxPx: number): { km: number; px: number } {
  const maxKm = (mPerPx * maxPx) / 1000;
  const e = Math.pow(10, Math.floor(Math.log10(maxKm)));
  let km = e;
  for (const m of [1, 2, 5]) if (m * e <= maxKm) km = m * e;
  return { km, px: (km * 1000) / mPerPx };
}

/** Multiples of `step` inside [lo, hi]. */
export function ticksBetween(lo: number, hi: number, step: number): number[] {
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

/** "100°E", "37.5°N", "0°". */
export function degreeLabel(v: number, pos: string, neg: string): string {
  const a = Math.abs(v);
  const s = Number.isInteger(a) ? String(a) : String(Math.round(a * 100) / 100);
  return v === 0 ? '0°' : `${s}°${v < 0 ? neg : pos}`;
}
