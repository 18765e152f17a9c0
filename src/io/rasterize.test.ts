import { readFileSync } from 'node:fs';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { projectZones, rasterizeMask, rasterizeZones, type ProjectedPolygon } from './rasterize';
import type { GeoTransform } from './grid';
import type { PolygonGeometry } from './zones';

const FIX = new URL('../../test/fixtures/vector/', import.meta.url);
const readJson = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, FIX), 'utf8')) as T;

interface Expected {
  source: string;
  width: number;
  height: number;
  geoTransform: GeoTransform;
  proj4: string;
  zones: string[];
  mask: string[];
}

const identity = (lon: number, lat: number): [number, number] => [lon, lat];

function projectorFor(def: string): (lon: number, lat: number) => [number, number] {
  if (def === 'EPSG:4326') return identity;
  const t = proj4('EPSG:4326', def);
  return (lon, lat) => t.forward([lon, lat]) as [number, number];
}

/** Our result as the fixture's strings: '.' for −1, else the index. */
function zonesText(out: Int16Array, width: number): string[] {
  const rows: string[] = [];
  for (let o = 0; o < out.length; o += width) rows.push(Array.from(out.subarray(o, o + width), (v) => (v < 0 ? '.' : String(v))).join(''));
  return rows;
}
function maskText(out: Uint8Array, width: number): string[] {
  const rows: string[] = [];
  for (let o = 0; o < out.length; o += width) rows.push(Array.from(out.subarray(o, o + width)).join(''));
  return rows;
}

describe('rasterizeZones and rasterizeMask against gdal_rasterize', () => {
  // Made by test/fixtures/vector/make_fixtures.py (GDAL 3.6: ogr2ogr -t_srs, then gdal_rasterize).
  for (const name of ['geo', 'sinu', 'ne_geo', 'ne_sinu']) {
    const exp = readJson<Expected>(`expected_${name}.json`);
    const fc = readJson<GeoJSON.FeatureCollection>(exp.source);
    const polys = projectZones(
      fc.features.map((f) => ({ geometry: f.geometry as PolygonGeometry })),
      projectorFor(exp.proj4),
    );
    const grid = { width: exp.width, height: exp.height, geoTransform: exp.geoTransform };

    it(`${name}: the whole grid at once`, () => {
      const zones = new Int16Array(exp.width * exp.height).fill(99);
      rasterizeZones(polys, grid, 0, exp.height, zones);
      expect(zonesText(zones, exp.width)).toEqual(exp.zones);
      const mask = new Uint8Array(exp.width * exp.height).fill(7);
      rasterizeMask(polys, grid, 0, exp.height, mask);
      expect(maskText(mask, exp.width)).toEqual(exp.mask);
    });

    it(`${name}: in blocks of 7 rows`, () => {
      const rows: string[] = [];
      const maskRows: string[] = [];
      for (let y0 = 0; y0 < exp.height; y0 += 7) {
        const y1 = Math.min(exp.height, y0 + 7);
        const out = new Int16Array(exp.width * (y1 - y0));
        rasterizeZones(polys, grid, y0, y1, out);
        rows.push(...zonesText(out, exp.width));
        const m = new Uint8Array(exp.width * (y1 - y0));
        rasterizeMask(polys, grid, y0, y1, m);
        maskRows.push(...maskText(m, exp.width));
      }
      expect(rows).toEqual(exp.zones);
      expect(maskRows).toEqual(exp.mask);
    });
  }

  it('centres exactly on edges and vertices: as gdal_rasterize (expected_ties.json)', () => {
    const ties = readJson<{ width: number; height: number; geoTransform: GeoTransform; cases: { wkt: string; geometry: PolygonGeometry; zones: string[] }[] }>(
      'expected_ties.json',
    );
    const grid = { width: ties.width, height: ties.height, geoTransform: ties.geoTransform };
    expect(ties.cases.length).toBeGreaterThanOrEqual(10);
    for (const c of ties.cases) {
      const polys = projectZones([{ geometry: c.geometry }], identity);
      const out = new Int16Array(ties.width * ties.height);
      rasterizeZones(polys, grid, 0, ties.height, out);
      expect({ wkt: c.wkt, zones: zonesText(out, ties.width) }).toEqual({ wkt: c.wkt, zones: c.zones });
      // Row by row gives the same.
      const rows: string[] = [];
      for (let y = 0; y < ties.height; y++) {
        const one = new Int16Array(ties.width);
        rasterizeZones(polys, grid, y, y + 1, one);
        rows.push(...zonesText(one, ties.width));
      }
      expect(rows).toEqual(c.zones);
    }
  });

  it('the fixtures exercise holes, overlaps and every zone', () => {
    const exp = readJson<Expected>('expected_geo.json');
    const all = exp.zones.join('');
    for (const c of ['.', '0', '1', '2']) expect(all).toContain(c);
    // The hole of zone 0 (97.82–98.31 E, 37.74–38.20 N) holds pixels of no zone, or of zone 1/2 where they overlap.
    const hole = exp.zones[20].slice(18, 24); // row 20: lat 37.975; columns 18–23: lon 97.925–98.175
    expect(hole).not.toContain('0');
  });
});

