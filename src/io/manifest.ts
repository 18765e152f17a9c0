/**
 * The dataset manifest, `dataset.json` (SPEC §2): parsed, checked field by field, and
 * normalized (years as a list, defaults filled). A wrong or missing field gives one
 * DatasetError naming the manifest file and the field path:
 *   dataset.json: "npp.scale" must be a number, got "0.1"
 * Unknown top-level keys are ignored (room for notes, licences, …); unknown keys inside the
 * known objects are errors, as they are most likely typos ("scal", "precip").
 */
import { DatasetError } from './errors';
import { CLIMATE_VARS, type ClimateVar, type TrendMethod } from '../core/summary';
import { PEI2010_DEFAULTS, type Pei2010Params } from '../core/respiration';

/** A raster layer, normalized: value = stored × scale + offset; nodata and valid in stored units. */
export interface RasterLayer {
  /** Path template relative to the manifest (or a URL), may contain `{year}`. */
  path: string;
  scale: number;
  offset: number;
  /** Extra nodata codes on top of the file's GDAL_NODATA tag; [] when none. */
  nodata: number[];
  /** Inclusive [min, max] of valid stored values; null when not given. */
  valid: [number, number] | null;
}

export type ClimateSource =
  | { kind: 'rasters'; layers: Partial<Record<ClimateVar, RasterLayer>> }
  | { kind: 'table'; table: string };

export interface ZonesSource {
  path: string;
  /** From the extension: .tif/.tiff → raster of integer codes; .zip → zipped Shapefile; else GeoJSON. */
  format: 'geojson' | 'shapefile' | 'raster';
  /** Vector zones: the property holding the zone id (required). null for raster zones. */
  idProperty: string | null;
  /** Vector zones: the property holding the zone name; defaults to idProperty. null for raster zones. */
  nameProperty: string | null;
}

export interface Manifest {
  name: string;
  /** Analysis years, strictly increasing, at least 3. */
  years: number[];
  /** Exactly one of npp and nep is set. */
  npp: RasterLayer | null;
  nep: RasterLayer | null;
  /** null when absent: with `npp`, the analysis then runs on NPP itself (no Rh; see nppOnly). */
  climate: ClimateSource | null;
  zones: ZonesSource | null;
  boundary: { path: string } | null;
  /** Always filled (defaults of Pei et al. 2010); unused when the dataset gives `nep`. */
  respiration: { model: 'pei2010' } & Pei2010Params;
  trend: { method: TrendMethod };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

/**
 * True when the dataset gives NPP but not both temperature and precipitation rasters/columns
 * known from the manifest alone: no Rh can be computed, so NEP is taken as NPP. (A climate table
 * is only known after reading it; the engine decides from its columns.)
 */
export function nppOnly(m: Manifest): boolean {
  if (!m.npp) return false;
  if (!m.climate) return true;
  if (m.climate.kind === 'table') return false;
  return !m.climate.layers.temperature || !m.climate.layers.precipitation;
}

/** Parses and validates a manifest. `file` names it in errors (e.g. 'dataset.json'). */
export function parseManifest(text: string, file: string): Manifest {
  let doc: Json;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, '')) as Json;
  } catch (e) {
    throw new DatasetError(file, `not valid JSON: ${jsonErrorWhere(text, e)}`);
  }
  const fail = (field: string, problem: string): never => {
    throw new DatasetError(file, `"${field}" ${problem}`);
  };
  if (!isObj(doc)) throw new DatasetError(file, `must be a JSON object, got ${describe(doc)}`);

  const name = doc.name;
  if (name === undefined) fail('name', 'is missing');
  if (typeof name !== 'string' || name.trim() === '') fail('name', `must be a non-empty string, got ${describe(name)}`);

  const years = parseYears(doc.years, fail);

  if (doc.npp !== undefined && doc.nep !== undefined) fail('nep', 'cannot be given together with "npp" (give one of them)');
  if (doc.npp === undefined && doc.nep === undefined) fail('npp', 'is missing (give "npp" or "nep")');
  const npp = doc.npp !== undefined ? parseLayer(doc.npp, 'npp', fail) : null;
  const nep = doc.nep !== undefined ? parseLayer(doc.nep, 'nep', fail) : null;
  for (const [layer, field] of [[npp, 'npp.path'], [nep, 'nep.path']] as const) {
    if (layer && !layer.path.includes('{year}')) fail(field, `must contain {year} (one file per year), got ${describe(layer.path)}`);
  }

  let climate: ClimateSource | null = null;
  if (doc.climate !== undefined) climate = parseClimate(doc.climate, fail);
  // "npp" without temperature and precipitation is allowed: there is no Rh then, and trends and
  // zones are computed on NPP itself (see nppOnly).

  let zones: ZonesSource | null = null;
  if (doc.zones !== undefined) zones = parseZones(doc.zones, fail);

  let boundary: { path: string } | null = null;
  if (doc.boundary !== undefined) {
    const b = doc.boundary;
    if (!isObj(b)) fail('boundary', `must be an object like {"path": "boundary.geojson"}, got ${describe(b)}`);
    const bo = b as Obj;
    knownKeys(bo, 'boundary', ['path'], fail);
    boundary = { path: parsePath(bo.path, 'boundary.path', fail) };
  }

  const respiration = parseRespiration(doc.respiration, fail);

  let method: TrendMethod = 'ols';
  if (doc.trend !== undefined) {
    const t = doc.trend;
    if (!isObj(t)) fail('trend', `must be an object like {"method": "ols"}, got ${describe(t)}`);
    const to = t as Obj;
    knownKeys(to, 'trend', ['method'], fail);
    if (to.method !== undefined) {
      if (to.method !== 'ols' && to.method !== 'sen-mk') fail('trend.method', `must be "ols" or "sen-mk", got ${describe(to.method)}`);
      method = to.method as TrendMethod;
    }
  }

  return { name: (name as string).trim(), years, npp, nep, climate, zones, boundary, respiration, trend: { method } };
}

