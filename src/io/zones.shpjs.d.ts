/** The part of shpjs 6 we use (it ships no types). */
declare module 'shpjs' {
  export interface ShpFeatureCollection extends GeoJSON.FeatureCollection {
    fileName?: string;
  }
  /**
   * Reads a zipped Shapefile: each .shp with its .dbf (.cpg for the encoding, UTF-8 when absent)
   * and .prj (WKT read by proj4; coordinates are brought to WGS84 lon/lat). One FeatureCollection
   * per .shp in the zip, an array when there are several.
   */
  export function parseZip(buffer: ArrayBuffer | ArrayBufferView, whiteList?: string[]): Promise<ShpFeatureCollection | ShpFeatureCollection[]>;
  const getShapefile: (base: string | ArrayBuffer | ArrayBufferView) => Promise<ShpFeatureCollection | ShpFeatureCollection[]>;
  export default getShapefile;
}
