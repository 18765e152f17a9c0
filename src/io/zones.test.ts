import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBoundary, loadZones } from './zones';
import { projectZones, rasterizeZones } from './rasterize';
import { DatasetError } from './errors';
import type { GeoTransform } from './grid';

const FIX = new URL('../../test/fixtures/vector/', import.meta.url);
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, FIX)));
const text = (name: string): string => readFileSync(new URL(name, FIX), 'utf8');
const identity = (lon: number, lat: number): [number, number] => [lon, lat];

async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DatasetError);
    return (e as Error).message;
  }
  throw new Error('expected a DatasetError');
}

const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const square = [[[100, 30], [101, 30], [101, 31], [100, 31], [100, 30]]];
const feat = (properties: unknown, geometry: unknown = { type: 'Polygon', coordinates: square }) => ({ type: 'Feature', properties, geometry });

/** Rasterizes lon/lat features on the 'geo' fixture grid, as the fixture's strings. */
function onGeoGrid(features: { geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon }[]): string[] {
  const exp = JSON.parse(text('expected_geo.json')) as { width: number; height: number; geoTransform: GeoTransform };
  const out = new Int16Array(exp.width * exp.height);
  rasterizeZones(projectZones(features, identity), { ...exp, geoTransform: exp.geoTransform }, 0, exp.height, out);
  const rows: string[] = [];
  for (let o = 0; o < out.length; o += exp.width) rows.push(Array.from(out.subarray(o, o + exp.width), (v) => (v < 0 ? '.' : String(v))).join(''));
  return rows;
}