type Fail = (field: string, problem: string) => never;

function parseYears(y: Json | undefined, fail: Fail): number[] {
  if (y === undefined) return fail('years', 'is missing');
  let years: number[];
  if (Array.isArray(y)) {
    years = y.map((v, i) => {
      if (!isInt(v)) fail(`years[${i}]`, `must be an integer year, got ${describe(v)}`);
      return v as number;
    });
    for (let i = 1; i < years.length; i++) {
      if (!(years[i] > years[i - 1])) fail(`years[${i}]`, `must be greater than the year before it (${years[i - 1]}), got ${years[i]}`);
    }
  } else if (isObj(y)) {
    knownKeys(y, 'years', ['from', 'to'], fail);
    if (y.from === undefined) fail('years.from', 'is missing');
    if (!isInt(y.from)) fail('years.from', `must be an integer year, got ${describe(y.from)}`);
    if (y.to === undefined) fail('years.to', 'is missing');
    if (!isInt(y.to)) fail('years.to', `must be an integer year, got ${describe(y.to)}`);
    const from = y.from as number;
    const to = y.to as number;
    if (to < from) fail('years.to', `must not be before "years.from" (${from}), got ${to}`);
    if (to - from > 10000) fail('years', `spans too many years (${from}–${to})`);
    years = [];
    for (let v = from; v <= to; v++) years.push(v);
  } else {
    return fail('years', `must be {"from": …, "to": …} or a list of years, got ${describe(y)}`);
  }
  if (years.length < 3) fail('years', `must hold at least 3 years for a trend, got ${years.length}`);
  return years;
}

const LAYER_KEYS = ['path', 'scale', 'offset', 'nodata', 'valid'];

