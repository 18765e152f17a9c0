/**
 * CRS from GeoTIFF GeoKeys, as a proj4 definition, and lon/lat <-> CRS transforms.
 *
 * Offline: EPSG codes come from a small built-in table (the codes a NEP study meets: WGS84,
 * CGCS2000 and its Gauss-Kruger zones, Web Mercator, UTM); user-defined projections
 * (ProjectedCSTypeGeoKey 32767, as GDAL writes the MODIS sinusoidal grid or an Albers
 * equal-area China grid) are built from their GeoKey parameters. We do not use
 * geotiff-geokeys-to-proj4: it ships the whole EPSG database (a 1.5 MB bundle) and its last
 * release is from 2024; the table below plus the parameter mapping covers what we need.
 */
import proj4 from 'proj4';
import type { Crs } from './grid';
import { DatasetError } from './errors';

export type GeoKeys = Record<string, unknown>;

const USER_DEFINED = 32767;

const WGS84_LONLAT = '+proj=longlat +datum=WGS84 +no_defs';

interface EpsgEntry { proj4: string; name: string; geographic: boolean }

/** The EPSG codes we know offline (proj4 strings as GDAL 3.6 / PROJ export them). */
export function epsgDefinition(code: number): EpsgEntry | null {
  const tm = (lon0: number, x0: number) =>
    `+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=1 +x_0=${x0} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
  switch (code) {
    case 4326: return { proj4: WGS84_LONLAT, name: 'EPSG:4326 (WGS 84)', geographic: true };
    case 4490: return { proj4: '+proj=longlat +ellps=GRS80 +no_defs', name: 'EPSG:4490 (CGCS2000)', geographic: true };
    case 4269: return { proj4: '+proj=longlat +datum=NAD83 +no_defs', name: 'EPSG:4269 (NAD83)', geographic: true };
    case 4258: return { proj4: '+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs', name: 'EPSG:4258 (ETRS89)', geographic: true };
    case 3857: return {
      proj4: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs',
      name: 'EPSG:3857 (Web Mercator)', geographic: false,
    };
  }
  if (code >= 32601 && code <= 32660) {
    const z = code - 32600;
    return { proj4: `+proj=utm +zone=${z} +datum=WGS84 +units=m +no_defs`, name: `EPSG:${code} (WGS 84 / UTM ${z}N)`, geographic: false };
  }
  if (code >= 32701 && code <= 32760) {
    const z = code - 32700;
    return { proj4: `+proj=utm +zone=${z} +south +datum=WGS84 +units=m +no_defs`, name: `EPSG:${code} (WGS 84 / UTM ${z}S)`, geographic: false };
  }
  // CGCS2000 Gauss-Kruger: 6-degree zones 13-23, 6-degree CM 75E-135E, 3-degree zones 25-45, 3-degree CM 75E-135E
  if (code >= 4491 && code <= 4501) {
    const z = code - 4491 + 13;
    return { proj4: tm(6 * z - 3, z * 1e6 + 500000), name: `EPSG:${code} (CGCS2000 / Gauss-Kruger zone ${z})`, geographic: false };
  }
  if (code >= 4502 && code <= 4512) {
    const cm = 75 + 6 * (code - 4502);
    return { proj4: tm(cm, 500000), name: `EPSG:${code} (CGCS2000 / Gauss-Kruger CM ${cm}E)`, geographic: false };
  }
  if (code >= 4513 && code <= 4533) {
    const z = code - 4513 + 25;
    return { proj4: tm(3 * z, z * 1e6 + 500000), name: `EPSG:${code} (CGCS2000 / 3-degree Gauss-Kruger zone ${z})`, geographic: false };
  }
  if (code >= 4534 && code <= 4554) {
    const cm = 75 + 3 * (code - 4534);
    return { proj4: tm(cm, 500000), name: `EPSG:${code} (CGCS2000 / 3-degree Gauss-Kruger CM ${cm}E)`, geographic: false };
  }
  return null;
}

/** All EPSG codes of the built-in table (for tests and docs). */
export function knownEpsgCodes(): number[] {
  const codes = [4326, 4490, 4269, 4258, 3857];
  for (let c = 32601; c <= 32660; c++) codes.push(c);
  for (let c = 32701; c <= 32760; c++) codes.push(c);
  for (let c = 4491; c <= 4554; c++) codes.push(c);
  return codes;
}

const ELLIPSOIDS: Record<number, string> = {
  7030: '+ellps=WGS84', 7019: '+ellps=GRS80', 7024: '+ellps=krass', 7022: '+ellps=intl',
  7008: '+ellps=clrk66', 7004: '+ellps=bessel', 7043: '+ellps=WGS72', 7049: '+a=6378140 +rf=298.257',
  7035: '+R=6371007', 7047: '+R=6370997', 7059: '+R=6378137',
};
const DATUMS: Record<number, string> = {
  6326: '+datum=WGS84', 6269: '+datum=NAD83', 6267: '+datum=NAD27', 6258: '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0',
  6610: '+a=6378140 +rf=298.257', 6214: '+ellps=krass', 6024: '+ellps=krass', 1043: '+ellps=GRS80', 6490: '+ellps=GRS80',
};
const GEOG_CS: Record<number, string> = {
  4326: '+datum=WGS84', 4490: '+ellps=GRS80', 4269: '+datum=NAD83', 4258: '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0',
  4214: '+ellps=krass', 4024: '+ellps=krass', 4610: '+a=6378140 +rf=298.257', 4019: '+ellps=GRS80',
  4030: '+ellps=WGS84', 4047: '+R=6371007', 4035: '+R=6371000',
};

function num(keys: GeoKeys, k: string): number | undefined {
  const v = keys[k];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (ArrayBuffer.isView(v) && (v as unknown as ArrayLike<number>).length > 0) return Number((v as unknown as ArrayLike<number>)[0]);
  return undefined;
}

/** The ellipsoid/datum part of a proj4 string from the geographic GeoKeys. */
function datumPart(keys: GeoKeys, file: string): string {
  const gcs = num(keys, 'GeographicTypeGeoKey');
  if (gcs !== undefined && gcs !== USER_DEFINED) {
    const d = GEOG_CS[gcs];
    if (!d) throw new DatasetError(file, `unsupported geographic coordinate system EPSG:${gcs} (GeographicTypeGeoKey)`);
    return d;
  }
  const datum = num(keys, 'GeogGeodeticDatumGeoKey');
  if (datum !== undefined && datum !== USER_DEFINED && DATUMS[datum]) return DATUMS[datum];
  const ell = num(keys, 'GeogEllipsoidGeoKey');
  if (ell !== undefined && ell !== USER_DEFINED) {
    const e = ELLIPSOIDS[ell];
    if (!e) throw new DatasetError(file, `unsupported ellipsoid EPSG:${ell} (GeogEllipsoidGeoKey)`);
    return e;
  }
  const a = num(keys, 'GeogSemiMajorAxisGeoKey');
  if (a !== undefined) {
    const rf = num(keys, 'GeogInvFlatteningGeoKey');
    const b = num(keys, 'GeogSemiMinorAxisGeoKey');
    if (rf !== undefined && rf > 0) return `+a=${a} +rf=${rf}`;
    if (b !== undefined && b > 0 && b !== a) return `+a=${a} +b=${b}`;
    return `+R=${a}`;
  }
  if (datum !== undefined && datum !== USER_DEFINED) {
    throw new DatasetError(file, `unsupported geodetic datum EPSG:${datum} (GeogGeodeticDatumGeoKey)`);
  }
  return '+datum=WGS84'; // nothing said: the GeoTIFF default
}

function primeMeridian(keys: GeoKeys): string {
  const pm = num(keys, 'GeogPrimeMeridianLongGeoKey');
  return pm ? ` +pm=${pm}` : '';
}

function checkAngularUnits(keys: GeoKeys, file: string): void {
  const u = num(keys, 'GeogAngularUnitsGeoKey');
  if (u !== undefined && u !== 9102 && u !== 9122) {
    throw new DatasetError(file, `unsupported angular unit EPSG:${u} (GeogAngularUnitsGeoKey; degrees expected)`);
  }
}

/** metres per linear unit and the proj4 +units part. */
function linearUnits(keys: GeoKeys, file: string): { toMeter: number; part: string } {
  const u = num(keys, 'ProjLinearUnitsGeoKey');
  if (u === undefined || u === 9001) return { toMeter: 1, part: '+units=m' };
  if (u === 9002) return { toMeter: 0.3048, part: '+units=ft' };
  if (u === 9003) return { toMeter: 1200 / 3937, part: '+units=us-ft' };
  if (u === 9036) return { toMeter: 1000, part: '+units=km' };
  if (u === USER_DEFINED) {
    const size = num(keys, 'ProjLinearUnitSizeGeoKey');
    if (size && size > 0) return { toMeter: size, part: `+to_meter=${size}` };
  }
  throw new DatasetError(file, `unsupported linear unit EPSG:${u} (ProjLinearUnitsGeoKey)`);
}

const CT_NAMES: Record<number, string> = {
  1: 'Transverse Mercator', 7: 'Mercator', 8: 'Lambert Conformal Conic (2SP)', 9: 'Lambert Conformal Conic (1SP)',
  10: 'Lambert Azimuthal Equal Area', 11: 'Albers Equal Area', 17: 'Equirectangular', 24: 'Sinusoidal',
  28: 'Cylindrical Equal Area',
};

/** proj4 projection parameters of a user-defined projection (ProjCoordTransGeoKey). */
function projectionPart(keys: GeoKeys, file: string, toMeter: number): { part: string; name: string } {
  const ct = num(keys, 'ProjCoordTransGeoKey');
  if (ct === undefined) {
    const p = num(keys, 'ProjectionGeoKey');
    throw new DatasetError(file, `unsupported user-defined projection${p !== undefined ? ` (ProjectionGeoKey ${p})` : ''}: no ProjCoordTransGeoKey`);
  }
  const g = (...names: string[]): number => {
    for (const n of names) {
      const v = num(keys, n);
      if (v !== undefined) return v;
    }
    return 0;
  };
  const fe = g('ProjFalseEastingGeoKey', 'ProjFalseOriginEastingGeoKey', 'ProjCenterEastingGeoKey') * toMeter;
  const fn = g('ProjFalseNorthingGeoKey', 'ProjFalseOriginNorthingGeoKey', 'ProjCenterNorthingGeoKey') * toMeter;
  const xy = `+x_0=${fe} +y_0=${fn}`;
  const lon0 = g('ProjNatOriginLongGeoKey', 'ProjFalseOriginLongGeoKey', 'ProjCenterLongGeoKey');
  const lat0 = g('ProjNatOriginLatGeoKey', 'ProjFalseOriginLatGeoKey', 'ProjCenterLatGeoKey');
  const k = num(keys, 'ProjScaleAtNatOriginGeoKey') ?? num(keys, 'ProjScaleAtCenterGeoKey') ?? 1;
  const sp1 = g('ProjStdParallel1GeoKey');
  const sp2 = g('ProjStdParallel2GeoKey');
  let part: string;
  switch (ct) {
    case 1: part = `+proj=tmerc +lat_0=${lat0} +lon_0=${lon0} +k=${k} ${xy}`; break;
    case 7: part = num(keys, 'ProjStdParallel1GeoKey') !== undefined
      ? `+proj=merc +lat_ts=${sp1} +lon_0=${lon0} ${xy}`
      : `+proj=merc +lon_0=${lon0} +k=${k} ${xy}`; break;
    case 8: part = `+proj=lcc +lat_0=${lat0} +lon_0=${lon0} +lat_1=${sp1} +lat_2=${sp2} ${xy}`; break;
    case 9: part = `+proj=lcc +lat_1=${lat0} +lat_0=${lat0} +lon_0=${lon0} +k_0=${k} ${xy}`; break;
    case 10: part = `+proj=laea +lat_0=${lat0} +lon_0=${lon0} ${xy}`; break;
    case 11: part = `+proj=aea +lat_0=${lat0} +lon_0=${lon0} +lat_1=${sp1} +lat_2=${sp2} ${xy}`; break;
    case 17: part = `+proj=eqc +lat_ts=${sp1} +lat_0=${lat0} +lon_0=${lon0} ${xy}`; break;
    case 24: part = `+proj=sinu +lon_0=${lon0} ${xy}`; break;
    case 28: part = `+proj=cea +lat_ts=${sp1} +lon_0=${lon0} ${xy}`; break;
    default:
      throw new DatasetError(file, `unsupported user-defined projection (ProjCoordTransGeoKey ${ct})`);
  }
  return { part, name: CT_NAMES[ct] };
}

function plainKeys(keys: GeoKeys): Crs['geoKeys'] {
  const out: Crs['geoKeys'] = {};
  for (const [k, v] of Object.entries(keys)) {
    if (typeof v === 'number' || typeof v === 'string') out[k] = v;
    else if (ArrayBuffer.isView(v)) out[k] = Array.from(v as unknown as ArrayLike<number>);
    else if (Array.isArray(v)) out[k] = v.map(Number);
  }
  return out;
}

/**
 * The CRS described by a GeoTIFF's GeoKeys (geotiff.js getGeoKeys()).
 * Throws DatasetError(name, ...) naming the code when the CRS is not supported.
 */
export function crsFromGeoKeys(geoKeys: GeoKeys | null | undefined, name: string): Crs {
  if (!geoKeys || Object.keys(geoKeys).length === 0) {
    throw new DatasetError(name, 'no coordinate reference system (the GeoTIFF has no GeoKeys)');
  }
  const model = num(geoKeys, 'GTModelTypeGeoKey');
  const keys = plainKeys(geoKeys);
  const pcs = num(geoKeys, 'ProjectedCSTypeGeoKey');
  const gcs = num(geoKeys, 'GeographicTypeGeoKey');
  if (model === 3) throw new DatasetError(name, 'geocentric coordinate systems are not supported (GTModelTypeGeoKey 3)');
  const projected = model === 1 || (model === undefined && pcs !== undefined);
  if (projected) {
    if (pcs !== undefined && pcs !== USER_DEFINED) {
      const e = epsgDefinition(pcs);
      if (e && !e.geographic) return { proj4: e.proj4, epsg: pcs, geographic: false, name: e.name, geoKeys: keys };
      if (num(geoKeys, 'ProjCoordTransGeoKey') === undefined) {
        throw new DatasetError(name, `unsupported coordinate reference system EPSG:${pcs} (ProjectedCSTypeGeoKey)`);
      }
    }
    checkAngularUnits(geoKeys, name);
    const units = linearUnits(geoKeys, name);
    const proj = projectionPart(geoKeys, name, units.toMeter);
    const datum = datumPart(geoKeys, name);
    const def = `${proj.part} ${datum}${primeMeridian(geoKeys)} ${units.part} +no_defs`;
    const sinuModis = proj.part.startsWith('+proj=sinu') && datum === '+R=6371007.181';
    return {
      proj4: def, epsg: null, geographic: false,
      name: sinuModis ? 'MODIS Sinusoidal' : `${proj.name} (user-defined)`, geoKeys: keys,
    };
  }
  if (model === 2 || gcs !== undefined) {
    if (gcs !== undefined && gcs !== USER_DEFINED) {
      const e = epsgDefinition(gcs);
      if (e && e.geographic) return { proj4: e.proj4, epsg: gcs, geographic: true, name: e.name, geoKeys: keys };
      if (!GEOG_CS[gcs]) throw new DatasetError(name, `unsupported coordinate reference system EPSG:${gcs} (GeographicTypeGeoKey)`);
    }
    checkAngularUnits(geoKeys, name);
    const datum = datumPart(geoKeys, name);
    return {
      proj4: `+proj=longlat ${datum}${primeMeridian(geoKeys)} +no_defs`,
      epsg: gcs !== undefined && gcs !== USER_DEFINED ? gcs : null,
      geographic: true,
      name: gcs !== undefined && gcs !== USER_DEFINED ? `EPSG:${gcs}` : 'Geographic (user-defined)',
      geoKeys: keys,
    };
  }
  throw new DatasetError(name, `unsupported coordinate reference system (GTModelTypeGeoKey ${model ?? 'missing'})`);
}

/** A Crs for a known EPSG code (e.g. for writers and tests). */
export function crsFromEpsg(code: number): Crs {
  const e = epsgDefinition(code);
  if (!e) throw new DatasetError(`EPSG:${code}`, 'unknown EPSG code');
  const geoKeys: Crs['geoKeys'] = e.geographic
    ? { GTModelTypeGeoKey: 2, GTRasterTypeGeoKey: 1, GeographicTypeGeoKey: code }
    : { GTModelTypeGeoKey: 1, GTRasterTypeGeoKey: 1, ProjectedCSTypeGeoKey: code };
  return { proj4: e.proj4, epsg: code, geographic: e.geographic, name: e.name, geoKeys };
}

/** true when two CRSs are the same (same EPSG code, or the same proj4 parameters). */
export function sameCrs(a: Crs, b: Crs): boolean {
  if (a.epsg !== null && b.epsg !== null) return a.epsg === b.epsg;
  return normalizeProj4(a.proj4) === normalizeProj4(b.proj4);
}

function normalizeProj4(def: string): string {
  return def.trim().split(/\s+/).filter((t) => t !== '+no_defs' && t !== '+wktext').sort().join(' ');
}

type Converter = { forward: (p: [number, number]) => number[]; inverse: (p: [number, number]) => number[] };
const converters = new Map<string, Converter>();

function converter(crs: Crs): Converter {
  let c = converters.get(crs.proj4);
  if (!c) {
    c = proj4(WGS84_LONLAT, crs.proj4) as unknown as Converter;
    converters.set(crs.proj4, c);
  }
  return c;
}

function isWgs84LonLat(crs: Crs): boolean {
  return crs.epsg === 4326 || normalizeProj4(crs.proj4) === normalizeProj4(WGS84_LONLAT);
}

/**
 * WGS84 lon/lat (degrees) -> coordinates in `crs`. A datum shift is applied only where the
 * CRS defines one (+towgs84); CGCS2000 and datums without one are taken as WGS84, which is
 * what GDAL/PROJ do ("ballpark") when no transformation is known.
 */
export function lonLatToGrid(crs: Crs): (lon: number, lat: number) => [number, number] {
  if (isWgs84LonLat(crs)) return (lon, lat) => [lon, lat];
  const c = converter(crs);
  return (lon, lat) => {
    const p = c.forward([lon, lat]);
    return [p[0], p[1]];
  };
}

/** Coordinates in `crs` -> WGS84 lon/lat (degrees); the inverse of lonLatToGrid. */
export function gridToLonLat(crs: Crs): (x: number, y: number) => [number, number] {
  if (isWgs84LonLat(crs)) return (x, y) => [x, y];
  const c = converter(crs);
  return (x, y) => {
    const p = c.inverse([x, y]);
    return [p[0], p[1]];
  };
}

/** Coordinates in `from` -> coordinates in `to` (identity when they are the same CRS). */
export function crsToCrs(from: Crs, to: Crs): (x: number, y: number) => [number, number] {
  if (sameCrs(from, to)) return (x, y) => [x, y];
  const c = proj4(from.proj4, to.proj4) as unknown as Converter;
  return (x, y) => {
    const p = c.forward([x, y]);
    return [p[0], p[1]];
  };
}
