/**
 * Zones and boundary polygons (SPEC §2): GeoJSON (RFC 7946, lon/lat) or a zipped Shapefile
 * (.zip with .shp, .dbf and .prj; shpjs reads it and brings it to WGS84 lon/lat with proj4,
 * offline, from the WKT in the .prj). Only Polygon and MultiPolygon geometries are accepted.
 *
 * Zones keep file order: with overlapping zones the first feature wins (SPEC §3), and the
 * summary lists zones in that order. A boundary is the union of its polygons.
 */
import { DatasetError } from './errors';
import { jsonErrorWhere } from './manifest';
import type { ZoneFeature } from '../engine/types';

export type PolygonGeometry = GeoJSON.Polygon | GeoJSON.MultiPolygon;

/** One polygon feature of a boundary file. */
export interface BoundaryPolygon {
  geometry: PolygonGeometry;
  properties: Record<string, unknown>;
}

export interface ZoneOptions {
  /** The property with the zone id (its value as a string). Default: the feature's GeoJSON `id`, else its 1-based position. */
  idProperty?: string;
  /** The property with the zone name. Default: the id. */
  nameProperty?: string;
}

/** Zone ids are Int16 indices in the engine's per-pixel zone arrays, and 'all' is the whole region. */
const MAX_ZONES = 32767;
const RESERVED_ID = 'all';

type Input = ArrayBuffer | ArrayBufferView | string;

interface RawFeature {
  /** Where it is, for messages: 'features[3]'. */
  where: string;
  id: unknown;
  properties: Record<string, unknown>;
  geometry: PolygonGeometry;
}

/** Reads zone polygons with their id and name, in file order. */
export async function loadZones(data: Input, file: string, opts: ZoneOptions = {}): Promise<ZoneFeature[]> {
  const raw = await readPolygons(data, file);
  if (raw.length > MAX_ZONES) throw new DatasetError(file, `${raw.length} zones; at most ${MAX_ZONES} are supported`);
  const seen = new Map<string, string>();
  return raw.map((f, i) => {
    let id: string;
    if (opts.idProperty !== undefined) id = propertyText(f, opts.idProperty, file);
    else if (typeof f.id === 'string' || typeof f.id === 'number') id = String(f.id);
    else id = String(i + 1);
    if (id === RESERVED_ID) {
      throw new DatasetError(file, `${f.where}: the zone id "all" is reserved for the whole region; rename the zone`);
    }
    const first = seen.get(id);
    if (first !== undefined) throw new DatasetError(file, `${f.where}: zone id ${JSON.stringify(id)} is used twice (also ${first})`);
    seen.set(id, f.where);
    const name = opts.nameProperty !== undefined ? propertyText(f, opts.nameProperty, file) : id;
    return { id, name, properties: f.properties, geometry: f.geometry };
  });
}

/** Reads boundary polygons; a pixel is inside the boundary when its centre is inside any of them. */
export async function loadBoundary(data: Input, file: string): Promise<BoundaryPolygon[]> {
  const raw = await readPolygons(data, file);
  return raw.map((f) => ({ geometry: f.geometry, properties: f.properties }));
}

function propertyText(f: RawFeature, prop: string, file: string): string {
  const v = f.properties[prop];
  if (v === undefined || v === null) {
    const have = Object.keys(f.properties);
    throw new DatasetError(
      file,
      `${f.where} has no "${prop}" property` + (have.length ? ` (it has ${have.slice(0, 8).map((k) => JSON.stringify(k)).join(', ')}${have.length > 8 ? ', …' : ''})` : ' (it has no properties)'),
    );
  }
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
    throw new DatasetError(file, `${f.where}: property "${prop}" must be a text or a number, got ${Array.isArray(v) ? 'a list' : 'an object'}`);
  }
  const s = String(v).trim();
  if (s === '') throw new DatasetError(file, `${f.where}: property "${prop}" is empty`);
  return s;
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

function bytesOf(data: ArrayBuffer | ArrayBufferView): Uint8Array {
  return data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** GeoJSON text or bytes, or a zipped Shapefile (told by its PK signature) → polygon features in file order. */
async function readPolygons(data: Input, file: string): Promise<RawFeature[]> {
  let doc: unknown;
  let shapefile = false;
  if (typeof data === 'string') doc = parseJson(data, file);
  else {
    const bytes = bytesOf(data);
    if (bytes.length === 0) throw new DatasetError(file, 'the file is empty');
    if (isZip(bytes)) {
      doc = await readShapefileZip(bytes, file);
      shapefile = true;
    } else doc = parseJson(new TextDecoder('utf-8').decode(bytes), file);
  }
  const features = collectFeatures(doc, file);
  if (features.length === 0) throw new DatasetError(file, 'no polygons (the file holds no features)');
  const out = features.map((f) => checkFeature(f.value, f.where, file, shapefile));
  return out;
}

function parseJson(text: string, file: string): unknown {
  const t = text.replace(/^\uFEFF/, '');
  if (t.trim() === '') throw new DatasetError(file, 'the file is empty');
  try {
    return JSON.parse(t);
  } catch (e) {
    throw new DatasetError(file, `not valid JSON: ${jsonErrorWhere(t, e)}`);
  }
}

async function readShapefileZip(bytes: Uint8Array, file: string): Promise<unknown> {
  const { parseZip } = await import('shpjs');
  let result;
  try {
    result = await parseZip(bytes);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/no layers found/i.test(msg)) throw new DatasetError(file, 'the .zip holds no Shapefile (.shp)');
    throw new DatasetError(file, `could not read the zipped Shapefile: ${msg}`);
  }
  if (Array.isArray(result)) {
    const names = result.map((r) => r.fileName ?? '?');
    throw new DatasetError(file, `the .zip holds ${result.length} Shapefiles (${names.join(', ')}); put one in it`);
  }
  return result;
}

