/**
 * DEV ONLY: a small synthetic AnalysisResult (MODIS-sinusoidal 4 km grid over the Qilian
 * mountains, five band-shaped zones, 2000–2022) for working on the map without the engine or
 * the demo dataset. Loaded only with `?demo=synthetic` (a separate chunk); the numbers are
 * made up and are not the engine's.
 */
import * as d3 from 'd3';
import type { AnalysisResult, PixelMaps, ZoneFeature } from '../../engine/types';
import type { Grid } from '../../io/grid';
import type { RegionSummary, Summary } from '../../core/summary';
import { gridTransform } from '../map/gridTransform';

const SINU = '+proj=sinu +lon_0=0 +x_0=0 +y_0=0 +R=6371007.181 +units=m +no_defs';
const U: [number, number][] = [[94.5, 39.6], [96.5, 39.55], [98.5, 39.1], [100.5, 38.6], [102, 38.0], [103.2, 37.4]];
const L: [number, number][] = [[94.3, 38.9], [96.5, 38.35], [98.5, 37.75], [100.5, 37.3], [102, 37.0], [103.0, 36.8]];
const ZONES = [
  { id: 'III-1-1', name: 'West Qilian Mountains alpine desert steppe' },
  { id: 'III-2', name: 'Qaidam Basin desert' },
  { id: 'III-1-3', name: 'Qinghai Lake wetland and upstream alpine meadow' },
  { id: 'II-3-3', name: 'Hexi Corridor arid desert–oasis agriculture' },
  { id: 'III-1-2', name: 'East Qilian Mountains spruce forest–alpine meadow' },
];

