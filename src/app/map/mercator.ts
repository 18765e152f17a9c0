/** Web Mercator helpers: latitude ↔ Mercator y (in radians of the unit sphere), as MapLibre draws. */

const D2R = Math.PI / 180;
/** The latitude limit of Web Mercator. */
export const MAX_LAT = 85.0511287798066;

/** Mercator y of a latitude (degrees), unit sphere: ln(tan(π/4 + φ/2)). North is larger. */
export function mercY(lat: number): number {
  const phi = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * D2R;
  return Math.log(Math.tan(Math.PI / 4 + phi / 2));
}

/** Latitude (degrees) of a Mercator y (unit sphere). */
export function latOfMercY(y: number): number {
  return Math.atan(Math.sinh(y)) / D2R;
}

/** Mercator x of a longitude (degrees), unit sphere. */
export function mercX(lon: number): number {
  return lon * D2R;
}

export interface LonLatBounds {
  west: number;
  south: number;
  east: number;
  north: number;
}