function parseLayer(l: Json | undefined, field: string, fail: Fail): RasterLayer {
  if (!isObj(l)) return fail(field, `must be a raster layer like {"path": "…_{year}.tif"}, got ${describe(l)}`);
  knownKeys(l, field, LAYER_KEYS, fail);
  const path = parsePath(l.path, `${field}.path`, fail);
  const num = (k: 'scale' | 'offset', dflt: number): number => {
    const v = l[k];
    if (v === undefined) return dflt;
    if (!isNum(v)) fail(`${field}.${k}`, `must be a number, got ${describe(v)}`);
    return v as number;
  };
  const scale = num('scale', 1);
  if (scale === 0) fail(`${field}.scale`, 'must not be 0');
  const offset = num('offset', 0);
  let nodata: number[] = [];
  if (l.nodata !== undefined && l.nodata !== null) {
    const n = l.nodata;
    if (isNum(n)) nodata = [n as number];
    else if (Array.isArray(n)) {
      nodata = n.map((v, i) => {
        if (!isNum(v)) fail(`${field}.nodata[${i}]`, `must be a number, got ${describe(v)}`);
        return v as number;
      });
    } else fail(`${field}.nodata`, `must be a number or a list of numbers, got ${describe(n)}`);
  }
  let valid: [number, number] | null = null;
  if (l.valid !== undefined && l.valid !== null) {
    const v = l.valid;
    if (!Array.isArray(v) || v.length !== 2) return fail(`${field}.valid`, `must be [min, max], got ${describe(v)}`);
    for (let i = 0; i < 2; i++) if (!isNum(v[i])) fail(`${field}.valid[${i}]`, `must be a number, got ${describe(v[i])}`);
    if ((v[0] as number) > (v[1] as number)) fail(`${field}.valid`, `must be [min, max] with min ≤ max, got [${v[0]}, ${v[1]}]`);
    valid = [v[0] as number, v[1] as number];
  }
  return { path, scale, offset, nodata, valid };
}

function parseClimate(c: Json, fail: Fail): ClimateSource {
  if (!isObj(c)) return fail('climate', `must be an object of raster layers or {"table": "climate.csv"}, got ${describe(c)}`);
  if (c.table !== undefined) {
    knownKeys(c, 'climate', ['table'], fail, ' (a climate table cannot be mixed with raster layers)');
    return { kind: 'table', table: parsePath(c.table, 'climate.table', fail) };
  }
  knownKeys(c, 'climate', [...CLIMATE_VARS, 'table'], fail);
  const layers: Partial<Record<ClimateVar, RasterLayer>> = {};
  for (const v of CLIMATE_VARS) if (c[v] !== undefined) layers[v] = parseLayer(c[v], `climate.${v}`, fail);
  if (Object.keys(layers).length === 0) fail('climate', 'must give at least one variable (temperature, precipitation, humidity, sunshine) or a table');
  return { kind: 'rasters', layers };
}