function collectFeatures(doc: unknown, file: string): { value: Record<string, unknown>; where: string }[] {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new DatasetError(file, 'not GeoJSON (expected a FeatureCollection, a Feature or a geometry object)');
  }
  const o = doc as Record<string, unknown>;
  switch (o.type) {
    case 'FeatureCollection': {
      if (!Array.isArray(o.features)) throw new DatasetError(file, 'not GeoJSON: a FeatureCollection without a "features" list');
      return o.features.map((f, i) => {
        if (typeof f !== 'object' || f === null || (f as { type?: unknown }).type !== 'Feature') {
          throw new DatasetError(file, `features[${i}] is not a GeoJSON Feature`);
        }
        return { value: f as Record<string, unknown>, where: `features[${i}]` };
      });
    }
    case 'Feature':
      return [{ value: o, where: 'the feature' }];
    case 'Polygon':
    case 'MultiPolygon':
    case 'Point':
    case 'MultiPoint':
    case 'LineString':
    case 'MultiLineString':
    case 'GeometryCollection':
      return [{ value: { type: 'Feature', properties: {}, geometry: o }, where: 'the geometry' }];
    default:
      throw new DatasetError(
        file,
        `not GeoJSON: "type" is ${JSON.stringify(o.type) ?? 'missing'} (expected a FeatureCollection, a Feature or a geometry object)`,
      );
  }
}

function checkFeature(f: Record<string, unknown>, where: string, file: string, shapefile: boolean): RawFeature {
  const g = f.geometry as { type?: unknown; coordinates?: unknown } | null | undefined;
  if (!g) throw new DatasetError(file, `${where} has no geometry`);
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
    throw new DatasetError(file, `${where} is a ${String(g.type)}; zones and boundaries must be polygons (Polygon or MultiPolygon)`);
  }
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  if (!Array.isArray(polys) || polys.length === 0) throw new DatasetError(file, `${where}: the ${g.type} has no coordinates`);
  for (const rings of polys) {
    if (!Array.isArray(rings) || rings.length === 0) throw new DatasetError(file, `${where}: a polygon without rings`);
    for (const ring of rings) {
      if (!Array.isArray(ring) || ring.length < 3) throw new DatasetError(file, `${where}: a ring with fewer than 3 points`);
      for (const p of ring) {
        if (!Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
          throw new DatasetError(file, `${where}: a point is not [lon, lat] numbers (${JSON.stringify(p)?.slice(0, 40)})`);
        }
        if (Math.abs(p[0]) > 360 || Math.abs(p[1]) > 90) {
          throw new DatasetError(
            file,
            `${where}: coordinates are not lon/lat (found ${p[0]}, ${p[1]}); ` +
              (shapefile
                ? 'the zipped Shapefile needs its .prj so it can be brought to lon/lat'
                : 'GeoJSON must be in WGS84 lon/lat (RFC 7946): reproject it, e.g. ogr2ogr -t_srs EPSG:4326'),
          );
        }
      }
    }
  }
  const props = f.properties;
  const properties = typeof props === 'object' && props !== null && !Array.isArray(props) ? (props as Record<string, unknown>) : {};
  return { where, id: f.id, properties, geometry: rewind(g as PolygonGeometry) };
}

/**
 * A clean copy of the geometry (no bbox, no foreign members) with RFC 7946 winding: exterior
 * rings counterclockwise, holes clockwise (in lon/lat). Shapefiles come the other way round.
 * (d3-geo wants the opposite, spherical winding; reverse rings there if needed.)
 */
function rewind(g: PolygonGeometry): PolygonGeometry {
  const fix = (rings: GeoJSON.Position[][]) =>
    rings.map((ring, i) => {
      const ccw = signedArea(ring) > 0;
      const want = i === 0;
      return ccw === want ? ring.map((p) => [p[0], p[1]]) : ring.map((p) => [p[0], p[1]]).reverse();
    });
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: fix(g.coordinates) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map(fix) };
}

/** Twice the planar signed area of a ring (> 0 counterclockwise, with x east and y north). */
function signedArea(ring: GeoJSON.Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return s;
}