describe('loadZones: GeoJSON', () => {
  it('reads ids, names, properties and polygons in file order', async () => {
    const zones = await loadZones(text('zones.geojson'), 'zones.geojson', { idProperty: 'code', nameProperty: 'name' });
    expect(zones.map((z) => z.id)).toEqual(['A1', '2', 'C3']); // the numeric code 2 as a string
    expect(zones.map((z) => z.name)).toEqual(['东区 (祁连)', 'Middle', 'West, "quoted"']);
    expect(zones[1].properties).toEqual({ code: 2, name: 'Middle', area_note: 'multipolygon' });
    expect(zones.map((z) => z.geometry.type)).toEqual(['Polygon', 'MultiPolygon', 'Polygon']);
    expect((zones[0].geometry as GeoJSON.Polygon).coordinates).toHaveLength(2); // the hole is kept
  });

  it('reads bytes (ArrayBuffer or a view) as UTF-8 GeoJSON', async () => {
    const b = bytes('zones.geojson');
    const fromView = await loadZones(b, 'zones.geojson', { idProperty: 'code', nameProperty: 'name' });
    const fromBuffer = await loadZones(b.slice().buffer, 'zones.geojson', { idProperty: 'code', nameProperty: 'name' });
    expect(fromView[0].name).toBe('东区 (祁连)');
    expect(fromBuffer).toEqual(fromView);
  });

  it('reads the real Natural Earth regions', async () => {
    const zones = await loadZones(text('qilian-regions.geojson'), 'qilian-regions.geojson', { idProperty: 'name' });
    expect(zones.map((z) => z.id)).toEqual(['Qaidam Basin', 'Hexi Corridor', 'QUILIAN MOUNTAINS']);
    expect(zones.map((z) => z.name)).toEqual(zones.map((z) => z.id)); // name defaults to the id
    expect(zones[2].properties.featurecla).toBe('Range/mtn');
  });

  it('without idProperty: the GeoJSON id, else the 1-based position', async () => {
    const z = await loadZones(fc([{ ...feat({ a: 1 }), id: 17 }, feat({ a: 2 })]), 'z.geojson', {});
    expect(z.map((x) => x.id)).toEqual(['17', '2']);
  });

  it('accepts a single Feature or a bare geometry', async () => {
    expect((await loadZones(JSON.stringify(feat({ k: 'x' })), 'z.geojson', { idProperty: 'k' }))[0].id).toBe('x');
    const g = await loadZones(JSON.stringify({ type: 'MultiPolygon', coordinates: [square] }), 'z.geojson', {});
    expect(g).toHaveLength(1);
    expect(g[0].id).toBe('1');
  });

  it('gives RFC 7946 winding: exterior counterclockwise, holes clockwise', async () => {
    const cw = [[[100, 30], [100, 31], [101, 31], [101, 30], [100, 30]], [[100.2, 30.2], [100.8, 30.2], [100.8, 30.8], [100.2, 30.8], [100.2, 30.2]]];
    const [z] = await loadZones(JSON.stringify({ type: 'Polygon', coordinates: cw, bbox: [0, 0, 1, 1] }), 'z.geojson', {});
    const [outer, hole] = (z.geometry as GeoJSON.Polygon).coordinates;
    expect(outer).toEqual([[100, 30], [101, 30], [101, 31], [100, 31], [100, 30]]);
    expect(hole).toEqual([[100.2, 30.2], [100.2, 30.8], [100.8, 30.8], [100.8, 30.2], [100.2, 30.2]]);
    expect('bbox' in z.geometry).toBe(false);
  });

  it('rejects bad files with one clear message', async () => {
    const load = (t: string, o = { idProperty: 'code', nameProperty: 'name' }) => errorOf(loadZones(t, 'z.geojson', o));
    expect(await load('')).toBe('z.geojson: the file is empty');
    expect(await errorOf(loadZones(new ArrayBuffer(0), 'z.geojson', {}))).toBe('z.geojson: the file is empty');
    expect(await load(fc([]))).toBe('z.geojson: no polygons (the file holds no features)');
    expect(await load('{"type": "FeatureCollection", "features": [}')).toBe('z.geojson: not valid JSON: line 1, column 44: unexpected "}"');
    expect(await load('{"type": "Topology"}')).toBe(
      'z.geojson: not GeoJSON: "type" is "Topology" (expected a FeatureCollection, a Feature or a geometry object)',
    );
    expect(await load(fc([feat({ code: 1, name: 'a' }), feat({ code: 2, name: 'b' }, { type: 'LineString', coordinates: [[0, 0], [1, 1]] })]))).toBe(
      'z.geojson: features[1] is a LineString; zones and boundaries must be polygons (Polygon or MultiPolygon)',
    );
    expect(await load(fc([feat({ code: 1, name: 'a' }, null)]))).toBe('z.geojson: features[0] has no geometry');
    expect(await load(fc([feat({ code: 1, name: 'a' }), feat({ name: 'b', kind: 'x' })]))).toBe(
      'z.geojson: features[1] has no "code" property (it has "name", "kind")',
    );
    expect(await load(fc([feat({ code: 1 })]))).toBe('z.geojson: features[0] has no "name" property (it has "code")');
    expect(await load(fc([feat({ code: ' ', name: 'a' })]))).toBe('z.geojson: features[0]: property "code" is empty');
    expect(await load(fc([feat({ code: 1, name: 'a' }), feat({ code: '1', name: 'b' })]))).toBe(
      'z.geojson: features[1]: zone id "1" is used twice (also features[0])',
    );
    expect(await load(fc([feat({ code: 'all', name: 'a' })]))).toBe(
      'z.geojson: features[0]: the zone id "all" is reserved for the whole region; rename the zone',
    );
    expect(await load(fc([feat({ code: 1, name: 'a' }, { type: 'Polygon', coordinates: [[[500000, 4200000], [510000, 4200000], [510000, 4210000], [500000, 4200000]]] })]))).toBe(
      'z.geojson: features[0]: coordinates are not lon/lat (found 500000, 4200000); GeoJSON must be in WGS84 lon/lat (RFC 7946): reproject it, e.g. ogr2ogr -t_srs EPSG:4326',
    );
    expect(await load(fc([feat({ code: 1, name: 'a' }, { type: 'Polygon', coordinates: [[[100, 30], [101, 30]]] })]))).toBe(
      'z.geojson: features[0]: a ring with fewer than 3 points',
    );
    expect(await load(fc([feat({ code: 1, name: 'a' }, { type: 'Polygon', coordinates: [[[100, 30], [101, '30'], [100, 31]]] })]))).toBe(
      'z.geojson: features[0]: a point is not [lon, lat] numbers ([101,"30"])',
    );
    expect(await load(fc([feat({ code: 1, name: 'a' }, { type: 'MultiPolygon', coordinates: [] })]))).toBe(
      'z.geojson: features[0]: the MultiPolygon has no coordinates',
    );
  });
});

