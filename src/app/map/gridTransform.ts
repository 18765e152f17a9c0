/**
 * Grid pixel coordinates ↔ lon/lat for an analysis grid: its geotransform and, for a
 * projected CRS, proj4 (the CRS's proj4 string, as src/io reads it from the GeoKeys).
 */
import proj4 from 'proj4';
import type { Grid } from '../../io/grid';
import type { LonLatToPixel, PixelToLonLat } from './lookup';

const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';

export interface GridTransform {
  toLonLat: PixelToLonLat;
  toPixel: LonLatToPixel;
}

export function gridTransform(grid: Grid): GridTransform {
  const [g0, g1, g2, g3, g4, g5] = grid.geoTransform;
  const det = g1 * g5 - g2 * g4;
  if (det === 0) throw new Error('grid: singular geotransform');
  let fwd: (x: number, y: number) => [number, number]; // grid CRS → lon/lat
  let inv: (lon: number, lat: number) => [number, number]; // lon/lat → grid CRS
  if (grid.crs.geographic) {
    fwd = (x, y) => [x, y];
    inv = (lon, lat) => [lon, lat];
  } else {
    const conv = proj4(grid.crs.proj4, WGS84);
    fwd = (x, y) => {
      try {
        const p = conv.forward([x, y]);
        return [p[0], p[1]];
      } catch {
        return [NaN, NaN];
      }
    };
    inv = (lon, lat) => {
      try {
        const p = conv.inverse([lon, lat]);
        return [p[0], p[1]];
      } catch {
        return [NaN, NaN];
      }
    };
  }
  return {
    toLonLat: (c, r) => fwd(g0 + c * g1 + r * g2, g3 + c * g4 + r * g5),
    toPixel: (lon, lat) => {
      const [x, y] = inv(lon, lat);
      const dx = x - g0, dy = y - g3;
      return [(g5 * dx - g2 * dy) / det, (-g4 * dx + g1 * dy) / det];
    },
  };
}
