/**
 * Is a raster on the analysis grid? Same size, same CRS, and a geotransform equal to within
 * a small fraction of a pixel (GeoTIFF writers round origins and pixel sizes differently,
 * e.g. MODIS 463.312716525 m vs 463.3127165279165 m).
 */
import type { Grid } from './grid';
import { DatasetError } from './errors';
import { sameCrs } from './crs';

/** Tolerance on the geotransform, in pixels: an origin may differ by this fraction of a pixel,
 * and the pixel size by this fraction of a pixel over the whole raster. */
export const GRID_TOLERANCE_PX = 1e-3;

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(12)));
}

/** What differs between two grids, in words; null when they are the same grid. */
export function gridDifference(expected: Grid, got: Grid, tolPx = GRID_TOLERANCE_PX): string | null {
  if (expected.width !== got.width || expected.height !== got.height) {
    return `size ${expected.width} × ${expected.height} px expected, got ${got.width} × ${got.height}`;
  }
  if (!sameCrs(expected.crs, got.crs)) {
    return `CRS ${expected.crs.name} expected, got ${got.crs.name}`;
  }
  const e = expected.geoTransform;
  const g = got.geoTransform;
  const px = Math.abs(e[1]) || 1;
  const py = Math.abs(e[5]) || 1;
  // pixel size (and rotation): the accumulated error across the raster stays below tolPx pixels
  const nx = Math.max(1, expected.width);
  const ny = Math.max(1, expected.height);
  if (Math.abs(e[1] - g[1]) * nx > tolPx * px || Math.abs(e[5] - g[5]) * ny > tolPx * py ||
      Math.abs(e[2] - g[2]) * ny > tolPx * px || Math.abs(e[4] - g[4]) * nx > tolPx * py) {
    return `pixel size ${fmt(e[1])} × ${fmt(e[5])} expected, got ${fmt(g[1])} × ${fmt(g[5])}` +
      (e[2] || e[4] || g[2] || g[4] ? ` (rotation ${fmt(e[2])}, ${fmt(e[4])} expected, got ${fmt(g[2])}, ${fmt(g[4])})` : '');
  }
  if (Math.abs(e[0] - g[0]) > tolPx * px || Math.abs(e[3] - g[3]) > tolPx * py) {
    return `origin (${fmt(e[0])}, ${fmt(e[3])}) expected, got (${fmt(g[0])}, ${fmt(g[3])})`;
  }
  return null;
}

/** true when b is the same grid as a (size, CRS, geotransform within GRID_TOLERANCE_PX). */
export function sameGrid(a: Grid, b: Grid): boolean {
  return gridDifference(a, b) === null;
}

/** Throws DatasetError(file, 'not on the analysis grid (<what differs>)') unless `got` is `expected`'s grid. */
export function assertSameGrid(expected: Grid, got: Grid, file: string): void {
  const d = gridDifference(expected, got);
  if (d !== null) throw new DatasetError(file, `not on the analysis grid (${d})`);
}
