import { describe, expect, it } from 'vitest';
import { parseManifest, jsonErrorWhere, nppOnly } from './manifest';
import { DatasetError } from './errors';

/** The example of SPEC §2, verbatim. */
const SPEC_EXAMPLE = `{
  "name": "Qilian Mountain National Park (synthetic demo)",
  "years": { "from": 2000, "to": 2022 },
  "npp": { "path": "npp/npp_{year}.tif", "scale": 0.1, "offset": 0, "valid": [0, 32700] },
  "climate": {
    "temperature":   { "path": "climate/tmp_{year}.tif" },
    "precipitation": { "path": "climate/pre_{year}.tif" },
    "humidity":      { "path": "climate/rhu_{year}.tif" },
    "sunshine":      { "path": "climate/ssd_{year}.tif" }
  },
  "zones": { "path": "zones.geojson", "idProperty": "code", "nameProperty": "name" },
  "boundary": { "path": "boundary.geojson" },
  "respiration": { "model": "pei2010", "a": 0.22, "b": 0.0913, "c": 0.3145, "k": 13.95 },
  "trend": { "method": "ols" }
}`;

const minimal = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    name: 'x',
    years: { from: 2000, to: 2002 },
    npp: { path: 'npp_{year}.tif' },
    climate: { table: 'climate.csv' },
    ...extra,
  });

