/** A raster grid: size, GDAL-order geotransform and CRS. */

/** GDAL order: [originX, pixelWidth, rowRotation, originY, colRotation, pixelHeight (negative for north-up)]. */
export type GeoTransform = [number, number, number, number, number, number];

export interface Crs {
  /** proj4 definition string, e.g. '+proj=longlat +datum=WGS84 +no_defs' or the MODIS sinusoidal. */
  proj4: string;
  /** EPSG code when the CRS is one; null for user-defined CRSs (e.g. MODIS sinusoidal). */
  epsg: number | null;
  /** true for lon/lat CRSs (pixel areas on the ellipsoid). */
  geographic: boolean;
  /** A short human name, e.g. 'EPSG:4326' or 'MODIS Sinusoidal'. */
  name: string;
  /** The GeoKeys as read (geotiff.js's getGeoKeys()), so a writer can copy them exactly. */
  geoKeys: Record<string, number | string | number[]>;
}

export interface Grid {
  width: number;
  height: number;
  geoTransform: GeoTransform;
  crs: Crs;
}
