/**
 * Pixel areas (m²) per raster row, SPEC §3.
 *
 * Geographic (lon/lat) grids: the exact area of a lon/lat cell on the WGS84 ellipsoid,
 *   A = (a²/2)·Δλ·|q(φ₂) − q(φ₁)|,  q(φ) = (1 − e²)·[sin φ/(1 − e² sin²φ) + atanh(e sin φ)/e],
 * the integral of the ellipsoid's area element a²(1−e²)cos φ/(1 − e² sin²φ)² dφ dλ
 * (q is the authalic-latitude function: q(φ) = q_p·sin β). Rows are bounded by
 * originY + r·pixelHeight and originY + (r+1)·pixelHeight, clamped to ±90°; rotation terms
 * of the geotransform are ignored (north-up grids). The datum's own ellipsoid (e.g. CGCS2000)
 * differs from WGS84 by < 1e-9 relative and is not distinguished.
 *
 * Projected grids: |pixelWidth·pixelHeight − rowRotation·colRotation| for every row
 * (exact for equal-area grids such as MODIS sinusoidal).
 */

export const WGS84_A = 6378137;
export const WGS84_F = 1 / 298.257223563;
const E2 = WGS84_F * (2 - WGS84_F);
const E = Math.sqrt(E2);
const DEG = Math.PI / 180;

/** q(φ) of the WGS84 ellipsoid for latitude φ in degrees. */
function authalicQ(latDeg: number): number {
  const s = Math.sin(latDeg * DEG);
  return (1 - E2) * (s / (1 - E2 * s * s) + Math.atanh(E * s) / E);
}

/** Area (m²) on the WGS84 ellipsoid of the cell between two latitudes and dLonDeg of longitude. */
export function ellipsoidCellArea(lat1Deg: number, lat2Deg: number, dLonDeg: number): number {
  const l1 = Math.max(-90, Math.min(90, lat1Deg));
  const l2 = Math.max(-90, Math.min(90, lat2Deg));
  return 0.5 * WGS84_A * WGS84_A * Math.abs(dLonDeg * DEG) * Math.abs(authalicQ(l2) - authalicQ(l1));
}

/** m² of each of `height` rows of a grid with a GDAL geotransform. */
export function cellAreasByRow(geoTransform: ArrayLike<number>, height: number, geographic: boolean): Float64Array {
  const out = new Float64Array(Math.max(0, height | 0));
  const [x0, dx, rx, y0, ry, dy] = [0, 1, 2, 3, 4, 5].map((i) => Number(geoTransform[i]));
  void x0;
  if (!geographic) {
    out.fill(Math.abs(dx * dy - rx * ry));
    return out;
  }
  const dLon = Math.min(Math.abs(dx), 360);
  for (let r = 0; r < out.length; r++) out[r] = ellipsoidCellArea(y0 + r * dy, y0 + (r + 1) * dy, dLon);
  return out;
}