describe('loadZones: zipped Shapefile', () => {
  it('reads a Shapefile in UTM 47N (EPSG:32647, .prj) back to the same lon/lat zones', async () => {
    // zones_utm47.zip: zones.geojson through ogr2ogr -t_srs EPSG:32647 (test/fixtures/vector/make_fixtures.py).
    const fromShp = await loadZones(bytes('zones_utm47.zip'), 'zones_utm47.zip', { idProperty: 'code', nameProperty: 'name' });
    const fromJson = await loadZones(text('zones.geojson'), 'zones.geojson', { idProperty: 'code', nameProperty: 'name' });
    expect(fromShp.map((z) => z.id)).toEqual(['A1', '2', 'C3']);
    expect(fromShp.map((z) => z.name)).toEqual(['东区 (祁连)', 'Middle', 'West, "quoted"']); // .dbf text in UTF-8 (.cpg)
    expect(fromShp[0].properties.area_note).toBe('with a hole');
    expect(fromShp.map((z) => z.geometry.type)).toEqual(fromJson.map((z) => z.geometry.type));
    // The same rings (with RFC 7946 winding, possibly from another first vertex), within 1e-7°.
    const rings = (g: GeoJSON.Polygon | GeoJSON.MultiPolygon) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat();
    for (let i = 0; i < 3; i++) {
      const a = rings(fromShp[i].geometry);
      const b = rings(fromJson[i].geometry);
      expect(a.length).toBe(b.length);
      for (let r = 0; r < a.length; r++) {
        const ra = a[r].slice(0, -1);
        const rb = b[r].slice(0, -1);
        expect(ra.length).toBe(rb.length);
        const shift = ra.findIndex((p) => Math.abs(p[0] - rb[0][0]) < 1e-7 && Math.abs(p[1] - rb[0][1]) < 1e-7);
        expect(shift).toBeGreaterThanOrEqual(0);
        for (let k = 0; k < rb.length; k++) {
          const p = ra[(k + shift) % ra.length];
          expect(Math.abs(p[0] - rb[k][0])).toBeLessThan(1e-7);
          expect(Math.abs(p[1] - rb[k][1])).toBeLessThan(1e-7);
        }
      }
    }
    // And they rasterize as gdal_rasterize did the GeoJSON.
    const exp = JSON.parse(text('expected_geo.json')) as { zones: string[] };
    expect(onGeoGrid(fromShp)).toEqual(exp.zones);
  });

  // What GDAL reads back from each zip (ogr2ogr -t_srs EPSG:4326), made by make_fixtures.py.
  const gdalLonLat = JSON.parse(text('shapefiles_lonlat.json')) as Record<string, (GeoJSON.Polygon | GeoJSON.MultiPolygon)[]>;
  /** Every vertex of every ring, sorted, so that ring start and orientation do not matter. */
  const vertices = (g: GeoJSON.Polygon | GeoJSON.MultiPolygon) =>
    (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).map((rings) =>
      rings.map((r) => r.slice(0, -1).map((p) => [p[0], p[1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1])),
    );
  for (const zip of ['zones_utm47.zip', 'zones_gk99.zip', 'zones_albers_krass.zip']) {
    it(`${zip}: the same lon/lat as GDAL reads (within 1e-8°)`, async () => {
      const zones = await loadZones(bytes(zip), zip, { idProperty: 'code', nameProperty: 'name' });
      expect(zones.map((z) => z.name)).toEqual(['东区 (祁连)', 'Middle', 'West, "quoted"']);
      const expected = gdalLonLat[zip];
      expect(zones).toHaveLength(expected.length);
      let worst = 0;
      zones.forEach((z, i) => {
        expect(z.geometry.type).toBe(expected[i].type);
        const a = vertices(z.geometry);
        const b = vertices(expected[i]);
        expect(a.map((p) => p.map((r) => r.length))).toEqual(b.map((p) => p.map((r) => r.length)));
        a.forEach((rings, pi) =>
          rings.forEach((ring, ri) =>
            ring.forEach((pt, k) => {
              worst = Math.max(worst, Math.abs(pt[0] - b[pi][ri][k][0]), Math.abs(pt[1] - b[pi][ri][k][1]));
            }),
          ),
        );
      });
      expect(worst).toBeLessThan(1e-8);
    });
  }

  it('rejects a Shapefile without a .prj whose coordinates are not lon/lat', async () => {
    expect(await errorOf(loadZones(bytes('zones_noprj.zip'), 'zones.zip', { idProperty: 'code' }))).toMatch(
      /^zones\.zip: features\[0\]: coordinates are not lon\/lat \(found [\d.]+, [\d.]+\); the zipped Shapefile needs its \.prj so it can be brought to lon\/lat$/,
    );
  });

  it('rejects a zip without a Shapefile', async () => {
    // A stored (uncompressed) zip holding only readme.txt, written by hand.
    const name = new TextEncoder().encode('readme.txt');
    const body = new TextEncoder().encode('hi');
    const local = new Uint8Array(30 + name.length + body.length);
    const dv = new DataView(local.buffer);
    dv.setUint32(0, 0x04034b50, true);
    dv.setUint16(4, 20, true);
    dv.setUint32(14, 0xd8932aac, true); // CRC-32 of "hi"
    dv.setUint32(18, body.length, true);
    dv.setUint32(22, body.length, true);
    dv.setUint16(26, name.length, true);
    local.set(name, 30);
    local.set(body, 30 + name.length);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint32(16, 0xd8932aac, true);
    cv.setUint32(20, body.length, true);
    cv.setUint32(24, body.length, true);
    cv.setUint16(28, name.length, true);
    central.set(name, 46);
    const end = new Uint8Array(22);
    const ev = new DataView(end.buffer);
    ev.setUint32(0, 0x06054b50, true);
    ev.setUint16(8, 1, true);
    ev.setUint16(10, 1, true);
    ev.setUint32(12, central.length, true);
    ev.setUint32(16, local.length, true);
    const zip = new Uint8Array([...local, ...central, ...end]);
    expect(await errorOf(loadZones(zip, 'z.zip', {}))).toBe('z.zip: the .zip holds no Shapefile (.shp)');
  });
});

describe('loadBoundary', () => {
  it('reads every polygon feature (a union), without id checks', async () => {
    const b = await loadBoundary(text('qilian-regions.geojson'), 'boundary.geojson');
    expect(b).toHaveLength(3);
    expect(b.map((p) => p.geometry.type)).toEqual(['Polygon', 'MultiPolygon', 'MultiPolygon']);
    const twice = await loadBoundary(fc([feat({}), feat({})]), 'b.geojson');
    expect(twice).toHaveLength(2);
  });
  it('reads a zipped Shapefile', async () => {
    const b = await loadBoundary(bytes('zones_utm47.zip'), 'b.zip');
    expect(b).toHaveLength(3);
  });
  it('rejects non-polygons and empty files', async () => {
    expect(await errorOf(loadBoundary(JSON.stringify({ type: 'Point', coordinates: [100, 30] }), 'b.geojson'))).toBe(
      'b.geojson: the geometry is a Point; zones and boundaries must be polygons (Polygon or MultiPolygon)',
    );
    expect(await errorOf(loadBoundary('  \n', 'b.geojson'))).toBe('b.geojson: the file is empty');
  });
});