describe('rasterize by hand', () => {
  // 10 × 10 grid of unit pixels, north-up, origin (0, 10): pixel (x, y) has its centre at (x + .5, 9.5 − y).
  const grid = { width: 10, height: 10, geoTransform: [0, 1, 0, 10, 0, -1] as GeoTransform };
  const square = (x0: number, y0: number, x1: number, y1: number): number[][] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
  const poly = (...rings: number[][][]): ProjectedPolygon => projectZones([{ geometry: { type: 'Polygon', coordinates: rings } }], identity)[0];
  const run = (polys: ProjectedPolygon[], y0 = 0, y1 = 10) => {
    const out = new Int16Array(10 * (y1 - y0));
    rasterizeZones(polys, grid, y0, y1, out);
    return zonesText(out, 10);
  };

  it('fills pixels whose centre is inside, leaves a hole out, first polygon wins', () => {
    const a = poly(square(1.2, 1.2, 8.8, 8.8), square(3.7, 3.7, 6.3, 6.3)); // centres 1.5 … 8.5, a hole of 2 × 2 centres
    const b = poly(square(5.1, 0.1, 9.9, 4.9)); // overlaps a in its lower right
    expect(run([a, b])).toEqual([
      '..........',
      '.00000000.',
      '.00000000.',
      '.00000000.',
      '.000..000.', // the hole: centres 4.5 and 5.5
      '.000.10001', // b shows through the hole
      '.000000001',
      '.000000001',
      '.000000001',
      '.....11111',
    ]);
    // The other order: b (now index 0) wins where they overlap, a is index 1.
    expect(run([b, a])[5]).toBe('.111.00000');
  });

  it('treats a multipolygon as one zone and is independent of ring orientation', () => {
    const mp = projectZones(
      [{ geometry: { type: 'MultiPolygon', coordinates: [[square(0.2, 0.2, 2.8, 2.8)], [square(6.2, 6.2, 8.8, 8.8).reverse()]] } }],
      identity,
    );
    const r = run(mp);
    expect(r[1]).toBe('......000.');
    expect(r[8]).toBe('000.......');
    expect(r.join('').replace(/\./g, '')).toHaveLength(18);
  });

  it('clips polygons that run off the grid, and ignores polygons away from the rows', () => {
    const big = poly(square(-5.3, -5.3, 15.3, 15.3));
    expect(run([big]).every((r) => r === '0000000000')).toBe(true);
    const far = poly(square(20.3, 20.3, 30.3, 30.3));
    expect(run([far]).every((r) => r === '..........')).toBe(true);
    // Only rows 3–5 asked for.
    expect(run([poly(square(1.5, 1.1, 2.7, 9.9))], 3, 6)).toEqual(['..0.......', '..0.......', '..0.......']);
  });

  it('works with a rotated geotransform', () => {
    // Pixel (x, y) → (y, x): a transposing affine with a negative determinant.
    const g = { width: 10, height: 10, geoTransform: [0, 0, 1, 0, 1, 0] as GeoTransform };
    const out = new Int16Array(100);
    rasterizeZones([poly(square(1.2, 3.2, 2.8, 8.8))], g, 0, 10, out); // x in 1.2–2.8 world = line; y 3.2–8.8 world = pixel column
    const rows = zonesText(out, 10);
    expect(rows[1]).toBe('...000000.');
    expect(rows[2]).toBe('...000000.');
    expect(rows[0]).toBe('..........');
    expect(rows[3]).toBe('..........');
  });

  it('mask: 1 inside any polygon (union), 0 elsewhere, holes out', () => {
    const a = poly(square(0.1, 0.1, 4.9, 9.9), square(1.1, 1.1, 3.9, 8.9));
    const b = poly(square(3.1, 0.1, 9.9, 0.9));
    const out = new Uint8Array(100).fill(5);
    rasterizeMask([a, b], grid, 0, 10, out);
    const rows = maskText(out, 10);
    expect(rows[0]).toBe('1111100000');
    expect(rows[4]).toBe('1000100000');
    expect(rows[9]).toBe('1111111111');
  });

  it('rejects an output too small for the rows, and a vertex that does not project', () => {
    expect(() => rasterizeZones([], grid, 0, 10, new Int16Array(50))).toThrow(RangeError);
    expect(() =>
      projectZones([{ geometry: { type: 'Polygon', coordinates: [square(0, 0, 1, 1)] } }], () => [NaN, 0], 'z.geojson'),
    ).toThrow('z.geojson: feature 0: the point 0, 0 cannot be projected');
  });
});