function errorOf(text: string, file = 'dataset.json'): string {
  try {
    parseManifest(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(DatasetError);
    expect((e as DatasetError).file).toBe(file);
    return (e as Error).message;
  }
  throw new Error('expected a DatasetError');
}

describe('parseManifest', () => {
  it('reads the SPEC example', () => {
    const m = parseManifest(SPEC_EXAMPLE, 'dataset.json');
    expect(m.name).toBe('Qilian Mountain National Park (synthetic demo)');
    expect(m.years).toHaveLength(23);
    expect(m.years[0]).toBe(2000);
    expect(m.years[22]).toBe(2022);
    expect(m.npp).toEqual({ path: 'npp/npp_{year}.tif', scale: 0.1, offset: 0, nodata: [], valid: [0, 32700] });
    expect(m.nep).toBeNull();
    expect(m.climate).toEqual({
      kind: 'rasters',
      layers: {
        temperature: { path: 'climate/tmp_{year}.tif', scale: 1, offset: 0, nodata: [], valid: null },
        precipitation: { path: 'climate/pre_{year}.tif', scale: 1, offset: 0, nodata: [], valid: null },
        humidity: { path: 'climate/rhu_{year}.tif', scale: 1, offset: 0, nodata: [], valid: null },
        sunshine: { path: 'climate/ssd_{year}.tif', scale: 1, offset: 0, nodata: [], valid: null },
      },
    });
    expect(m.zones).toEqual({ path: 'zones.geojson', format: 'geojson', idProperty: 'code', nameProperty: 'name' });
    expect(m.boundary).toEqual({ path: 'boundary.geojson' });
    expect(m.respiration).toEqual({ model: 'pei2010', a: 0.22, b: 0.0913, c: 0.3145, k: 13.95 });
    expect(m.trend).toEqual({ method: 'ols' });
  });

  it('fills defaults', () => {
    const m = parseManifest(minimal(), 'd.json');
    expect(m.respiration).toEqual({ model: 'pei2010', a: 0.22, b: 0.0913, c: 0.3145, k: 13.95 });
    expect(m.trend.method).toBe('ols');
    expect(m.zones).toBeNull();
    expect(m.boundary).toBeNull();
    expect(m.climate).toEqual({ kind: 'table', table: 'climate.csv' });
    expect(m.npp).toEqual({ path: 'npp_{year}.tif', scale: 1, offset: 0, nodata: [], valid: null });
  });

  it('keeps given respiration coefficients and fills the others', () => {
    const m = parseManifest(minimal({ respiration: { b: 0.08 } }), 'd.json');
    expect(m.respiration).toEqual({ model: 'pei2010', a: 0.22, b: 0.08, c: 0.3145, k: 13.95 });
  });

  it('accepts an explicit list of years and sen-mk', () => {
    const m = parseManifest(minimal({ years: [2001, 2003, 2010], trend: { method: 'sen-mk' } }), 'd.json');
    expect(m.years).toEqual([2001, 2003, 2010]);
    expect(m.trend.method).toBe('sen-mk');
  });

  it('normalizes nodata to a list', () => {
    const one = parseManifest(minimal({ npp: { path: 'a_{year}.tif', nodata: 32767 } }), 'd.json');
    expect(one.npp!.nodata).toEqual([32767]);
    const many = parseManifest(minimal({ npp: { path: 'a_{year}.tif', nodata: [32761, 32767] } }), 'd.json');
    expect(many.npp!.nodata).toEqual([32761, 32767]);
  });

  it('accepts npp without climate, or without temperature or precipitation: NPP only', () => {
    const none = parseManifest(minimal({ climate: undefined }), 'dataset.json');
    expect(none.climate).toBeNull();
    expect(nppOnly(none)).toBe(true);
    const tOnly = parseManifest(minimal({ climate: { temperature: { path: 't_{year}.tif' } } }), 'dataset.json');
    expect(nppOnly(tOnly)).toBe(true);
    const both = parseManifest(minimal({ climate: { temperature: { path: 't_{year}.tif' }, precipitation: { path: 'p_{year}.tif' } } }), 'dataset.json');
    expect(nppOnly(both)).toBe(false);
    expect(nppOnly(parseManifest(minimal({}), 'dataset.json'))).toBe(false); // a table: the engine decides from its columns
  });

  it('accepts nep without npp, climate or respiration', () => {
    const m = parseManifest(JSON.stringify({ name: 'n', years: [2000, 2001, 2002], nep: { path: 'nep_{year}.tif' } }), 'd.json');
    expect(m.npp).toBeNull();
    expect(m.nep!.path).toBe('nep_{year}.tif');
    expect(m.climate).toBeNull();
  });

  it('tells zone formats from the extension', () => {
    const z = (path: string, extra = {}) => parseManifest(minimal({ zones: { path, ...extra } }), 'd.json').zones;
    expect(z('zones.tif')).toEqual({ path: 'zones.tif', format: 'raster', idProperty: null, nameProperty: null });
    expect(z('Z.TIFF')!.format).toBe('raster');
    expect(z('zones.zip', { idProperty: 'ID' })).toEqual({ path: 'zones.zip', format: 'shapefile', idProperty: 'ID', nameProperty: 'ID' });
    expect(z('https://x.org/zones.json?v=2', { idProperty: 'id' })!.format).toBe('geojson');
  });

  it('ignores unknown top-level keys', () => {
    expect(parseManifest(minimal({ licence: 'CC-BY', notes: { a: 1 } }), 'd.json').name).toBe('x');
  });

  it('strips a UTF-8 BOM', () => {
    expect(parseManifest('\uFEFF' + minimal(), 'd.json').name).toBe('x');
  });

  const cases: [string, string][] = [
    [minimal({ npp: { path: 'npp_{year}.tif', scale: '0.1' } }), 'dataset.json: "npp.scale" must be a number, got "0.1"'],
    [minimal({ npp: { path: 'npp_{year}.tif', offset: null } }), 'dataset.json: "npp.offset" must be a number, got null'],
    [minimal({ npp: { path: 'npp_{year}.tif', scale: 0 } }), 'dataset.json: "npp.scale" must not be 0'],
    [minimal({ npp: { path: 'npp_{year}.tif', nodata: [1, 'x'] } }), 'dataset.json: "npp.nodata[1]" must be a number, got "x"'],
    [minimal({ npp: { path: 'npp_{year}.tif', nodata: 'none' } }), 'dataset.json: "npp.nodata" must be a number or a list of numbers, got "none"'],
    [minimal({ npp: { path: 'npp_{year}.tif', valid: [0] } }), 'dataset.json: "npp.valid" must be [min, max], got a list'],
    [minimal({ npp: { path: 'npp_{year}.tif', valid: [10, 0] } }), 'dataset.json: "npp.valid" must be [min, max] with min ≤ max, got [10, 0]'],
    [minimal({ npp: { path: 'npp_{year}.tif', valid: [0, '9'] } }), 'dataset.json: "npp.valid[1]" must be a number, got "9"'],
    [minimal({ npp: { path: 'npp_{year}.tif', scal: 0.1 } }), 'dataset.json: "npp.scal" is not a known field (expected path, scale, offset, nodata, valid)'],
    [minimal({ npp: { scale: 0.1 } }), 'dataset.json: "npp.path" is missing'],
    [minimal({ npp: { path: '' } }), 'dataset.json: "npp.path" must be a path (a non-empty string), got ""'],
    [minimal({ npp: { path: 'npp.tif' } }), 'dataset.json: "npp.path" must contain {year} (one file per year), got "npp.tif"'],
    [minimal({ npp: 'npp_{year}.tif' }), 'dataset.json: "npp" must be a raster layer like {"path": "…_{year}.tif"}, got "npp_{year}.tif"'],
    [minimal({ npp: undefined }), 'dataset.json: "npp" is missing (give "npp" or "nep")'],
    [minimal({ nep: { path: 'nep_{year}.tif' } }), 'dataset.json: "nep" cannot be given together with "npp" (give one of them)'],
    [minimal({ name: undefined }), 'dataset.json: "name" is missing'],
    [minimal({ name: 3 }), 'dataset.json: "name" must be a non-empty string, got 3'],
    [minimal({ years: undefined }), 'dataset.json: "years" is missing'],
    [minimal({ years: { from: 2000 } }), 'dataset.json: "years.to" is missing'],
    [minimal({ years: { from: '2000', to: 2005 } }), 'dataset.json: "years.from" must be an integer year, got "2000"'],
    [minimal({ years: { from: 2000, to: 2001 } }), 'dataset.json: "years" must hold at least 3 years for a trend, got 2'],
    [minimal({ years: { from: 2005, to: 2000 } }), 'dataset.json: "years.to" must not be before "years.from" (2005), got 2000'],
    [minimal({ years: [2000, 2002, 2001] }), 'dataset.json: "years[2]" must be greater than the year before it (2002), got 2001'],
    [minimal({ years: [2000, 2000, 2001, 2002] }), 'dataset.json: "years[1]" must be greater than the year before it (2000), got 2000'],
    [minimal({ years: [2000, 2001.5, 2002] }), 'dataset.json: "years[1]" must be an integer year, got 2001.5'],
    [minimal({ years: 2000 }), 'dataset.json: "years" must be {"from": …, "to": …} or a list of years, got 2000'],
    [minimal({ climate: { pressure: { path: 'p.tif' } } }), 'dataset.json: "climate.pressure" is not a known field (expected temperature, precipitation, humidity, sunshine, table)'],
    [minimal({ climate: { table: 'c.csv', temperature: { path: 't.tif' } } }), 'dataset.json: "climate.temperature" is not a known field (expected table) (a climate table cannot be mixed with raster layers)'],
    [minimal({ climate: { table: 5 } }), 'dataset.json: "climate.table" must be a path (a non-empty string), got 5'],
    [minimal({ climate: {} }), 'dataset.json: "climate" must give at least one variable (temperature, precipitation, humidity, sunshine) or a table'],
    [minimal({ climate: { temperature: { path: 't_{year}.tif', scale: 'x' }, precipitation: { path: 'p.tif' } } }), 'dataset.json: "climate.temperature.scale" must be a number, got "x"'],
    [minimal({ zones: { path: 'z.geojson' } }), 'dataset.json: "zones.idProperty" is missing (the feature property that holds the zone id)'],
    [minimal({ zones: { path: 'z.geojson', idProperty: 7 } }), 'dataset.json: "zones.idProperty" must be a property name (a non-empty string), got 7'],
    [minimal({ zones: 'z.geojson' }), 'dataset.json: "zones" must be an object like {"path": "zones.geojson", "idProperty": "code"}, got "z.geojson"'],
    [minimal({ boundary: { file: 'b.geojson' } }), 'dataset.json: "boundary.file" is not a known field (expected path)'],
    [minimal({ boundary: {} }), 'dataset.json: "boundary.path" is missing'],
    [minimal({ respiration: { model: 'lloyd-taylor' } }), 'dataset.json: "respiration.model" must be "pei2010", got "lloyd-taylor"'],
    [minimal({ respiration: { b: '0.0913' } }), 'dataset.json: "respiration.b" must be a number, got "0.0913"'],
    [minimal({ trend: { method: 'mk' } }), 'dataset.json: "trend.method" must be "ols" or "sen-mk", got "mk"'],
    ['[1, 2]', 'dataset.json: must be a JSON object, got a list'],
  ];
  it.each(cases)('rejects %s', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });

  it('names the place where the JSON breaks', () => {
    expect(errorOf('{\n  "name": "x",\n  "years": }\n')).toBe('dataset.json: not valid JSON: line 3, column 12: unexpected "}"');
    expect(errorOf('{"name": "x",}')).toBe('dataset.json: not valid JSON: line 1, column 14: unexpected "}"');
    expect(errorOf('{"name": "x"', 'a/b.json')).toBe('a/b.json: not valid JSON: line 1, column 13: unexpected end of text');
    expect(errorOf('')).toBe('dataset.json: not valid JSON: line 1, column 1: unexpected end of text');
    expect(errorOf("{'name': 1}")).toBe('dataset.json: not valid JSON: line 1, column 2: unexpected "\'"');
  });

  it('finds no error position in valid JSON (a check on the scanner)', () => {
    for (const t of [SPEC_EXAMPLE, '[1, -2.5e3, "a\\u00e9\\n", true, false, null, {}, []]']) {
      JSON.parse(t);
      expect(jsonErrorWhere(t, new Error('m'))).toBe('m');
    }
  });
});