function parseZones(z: Json, fail: Fail): ZonesSource {
  if (!isObj(z)) return fail('zones', `must be an object like {"path": "zones.geojson", "idProperty": "code"}, got ${describe(z)}`);
  knownKeys(z, 'zones', ['path', 'idProperty', 'nameProperty'], fail);
  const path = parsePath(z.path, 'zones.path', fail);
  const lower = path.toLowerCase().replace(/[?#].*$/, '');
  const format = /\.tiff?$/.test(lower) ? 'raster' : lower.endsWith('.zip') ? 'shapefile' : 'geojson';
  const prop = (k: 'idProperty' | 'nameProperty'): string | null => {
    const v = z[k];
    if (v === undefined) return null;
    if (typeof v !== 'string' || v === '') fail(`zones.${k}`, `must be a property name (a non-empty string), got ${describe(v)}`);
    return v as string;
  };
  const idProperty = prop('idProperty');
  const nameProperty = prop('nameProperty');
  if (format === 'raster') return { path, format, idProperty: null, nameProperty: null };
  if (idProperty === null) fail('zones.idProperty', 'is missing (the feature property that holds the zone id)');
  return { path, format, idProperty, nameProperty: nameProperty ?? idProperty };
}

function parseRespiration(r: Json | undefined, fail: Fail): { model: 'pei2010' } & Pei2010Params {
  const out = { model: 'pei2010' as const, ...PEI2010_DEFAULTS };
  if (r === undefined) return out;
  if (!isObj(r)) return fail('respiration', `must be an object like {"model": "pei2010"}, got ${describe(r)}`);
  knownKeys(r, 'respiration', ['model', 'a', 'b', 'c', 'k'], fail);
  if (r.model !== undefined && r.model !== 'pei2010') fail('respiration.model', `must be "pei2010", got ${describe(r.model)}`);
  for (const k of ['a', 'b', 'c', 'k'] as const) {
    const v = r[k];
    if (v === undefined) continue;
    if (!isNum(v)) fail(`respiration.${k}`, `must be a number, got ${describe(v)}`);
    out[k] = v as number;
  }
  return out;
}

function parsePath(p: Json | undefined, field: string, fail: Fail): string {
  if (p === undefined) return fail(field, 'is missing');
  if (typeof p !== 'string' || p.trim() === '') return fail(field, `must be a path (a non-empty string), got ${describe(p)}`);
  return p.trim();
}

function knownKeys(o: Obj, field: string, known: string[], fail: Fail, hint = ''): void {
  for (const k of Object.keys(o)) {
    if (!known.includes(k)) fail(`${field}.${k}`, `is not a known field (expected ${known.join(', ')})${hint}`);
  }
}

function isObj(v: Json | undefined): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isNum(v: Json | undefined): boolean {
  return typeof v === 'number' && Number.isFinite(v);
}
function isInt(v: Json | undefined): boolean {
  return typeof v === 'number' && Number.isInteger(v);
}

/** How a value looks in an error message: strings quoted, objects named, long things cut. */
export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  const s = typeof v === 'string' ? JSON.stringify(v) : String(v);
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}

/**
 * Where the JSON breaks, as "line 3, column 9: unexpected '}'". V8's own messages differ by
 * version and sometimes echo the whole text without a position, so we find the spot ourselves
 * with a small scanner of the JSON grammar (only run after JSON.parse has failed).
 */
export function jsonErrorWhere(text: string, e: unknown): string {
  const src = text.replace(/^\uFEFF/, '');
  const pos = jsonErrorOffset(src);
  if (pos < 0) return e instanceof Error ? e.message.split('\n')[0] : String(e);
  const before = src.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  const what = pos >= src.length ? 'unexpected end of text' : `unexpected ${JSON.stringify(src[pos])}`;
  return `line ${line}, column ${column}: ${what}`;
}

/** Offset of the first character that breaks the JSON grammar (text.length for a premature end), or -1. */
function jsonErrorOffset(t: string): number {
  let i = 0;
  class Stop { constructor(readonly at: number) {} }
  const ws = () => { while (i < t.length && ' \t\n\r'.includes(t[i])) i++; };
  const stop = (): never => { throw new Stop(i); };
  const lit = (w: string) => { for (const ch of w) { if (t[i] !== ch) stop(); i++; } };
  const str = () => {
    i++; // opening quote
    for (;;) {
      if (i >= t.length) stop();
      const ch = t[i];
      if (ch === '"') { i++; return; }
      if (ch < ' ') stop();
      if (ch === '\\') {
        i++;
        if (t[i] === 'u') { i++; for (let k = 0; k < 4; k++) { if (!/[0-9a-fA-F]/.test(t[i] ?? '')) stop(); i++; } }
        else if (t[i] !== undefined && '"\\/bfnrt'.includes(t[i])) i++;
        else stop();
      } else i++;
    }
  };
  const num = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(t.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') stop();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const ch = t[i];
    if (ch === '{') {
      i++; ws();
      if (t[i] === '}') { i++; return; }
      for (;;) {
        ws(); if (t[i] !== '"') stop(); str(); ws();
        if (t[i] !== ':') stop(); i++;
        value(); ws();
        if (t[i] === ',') { i++; continue; }
        if (t[i] === '}') { i++; return; }
        stop();
      }
    } else if (ch === '[') {
      i++; ws();
      if (t[i] === ']') { i++; return; }
      for (;;) {
        value(); ws();
        if (t[i] === ',') { i++; continue; }
        if (t[i] === ']') { i++; return; }
        stop();
      }
    } else if (ch === '"') str();
    else if (ch === 't') lit('true');
    else if (ch === 'f') lit('false');
    else if (ch === 'n') lit('null');
    else if (ch === '-' || (ch >= '0' && ch <= '9')) num();
    else stop();
  };
  try {
    value(); ws();
    return i < t.length ? i : -1;
  } catch (err) {
    if (err instanceof Stop) return Math.min(err.at, t.length);
    return -1; // e.g. stack overflow on absurd nesting: fall back to the parser's message
  }
}
