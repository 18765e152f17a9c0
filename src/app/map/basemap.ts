/**
 * The offline basemap: land and country borders from Natural Earth (world-atlas, shipped with
 * the app as a lazily loaded chunk), rivers and lakes from Natural Earth as packaged by
 * mapeo-offline-map (also lazy), a graticule made in code, and the Natural Earth physical
 * regions near Qilian (public/basemap/). Nothing here touches the network unless the user
 * turns on the online OpenStreetMap layer.
 */
import * as d3 from 'd3';
import type { StyleSpecification } from 'maplibre-gl';
import type { LonLatBounds } from './mercator';

/** Graticule lines every `step` degrees covering `b` (padded by one step). */
export function graticule(b: LonLatBounds, step: number): GeoJSON.FeatureCollection<GeoJSON.LineString> {
  const features: GeoJSON.Feature<GeoJSON.LineString>[] = [];
  const w = Math.floor(b.west / step - 1) * step, e = Math.ceil(b.east / step + 1) * step;
  const s = Math.max(-85, Math.floor(b.south / step - 1) * step), n = Math.min(85, Math.ceil(b.north / step + 1) * step);
  const fine = step / 10;
  for (let lon = w; lon <= e + 1e-9; lon += step) {
    const coords: [number, number][] = [];
    for (let lat = s; lat <= n + 1e-9; lat += fine) coords.push([lon, lat]);
    features.push({ type: 'Feature', properties: { kind: 'meridian', value: lon }, geometry: { type: 'LineString', coordinates: coords } });
  }
  for (let lat = s; lat <= n + 1e-9; lat += step) {
    features.push({ type: 'Feature', properties: { kind: 'parallel', value: lat }, geometry: { type: 'LineString', coordinates: [[w, lat], [e, lat]] } });
  }
  return { type: 'FeatureCollection', features };
}

/** A degree step giving about `target` lines across `span` degrees: 0.25, 0.5, 1, 2, 5, 10, … */
export function degreeStep(span: number, target = 6): number {
  const steps = [0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30];
  for (const s of steps) if (span / s <= target) return s;
  return 30;
}

/** A point to label a polygon at: the centroid of its largest ring if inside it, else an interior point. */
export function labelPoint(g: GeoJSON.Polygon | GeoJSON.MultiPolygon): [number, number] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let best: [number, number][] | null = null;
  let bestArea = -1;
  for (const p of polys) {
    const ring = p[0] as [number, number][];
    const a = Math.abs(d3.polygonArea(ring));
    if (a > bestArea) {
      bestArea = a;
      best = ring;
    }
  }
  if (!best) return [0, 0];
  const c = d3.polygonCentroid(best);
  if (d3.polygonContains(best, c)) return c;
  // Fall back: the midpoint of the longest horizontal chord through the ring's middle latitude.
  const lat = (d3.min(best, (p) => p[1])! + d3.max(best, (p) => p[1])!) / 2;
  const xs: number[] = [];
  for (let i = 0; i + 1 < best.length; i++) {
    const [x0, y0] = best[i], [x1, y1] = best[i + 1];
    if ((y0 <= lat && y1 > lat) || (y1 <= lat && y0 > lat)) xs.push(x0 + ((lat - y0) / (y1 - y0)) * (x1 - x0));
  }
  xs.sort((a, b) => a - b);
  let bx = c[0], bw = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) if (xs[i + 1] - xs[i] > bw) { bw = xs[i + 1] - xs[i]; bx = (xs[i] + xs[i + 1]) / 2; }
  return [bx, lat];
}

export const BASEMAP_COLOURS = {
  water: '#dce7ee',
  river: '#8fb4cc',
  land: '#f3f1ec',
  border: '#9a9a9a',
  graticule: '#b9c3cc',
  region: '#8a7f6e',
  zone: '#333333',
  boundary: '#000000',
  selected: '#e6550d',
};

/**
 * The map's style, empty: sources and layers are added as data arrives. The water colour
 * (BASEMAP_COLOURS.water) is the map container's CSS background, not a background layer: see
 * flatMap.ts.
 */
export function baseStyle(): StyleSpecification {
  return { version: 8, sources: {}, layers: [] };
}

/** Land and country borders (Natural Earth 1:50m via world-atlas), loaded on demand from the app's own files. */
export function loadCountries(): Promise<Countries> {
  countries ??= readCountries();
  return countries;
}

type Countries = { land: GeoJSON.FeatureCollection | GeoJSON.Feature; borders: GeoJSON.MultiLineString };
let countries: Promise<Countries> | null = null;

async function readCountries(): Promise<Countries> {
  const [{ feature, mesh }, topo] = await Promise.all([import('topojson-client'), import('world-atlas/countries-50m.json')]);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const t = (topo as any).default ?? topo;
  const land = feature(t, t.objects.land) as GeoJSON.FeatureCollection | GeoJSON.Feature;
  const borders = mesh(t, t.objects.countries, (a: unknown, b: unknown) => a !== b) as GeoJSON.MultiLineString;
  return { land, borders };
}

/** Rivers and lakes (Natural Earth, via mapeo-offline-map), loaded on demand from the app's own files. */
export function loadWaters(): Promise<Waters> {
  waters ??= Promise.all([import('mapeo-offline-map/dist/rivers.json'), import('mapeo-offline-map/dist/lakes.json')]).then(
    ([r, l]) => ({ rivers: unwrap(r), lakes: unwrap(l) }),
  );
  return waters;
}

type Waters = { rivers: GeoJSON.FeatureCollection; lakes: GeoJSON.FeatureCollection };
let waters: Promise<Waters> | null = null;

function unwrap(m: unknown): GeoJSON.FeatureCollection {
  return ((m as { default?: unknown }).default ?? m) as GeoJSON.FeatureCollection;
}

/** OpenStreetMap raster tiles: added only when the user turns the online basemap on. */
export const OSM_SOURCE = {
  type: 'raster' as const,
  tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
  tileSize: 256,
  maxzoom: 19,
  attribution: '© OpenStreetMap contributors',
};
