/**
 * Grid pixel coordinates ↔ lon/lat for an analysis grid: its geotransform and the CRS
 * transforms of src/io/crs.ts (proj4).
 */
import type { Grid } from '../../io/grid';
import { gridToLonLat, lonLatToGrid } from '../../io/crs';
import type { LonLatToPixel, PixelToLonLat } from './lookup';

export interface GridTransform {
  toLonLat: PixelToLonLat;
  toPixel: LonLatToPixel;
}

export function gridTransform(grid: Grid): GridTransform {
  const [g0, g1, g2, g3, g4, g5] = grid.geoTransform;
  const det = g1 * g5 - g2 * g4;
  if (det === 0) throw new Error('grid: singular geotransform');
  const toLL = gridToLonLat(grid.crs);
  const toGrid = lonLatToGrid(grid.crs);
  // proj4 throws or returns non-finite numbers outside a projection's domain: NaN there.
  const fwd = (x: number, y: number): [number, number] => {
    try {
      return toLL(x, y);
    } catch {
      return [NaN, NaN];
    }
  };
  const inv = (lon: number, lat: number): [number, number] => {
    try {
      return toGrid(lon, lat);
    } catch {
      return [NaN, NaN];
    }
  };
  return {
    toLonLat: (c, r) => fwd(g0 + c * g1 + r * g2, g3 + c * g4 + r * g5),
    toPixel: (lon, lat) => {
      const [x, y] = inv(lon, lat);
      const dx = x - g0, dy = y - g3;
      return [(g5 * dx - g2 * dy) / det, (-g4 * dx + g1 * dy) / det];
    },
  };
}
