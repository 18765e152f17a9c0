import { describe, expect, it } from 'vitest';
import { assertSameGrid, gridDifference, sameGrid } from './gridCheck';
import { crsFromEpsg } from './crs';
import type { Grid } from './grid';
import { openRaster } from './raster';
import { fixture } from './rasterFixtures';

const sinu = {
  proj4: '+proj=sinu +lon_0=0 +x_0=0 +y_0=0 +R=6371007.181 +units=m +no_defs', epsg: null, geographic: false,
  name: 'MODIS Sinusoidal', geoKeys: {},
};
const base: Grid = { width: 1000, height: 800, geoTransform: [8600000, 463.312716525, 0, 4300000, 0, -463.312716525], crs: sinu };
const withGt = (i: number, v: number): Grid => {
  const gt = [...base.geoTransform] as Grid['geoTransform'];
  gt[i] = v;
  return { ...base, geoTransform: gt };
};

describe('sameGrid / assertSameGrid', () => {
  it('accepts the same grid, rounding of the pixel size and a tiny origin shift', () => {
    expect(sameGrid(base, { ...base })).toBe(true);
    expect(sameGrid(base, withGt(1, 463.3127165279165))).toBe(true);
    expect(sameGrid(base, withGt(0, 8600000 + 0.0004 * 463.3))).toBe(true);
    expect(sameGrid(base, { ...base, crs: { ...sinu, proj4: '+proj=sinu +R=6371007.181 +lon_0=0 +x_0=0 +y_0=0 +units=m' } })).toBe(true);
  });
  it('names what differs', () => {
    expect(gridDifference(base, { ...base, width: 999 })).toBe('size 1000 × 800 px expected, got 999 × 800');
    expect(gridDifference(base, withGt(0, 8600000 + 0.01 * 463.3))).toMatch(/^origin \(8600000, 4300000\) expected, got \(8600004\.633/);
    expect(gridDifference(base, withGt(3, 4300000 - 463.312716525))).toMatch(/^origin/);
    expect(gridDifference(base, withGt(1, 463.4))).toMatch(/^pixel size 463\.312716525 × -463\.312716525 expected, got 463\.4/);
    expect(gridDifference(base, withGt(5, 463.312716525))).toMatch(/^pixel size/); // south-up
    expect(gridDifference(base, { ...base, crs: crsFromEpsg(4326) })).toBe('CRS MODIS Sinusoidal expected, got EPSG:4326 (WGS 84)');
  });
  it('assertSameGrid throws a DatasetError naming the file', () => {
    expect(() => assertSameGrid(base, { ...base, height: 801 }, 'npp/npp_2005.tif')).toThrow(
      'npp/npp_2005.tif: not on the analysis grid (size 1000 × 800 px expected, got 1000 × 801)');
    expect(() => assertSameGrid(base, base, 'x')).not.toThrow();
  });
  it('files written by GDAL: same grid across compressions, different across CRSs', async () => {
    const a = await openRaster(fixture('int16_deflate_p1_tiled.tif'), 'a');
    const b = await openRaster(fixture('float64_zstd_p3_tiled.tif'), 'b');
    const c = await openRaster(fixture('crs_4490.tif'), 'c');
    const d = await openRaster(fixture('crs_4326.tif'), 'd');
    expect(sameGrid(a.grid, b.grid)).toBe(true);
    expect(gridDifference(c.grid, d.grid)).toBe('CRS EPSG:4490 (CGCS2000) expected, got EPSG:4326 (WGS 84)');
  });
});