function rand(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function syntheticResult(): AnalysisResult {
  const grid: Grid = {
    width: 330, height: 112, geoTransform: [8_000_000, 4000, 0, 4_450_000, 0, -4000],
    crs: { proj4: SINU, epsg: null, geographic: false, name: 'MODIS Sinusoidal', geoKeys: {} },
  };
  const years = d3.range(2000, 2023);
  const ny = years.length;
  const t = gridTransform(grid);
  const ring = [...U, ...[...L].reverse(), U[0]];
  const zoneRings = ZONES.map((_, i) => [U[i], U[i + 1], L[i + 1], L[i], U[i]]);
  const zones: ZoneFeature[] = ZONES.map((z, i) => ({
    id: z.id, name: z.name, properties: { code: z.id, name: z.name },
    geometry: { type: 'Polygon', coordinates: [zoneRings[i]] },
  }));
  const cells: number[] = [];
  const zoneOf: number[] = [];
  const lonlat: [number, number][] = [];
  for (let r = 0; r < grid.height; r++) {
    for (let c = 0; c < grid.width; c++) {
      const p = t.toLonLat(c + 0.5, r + 0.5);
      if (!d3.polygonContains(ring, p)) continue;
      cells.push(r * grid.width + c);
      lonlat.push(p);
      zoneOf.push(zoneRings.findIndex((zr) => d3.polygonContains(zr, p)));
    }
  }
  const n = cells.length;
  const rnd = rand(42);
  const nep = new Float32Array(ny * n), npp = new Float32Array(ny * n), rh = new Float32Array(ny * n);
  const tmp = new Float32Array(ny * n), pre = new Float32Array(ny * n), rhu = new Float32Array(ny * n), ssd = new Float32Array(ny * n);
  const mean = new Float32Array(n), slope = new Float32Array(n), pv = new Float32Array(n), cls = new Int8Array(n);
  const rhoT = new Float32Array(n), rhoP = new Float32Array(n), rhoH = new Float32Array(n), rhoS = new Float32Array(n);
  const yearEffect = years.map(() => (rnd() - 0.5) * 30);
  for (let k = 0; k < n; k++) {
    const [lon, lat] = lonlat[k];
    const east = (lon - 94) / 9.5;
    const base = 10 + 230 * east * east + 40 * Math.sin(lat * 3);
    const s = 1.9 * (0.3 + 1.4 * east) + (rnd() - 0.6) * 2.5;
    const xs: number[] = [];
    for (let i = 0; i < ny; i++) {
      const j = i * n + k;
      tmp[j] = -4 + 6 * east + 0.04 * i + (rnd() - 0.5);
      pre[j] = 150 + 350 * east + yearEffect[i] * 2 + (rnd() - 0.5) * 40;
      rhu[j] = 35 + 20 * east + yearEffect[i] * 0.1 + (rnd() - 0.5) * 3;
      ssd[j] = 3000 - 400 * east + (rnd() - 0.5) * 100;
      rh[j] = 0.22 * (Math.exp(0.0913 * tmp[j]) + Math.log(0.3145 * pre[j] + 1)) * 13.95;
      nep[j] = base + s * (years[i] - 2011) + yearEffect[i] + (rnd() - 0.5) * 25;
      npp[j] = nep[j] + rh[j];
      xs.push(nep[j]);
    }
    // OLS slope and an approximate (normal) p-value: dev only.
    const ym = d3.mean(xs)!, xm = d3.mean(years)!;
    let sxy = 0, sxx = 0;
    years.forEach((y, i) => { sxy += (y - xm) * (xs[i] - ym); sxx += (y - xm) ** 2; });
    const b = sxy / sxx;
    let sse = 0;
    years.forEach((y, i) => { sse += (xs[i] - ym - b * (y - xm)) ** 2; });
    const se = Math.sqrt(sse / (ny - 2) / sxx);
    const z = Math.abs(b / se);
    const p = Math.min(1, 2 * (1 - 0.5 * (1 + Math.tanh(z * 0.7978845608 * (1 + 0.044715 * z * z)))));
    mean[k] = ym; slope[k] = b; pv[k] = p;
    cls[k] = (b > 0 ? 1 : b < 0 ? -1 : 0) * (p < 0.01 ? 3 : p < 0.05 ? 2 : 1);
    const corr = (v: Float32Array) => {
      const ys = years.map((_, i) => v[i * n + k]);
      const a = d3.mean(ys)!;
      let num = 0, da = 0, db = 0;
      ys.forEach((yv, i) => { num += (yv - a) * (xs[i] - ym); da += (yv - a) ** 2; db += (xs[i] - ym) ** 2; });
      return num / Math.sqrt(da * db);
    };
    rhoT[k] = corr(tmp); rhoP[k] = corr(pre); rhoH[k] = corr(rhu); rhoS[k] = corr(ssd);
  }
  const maps: PixelMaps = {
    grid, years, index: Uint32Array.from(cells), zone: Int16Array.from(zoneOf), mean, slope, p: pv, cls,
    rho: { temperature: rhoT, precipitation: rhoP, humidity: rhoH, sunshine: rhoS },
    nep, npp, rh, climate: { temperature: tmp, precipitation: pre, humidity: rhu, sunshine: ssd },
  };
  const region = (id: string, name: string, members: number[]): RegionSummary => {
    const avg = (v: Float32Array) => years.map((_, i) => d3.mean(members, (k) => v[i * n + k]) ?? null);
    const series = avg(nep);
    const area = members.length * 16;
    const sink = years.map((_, i) => members.filter((k) => nep[i * n + k] > 0).length * 16);
    const source = years.map((_, i) => members.filter((k) => nep[i * n + k] < 0).length * 16);
    const shares = Object.fromEntries([-3, -2, -1, 0, 1, 2, 3].map((c) => [String(c), members.filter((k) => cls[k] === c).length / Math.max(1, members.length)]));
    return {
      id, name, areaKm2: area,
      series: { npp: avg(npp), rh: avg(rh), nep: series, temperature: avg(tmp), precipitation: avg(pre), humidity: avg(rhu), sunshine: avg(ssd), sinkAreaKm2: sink, sourceAreaKm2: source, sourceShare: source.map((s) => s / area) },
      nep: { mean: d3.mean(series as number[]) ?? null, cumulative: d3.sum(series as number[]), min: null, max: null, slope: null, r2: null, p: null },
      meanMap: { sinkAreaKm2: members.filter((k) => mean[k] > 0).length * 16, sourceAreaKm2: members.filter((k) => mean[k] < 0).length * 16, sinkShare: null },
      trendClasses: shares as RegionSummary['trendClasses'],
      correlation: {},
    };
  };
  const all = d3.range(n);
  const summary: Summary = {
    schema: 'nep-summary/1', dataset: 'Qilian Mountain National Park (synthetic demo)', years, method: 'ols',
    respiration: { model: 'pei2010', a: 0.22, b: 0.0913, c: 0.3145, k: 13.95 },
    pixels: { total: grid.width * grid.height, included: n },
    regions: [region('all', 'Whole region', all), ...ZONES.map((z, i) => region(z.id, z.name, all.filter((k) => zoneOf[k] === i)))],
  };
  const boundary: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }] };
  return { summary, maps, zones, boundary, slug: 'qilian' };
}
