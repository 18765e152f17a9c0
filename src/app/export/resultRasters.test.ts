import { describe, expect, it } from 'vitest';
import { fromArrayBuffer } from 'geotiff';
import { encodeResultRaster, resultRasterData, resultRasterFileName } from './resultRasters';
import type { PixelMaps } from '../../engine/types';

// A 4 × 3 grid on EPSG:4326 with three included pixels (grid cells 1, 6 and 11).
const maps = {
  grid: {
    width: 4, height: 3, geoTransform: [100, 0.5, 0, 40, 0, -0.5],
    crs: { proj4: '+proj=longlat +datum=WGS84 +no_defs', epsg: 4326, geographic: true, name: 'EPSG:4326', geoKeys: { GTModelTypeGeoKey: 2, GTRasterTypeGeoKey: 1, GeographicTypeGeoKey: 4326 } },
  },
  years: [2000, 2001, 2002],
  index: Uint32Array.from([1, 6, 11]),
  zone: Int16Array.from([0, 0, -1]),
  mean: Float32Array.from([10.5, -2, 3]),
  slope: Float32Array.from([1, 2, 3]),
  p: Float32Array.from([0.001, 0.2, 0.04]),
  cls: Int8Array.from([3, 1, 2]),
  rho: {}, nep: new Float32Array(9), npp: null, rh: null, climate: {},
} as unknown as PixelMaps;

describe('result rasters', () => {
  it('spread the included pixels over the grid with the SPEC nodata', () => {
    const mean = resultRasterData(maps, 'nep_mean');
    expect(mean.noData).toBeNaN();
    expect(Array.from(mean.data).map((v) => (Number.isNaN(v) ? null : v))).toEqual([null, 10.5, null, null, null, null, -2, null, null, null, null, 3]);
    const cls = resultRasterData(maps, 'trend_class');
    expect(cls.noData).toBe(-128);
    expect(Array.from(cls.data)).toEqual([-128, 3, -128, -128, -128, -128, 1, -128, -128, -128, -128, 2]);
  });

  it('encode as a GeoTIFF on the analysis grid that reads back the same', async () => {
    const bytes = await encodeResultRaster(maps, 'trend_class');
    const tiff = await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const img = await tiff.getImage();
    expect([img.getWidth(), img.getHeight()]).toEqual([4, 3]);
    expect(img.getOrigin()).toEqual([100, 40, 0]);
    expect(img.getResolution()).toEqual([0.5, -0.5, 0]);
    expect(img.getGDALNoData()).toBe(-128);
    const [band] = (await img.readRasters()) as unknown as Int8Array[];
    expect(Array.from(band)).toEqual([-128, 3, -128, -128, -128, -128, 1, -128, -128, -128, -128, 2]);
  });

  it('name their files for what they hold', () => {
    expect(resultRasterFileName('nep_slope', 'qilian')).toBe('nep_slope_qilian.tif');
    expect(resultRasterFileName('nep_mean', 'hawaii', 'NPP')).toBe('npp_mean_hawaii.tif');
    expect(resultRasterFileName('trend_class', 'hawaii', 'NPP')).toBe('trend_class_hawaii.tif');
  });
});
