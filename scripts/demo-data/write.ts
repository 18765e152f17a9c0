/** Writing the dataset: COGs (src/io/cogWrite.ts), GeoJSON and dataset.json. */
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { encodeCog } from '../../src/io/cogWrite';
import { GEO_KEYS_4326, GEO_TRANSFORM, HEIGHT, WIDTH } from './grid';
import type { Park } from './park';
import { N_YEARS } from './series';
import { YEARS } from './targets';
import { SCALE } from './climate';

/** A raster's grid: the analysis grid unless said otherwise (the climate grid). */
export interface RasterGrid {
  width: number;
  height: number;
  geoTransform: [number, number, number, number, number, number];
}
const ANALYSIS_GRID: RasterGrid = { width: WIDTH, height: HEIGHT, geoTransform: GEO_TRANSFORM };

export async function writeCog(
  path: string,
  data: Int16Array | Float32Array,
  noData: number | null,
  overviewResampling: 'nearest' | 'average' = 'nearest',
  grid: RasterGrid = ANALYSIS_GRID,
): Promise<number> {
  const bytes = await encodeCog({
    width: grid.width,
    height: grid.height,
    data,
    geoTransform: grid.geoTransform,
    geoKeys: GEO_KEYS_4326,
    noData,
    tileSize: 128,
    overviewResampling,
  });
  writeFileSync(path, bytes);
  return bytes.length;
}

/** Full-grid raster of one year from per-park-pixel values (k·N_YEARS + y). */
export function yearGrid<T extends Int16Array | Float32Array>(park: Park, values: T, y: number, empty: T): T {
  for (let k = 0; k < park.idx.length; k++) empty[park.idx[k]] = values[k * N_YEARS + y];
  return empty;
}

export function prepareDir(dir: string): void {
  rmSync(join(dir, 'npp'), { recursive: true, force: true });
  rmSync(join(dir, 'climate'), { recursive: true, force: true });
  mkdirSync(join(dir, 'npp'), { recursive: true });
  mkdirSync(join(dir, 'climate'), { recursive: true });
}

export function writeVectors(dir: string, park: Park): void {
  const zones = {
    type: 'FeatureCollection',
    name: 'qilian_subzones_synthetic',
    features: park.zones.map((z, k) => ({
      type: 'Feature',
      properties: { id: z.id, name: z.name, name_zh: z.nameZh },
      geometry: { type: 'Polygon', coordinates: [park.zoneRings[k]] },
    })),
  };
  writeFileSync(join(dir, 'zones.geojson'), JSON.stringify(zones) + '\n');
  const boundary = {
    type: 'FeatureCollection',
    name: 'qilian_park_boundary_synthetic',
    features: [
      {
        type: 'Feature',
        properties: { name: 'Qilian Mountain National Park (synthetic outline)' },
        geometry: { type: 'Polygon', coordinates: [park.boundary] },
      },
    ],
  };
  writeFileSync(join(dir, 'boundary.geojson'), JSON.stringify(boundary) + '\n');
}

export function writeManifest(dir: string): void {
  const manifest = {
    name: "Qilian Mountain National Park — SYNTHETIC demo data calibrated to Jiao's published figures",
    description:
      'Synthetic data, not observations: made by scripts/demo-data (npm run demo-data, fixed seed) so that the ' +
      "analysis reproduces the published figures of Jiao, 'Spatiotemporal Evolution and Driving Mechanism of NEP " +
      "in Qilian Mountain National Park' (NEP 2000–2022 from MOD17A3HGF). The outline and subzones are " +
      'approximate, the rasters invented. See docs/real-data.md to run the same analysis on real MODIS data.',
    synthetic: true,
    years: { from: YEARS[0], to: YEARS[YEARS.length - 1] },
    npp: { path: 'npp/npp_{year}.tif', scale: 0.1, offset: 0, valid: [0, 32700] },
    climate: {
      temperature: { path: 'climate/tmp_{year}.tif', scale: SCALE.temperature },
      precipitation: { path: 'climate/pre_{year}.tif', scale: SCALE.precipitation },
      humidity: { path: 'climate/rhu_{year}.tif', scale: SCALE.humidity },
      sunshine: { path: 'climate/ssd_{year}.tif', scale: SCALE.sunshine },
    },
    zones: { path: 'zones.geojson', idProperty: 'id', nameProperty: 'name' },
    boundary: { path: 'boundary.geojson' },
    respiration: { model: 'pei2010', a: 0.22, b: 0.0913, c: 0.3145, k: 13.95 },
    trend: { method: 'ols' },
  };
  writeFileSync(join(dir, 'dataset.json'), JSON.stringify(manifest, null, 2) + '\n');
}
