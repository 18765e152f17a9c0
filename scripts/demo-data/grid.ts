/**
 * The demo's analysis grid: EPSG:4326, 0.0045° pixels (≈ 500 m north–south, ≈ 390 m east–west
 * at 38° N, the size of MOD17A3HGF's 500 m cells), covering the park with a margin.
 */
export const PIXEL = 0.0045;
export const WEST = 94.4;
export const NORTH = 40.0;
export const WIDTH = 2000; // to 103.4° E
export const HEIGHT = 756; // to 36.598° N
export const GEO_TRANSFORM: [number, number, number, number, number, number] = [WEST, PIXEL, 0, NORTH, 0, -PIXEL];
export const GEO_KEYS_4326 = { GTModelTypeGeoKey: 2, GTRasterTypeGeoKey: 1, GeographicTypeGeoKey: 4326 };

/**
 * The climate grid, on which the climate files are delivered (as ERA5-Land, CRU or a
 * station-interpolated grid would be): EPSG:4326, 0.072° cells (≈ 7 km), the analysis grid's
 * top-left corner, so each cell is exactly CLIMATE_BLOCK × CLIMATE_BLOCK analysis pixels.
 * 125 × 48 cells: the last row reaches 0.054° below the analysis grid. The engine resamples it
 * bilinearly to the analysis grid (SPEC §2).
 */
export const CLIMATE_BLOCK = 16;
export const CLIMATE_PIXEL = 0.072;
export const CLIMATE_WIDTH = Math.ceil(WIDTH / CLIMATE_BLOCK); // 125
export const CLIMATE_HEIGHT = Math.ceil(HEIGHT / CLIMATE_BLOCK); // 48
export const CLIMATE_GEO_TRANSFORM: [number, number, number, number, number, number] = [WEST, CLIMATE_PIXEL, 0, NORTH, 0, -CLIMATE_PIXEL];

export const lonOf = (col: number): number => WEST + (col + 0.5) * PIXEL;
export const latOf = (row: number): number => NORTH - (row + 0.5) * PIXEL;

// WGS84
const A = 6378137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);
const E = Math.sqrt(E2);
const B2 = A * A * (1 - E2);

/** q(φ) of the authalic latitude formulas (Snyder 1987, eq. 3-12). */
function q(phi: number): number {
  const s = Math.sin(phi);
  return s / (1 - E2 * s * s) - (1 / (2 * E)) * Math.log((1 - E * s) / (1 + E * s));
}

/** Area (km²) of a cell Δλ wide between two latitudes (degrees) on the WGS84 ellipsoid. */
export function cellAreaKm2(lat1: number, lat2: number, dLonDeg: number): number {
  const r = Math.PI / 180;
  return Math.abs((B2 / 2) * dLonDeg * r * (q(lat2 * r) - q(lat1 * r))) / 1e6;
}

/** Pixel area (km²) of each row. */
export function rowAreasKm2(): Float64Array {
  const out = new Float64Array(HEIGHT);
  for (let r = 0; r < HEIGHT; r++) out[r] = cellAreaKm2(NORTH - r * PIXEL, NORTH - (r + 1) * PIXEL, PIXEL);
  return out;
}
