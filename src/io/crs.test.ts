import { describe, expect, it } from 'vitest';
import { crsFromEpsg, crsFromGeoKeys, crsToCrs, epsgDefinition, gridToLonLat, knownEpsgCodes, lonLatToGrid, sameCrs } from './crs';
import { openRaster } from './raster';
import { isDatasetError } from './errors';
import { expected, fixture } from './rasterFixtures';

/** proj4 string -> sorted parameter set, without flags that change nothing. */
function params(def: string): string[] {
  return def.trim().split(/\s+/).filter((t) => t !== '+no_defs' && t !== '+wktext' && t !== '+type=crs').sort();
}

describe('crsFromGeoKeys on GeoTIFFs written by GDAL; transforms vs GDAL/PROJ (osr)', () => {
  for (const c of expected.crs as {
    file: string; epsg: number | null; geographic: boolean; gdalProj4: string;
    points: { x: number; y: number; lon: number; lat: number }[];
  }[]) {
    it(`${c.file} (${c.gdalProj4})`, async () => {
      const r = await openRaster(fixture(c.file), c.file);
      const crs = r.grid.crs;
      expect(crs.geographic).toBe(c.geographic);
      expect(crs.epsg).toBe(c.epsg);
      const fwd = lonLatToGrid(crs);
      const inv = gridToLonLat(crs);
      for (const p of c.points) {
        const [x, y] = fwd(p.lon, p.lat);
        const [lon, lat] = inv(p.x, p.y);
        if (c.geographic) {
          expect(Math.abs(x - p.x)).toBeLessThan(1e-9);
          expect(Math.abs(y - p.y)).toBeLessThan(1e-9);
        } else {
          expect(Math.hypot(x - p.x, y - p.y)).toBeLessThan(0.01); // < 1 cm
        }
        expect(Math.abs(lon - p.lon)).toBeLessThan(1e-9);
        expect(Math.abs(lat - p.lat)).toBeLessThan(1e-9);
      }
      r.close();
    });
  }
  it('names the MODIS sinusoidal grid and the user-defined Albers', async () => {
    const s = await openRaster(fixture('crs_sinu.tif'), 's');
    expect(s.grid.crs.name).toBe('MODIS Sinusoidal');
    expect(params(s.grid.crs.proj4)).toEqual(params('+proj=sinu +lon_0=0 +x_0=0 +y_0=0 +R=6371007.181 +units=m'));
    const a = await openRaster(fixture('crs_aea_krass.tif'), 'a');
    expect(a.grid.crs.name).toBe('Albers Equal Area (user-defined)');
    expect(a.grid.crs.geoKeys.ProjCoordTransGeoKey).toBe(11);
  });
});

describe('the built-in EPSG table matches GDAL', () => {
  it('every code: same proj4 parameters as GDAL 3.6 exports', () => {
    const table = expected.epsgProj4 as Record<string, { proj4: string; geographic: boolean }>;
    const codes = knownEpsgCodes();
    expect(codes.length).toBe(Object.keys(table).length);
    for (const code of codes) {
      const e = epsgDefinition(code);
      expect(e, String(code)).not.toBeNull();
      expect(params(e!.proj4), String(code)).toEqual(params(table[String(code)].proj4));
      expect(e!.geographic).toBe(table[String(code)].geographic);
    }
  });
});

describe('crsFromGeoKeys: unsupported CRSs give a DatasetError naming the file and the code', () => {
  const problem = (keys: Record<string, unknown> | null): string => {
    try {
      crsFromGeoKeys(keys, 'clim/tmp_2001.tif');
    } catch (e) {
      expect(isDatasetError(e)).toBe(true);
      return (e as Error).message;
    }
    throw new Error('expected a DatasetError');
  };
  it('unknown projected EPSG code', () => {
    expect(problem({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 2193 })).toBe(
      'clim/tmp_2001.tif: unsupported coordinate reference system EPSG:2193 (ProjectedCSTypeGeoKey)');
  });
  it('unknown geographic EPSG code', () => {
    expect(problem({ GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 4167 })).toBe(
      'clim/tmp_2001.tif: unsupported coordinate reference system EPSG:4167 (GeographicTypeGeoKey)');
  });
  it('unknown user-defined projection method', () => {
    expect(problem({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32767, ProjCoordTransGeoKey: 22 })).toBe(
      'clim/tmp_2001.tif: unsupported user-defined projection (ProjCoordTransGeoKey 22)');
  });
  it('no GeoKeys at all', () => {
    expect(problem(null)).toMatch(/no coordinate reference system/);
  });
  it('geocentric', () => {
    expect(problem({ GTModelTypeGeoKey: 3 })).toMatch(/geocentric/);
  });
});

describe('helpers', () => {
  it('sameCrs compares codes, or proj4 parameters in any order', () => {
    expect(sameCrs(crsFromEpsg(4326), crsFromEpsg(4326))).toBe(true);
    expect(sameCrs(crsFromEpsg(4326), crsFromEpsg(4490))).toBe(false);
    const a = { ...crsFromEpsg(32650), epsg: null, proj4: '+proj=utm +zone=50 +datum=WGS84 +units=m +no_defs' };
    const b = { ...a, proj4: '+zone=50 +proj=utm +units=m +datum=WGS84' };
    expect(sameCrs(a, b)).toBe(true);
  });
  it('crsToCrs is the identity for the same CRS and agrees with lon/lat round trips otherwise', () => {
    const utm = crsFromEpsg(32650);
    const ll = crsFromEpsg(4326);
    expect(crsToCrs(utm, utm)(1, 2)).toEqual([1, 2]);
    const [x, y] = crsToCrs(ll, utm)(117, 40);
    const [x2, y2] = lonLatToGrid(utm)(117, 40);
    expect(Math.hypot(x - x2, y - y2)).toBeLessThan(1e-6);
  });
});
