/**
 * From a manifest to a checked DatasetPlan, on the main thread, before any computing: every file
 * is opened and its grid checked, zones and boundary are read and projected, the climate table is
 * parsed. Whatever is wrong is found here and told in one line naming the file.
 */
import { parseManifest, type Manifest, type RasterLayer } from '../io/manifest';
import { expandPath } from '../io/paths';
import { openRaster, type RasterSource } from '../io/raster';
import { assertSameGrid, sameGrid } from '../io/gridCheck';
import { lonLatToGrid } from '../io/crs';
import { parseClimateTable } from '../io/climateTable';
import { loadZones, loadBoundary } from '../io/zones';
import { projectZones } from '../io/rasterize';
import { readBytes, readText, type FileRef } from '../io/readFile';
import { DatasetError } from '../io/errors';
import { CLIMATE_VARS, type ClimateVar, type TrendMethod } from '../core/summary';
import type { Pei2010Params } from '../core/respiration';
import type { Grid } from '../io/grid';
import type { ZoneFeature } from './types';
import type { DatasetPlan, FileRef as PlanFile, LayerPlan, TableClimate } from './plan';

export interface DatasetInput {
  /** The manifest's text and its name for messages (e.g. 'dataset.json'). */
  manifestText: string;
  manifestName: string;
  /** Turns a manifest-relative path into something to read: a path, a URL or a Blob. */
  resolve: (path: string) => FileRef;
  /** Short name for exported files. */
  slug: string;
}

/** Makes each prepared plan's filesId unique, with the time and a random part (several pages or threads). */
let nextFilesId = 0;

export interface PrepareOptions {
  method?: TrendMethod;
  respiration?: Pei2010Params;
  onProgress?: (stage: string, done: number, total: number) => void;
  /**
   * Open only the first year's file of each raster layer, and take every later year to be like
   * it (same grid; climate resampled or not as the first year). The plan is then ready sooner;
   * checkAllYears(plan) does the rest of the checks (the CLI runs them while computing).
   */
  firstYearOnly?: boolean;
}

export interface Prepared {
  plan: DatasetPlan;
  manifest: Manifest;
  zones: ZoneFeature[];
  boundary: GeoJSON.FeatureCollection | null;
}

const BLOCK_PIXEL_BUDGET = 1 << 18; // ~262k pixels a block: ~24 MB a variable for 23 years

export async function prepareDataset(input: DatasetInput, opts: PrepareOptions = {}): Promise<Prepared> {
  const manifest = parseManifest(input.manifestText, input.manifestName);
  const years = manifest.years;
  const progress = opts.onProgress ?? (() => {});

  const main = (manifest.npp ?? manifest.nep)!;
  const mainKey = manifest.npp ? 'NPP' : 'NEP';
  // The first year's file defines the analysis grid; every year must be on it exactly.
  const names = years.map((y) => expandPath(main.path, y));
  const refs = names.map((n) => input.resolve(n));
  let tileHeight = 256;
  let grid: Grid | null = null;
  const mainFiles = openInOrder(refs, names, opts.firstYearOnly ? 1 : 8);
  const yearsToOpen = opts.firstYearOnly ? 1 : years.length;
  try {
    for (let i = 0; i < yearsToOpen; i++) {
      progress(`Checking ${mainKey} ${years[i]}`, i, years.length);
      const src = await mainFiles.next(i);
      try {
        if (!grid) {
          grid = src.grid;
          tileHeight = src.blockHeight > 1 ? src.blockHeight : tileHeight;
        } else assertSameGrid(grid, src.grid, names[i]);
      } finally {
        src.close();
      }
    }
  } finally {
    mainFiles.dispose();
  }
  grid = grid!;
  const mainPlan = layerPlan(main, names, refs, years.map(() => false));

  // Climate: rasters (resampled when on another grid) or a table.
  const climateRasters: Partial<Record<ClimateVar, LayerPlan>> = {};
  let climateTableData: Partial<Record<ClimateVar, TableClimate>> | null = null;
  const climateVars: ClimateVar[] = [];

  // Zones first: a climate table's zone rows refer to them.
  let zones: ZoneFeature[] = [];
  let zonePolygons: DatasetPlan['zonePolygons'] = null;
  let zoneRaster: DatasetPlan['zoneRaster'] = null;
  const project = lonLatToGrid(grid.crs);
  if (manifest.zones) {
    const z = manifest.zones;
    progress('Reading zones', 0, 1);
    if (z.format === 'raster') {
      const src = await openRaster(input.resolve(z.path), z.path);
      try {
        assertSameGrid(grid, src.grid, z.path);
        const codes = new Set<number>();
        for (let y0 = 0; y0 < grid.height; y0 += 256) {
          const raw = await src.readRows(y0, Math.min(grid.height, y0 + 256));
          for (let i = 0; i < raw.length; i++) {
            const c = Number(raw[i]);
            if (Number.isFinite(c) && c !== src.noData && Number.isInteger(c)) codes.add(c);
          }
        }
        if (codes.size === 0) throw new DatasetError(z.path, 'no zone codes: every pixel is nodata');
        const sorted = [...codes].sort((a, b) => a - b);
        zones = sorted.map((c) => ({ id: String(c), name: String(c), properties: { code: c }, geometry: { type: 'MultiPolygon', coordinates: [] } }));
        zoneRaster = { file: input.resolve(z.path), name: z.path, codes: sorted };
      } finally {
        src.close();
      }
    } else {
      const data = await readBytes(input.resolve(z.path), z.path);
      zones = await loadZones(z.format === 'geojson' ? new TextDecoder().decode(data) : data, z.path, {
        idProperty: z.idProperty ?? undefined,
        nameProperty: z.nameProperty ?? undefined,
      });
      zonePolygons = projectZones(zones, project);
      assertOverlaps(zonePolygons, grid, z.path, 'no zone overlaps the rasters');
    }
  }
  let boundary: GeoJSON.FeatureCollection | null = null;
  let boundaryPolys: DatasetPlan['boundary'] = null;
  if (manifest.boundary) {
    const p = manifest.boundary.path;
    const data = await readBytes(input.resolve(p), p);
    const b = await loadBoundary(p.toLowerCase().endsWith('.zip') ? data : new TextDecoder().decode(data), p);
    boundary = {
      type: 'FeatureCollection',
      features: b.map((g) => ({ type: 'Feature', properties: {}, geometry: g.geometry })),
    };
    boundaryPolys = projectZones(b, project);
    assertOverlaps(boundaryPolys, grid, p, 'the boundary does not overlap the rasters');
  }

  if (manifest.climate?.kind === 'rasters') {
    for (const v of CLIMATE_VARS) {
      const layer = manifest.climate.layers[v];
      if (!layer) continue;
      const vn = years.map((y) => expandPath(layer.path, y));
      const vr = vn.map((n) => input.resolve(n));
      const resample: boolean[] = [];
      let sourcePixels = 0;
      const files = openInOrder(vr, vn, opts.firstYearOnly ? 1 : 8);
      try {
        for (let i = 0; i < yearsToOpen; i++) {
          progress(`Checking ${v} ${years[i]}`, i, years.length);
          const src: RasterSource = await files.next(i);
          try {
            if (i === 0) sourcePixels = src.grid.width * src.grid.height;
            resample.push(!sameGrid(grid, src.grid));
            if (resample[i]) lonLatToGrid(src.grid.crs); // an unknown CRS fails here, naming the file
          } finally {
            src.close();
          }
        }
      } finally {
        files.dispose();
      }
      while (resample.length < years.length) resample.push(resample[0]);
      climateRasters[v] = { ...layerPlan(layer, vn, vr, resample), sourcePixels };
      climateVars.push(v);
    }
  } else if (manifest.climate?.kind === 'table') {
    const p = manifest.climate.table;
    const table = parseClimateTable(await readText(input.resolve(p), p), p, years);
    climateTableData = {};
    const zoneIndex = new Map(zones.map((z, i) => [z.id, i]));
    for (const v of CLIMATE_VARS) {
      const t = table.vars[v];
      if (!t) continue;
      const perZone: (Float64Array | null)[] = zones.map(() => null);
      for (const [id, values] of t.zones) {
        const zi = zoneIndex.get(id);
        if (zi === undefined) throw new DatasetError(p, `zone "${id}" is not in the zones file`);
        perZone[zi] = values;
      }
      climateTableData[v] = { region: t.region, zones: perZone };
      climateVars.push(v);
    }
  }

  const hasRh = !!manifest.npp && climateVars.includes('temperature') && climateVars.includes('precipitation');
  const rowsForBudget = Math.max(1, Math.floor(BLOCK_PIXEL_BUDGET / grid.width));
  const blockRows = Math.max(tileHeight, Math.floor(rowsForBudget / tileHeight) * tileHeight);

  const plan: DatasetPlan = {
    name: manifest.name,
    slug: input.slug,
    filesId: `${Date.now().toString(36)}-${(nextFilesId++).toString(36)}-${Math.random().toString(36).slice(2)}`,
    years,
    grid,
    npp: manifest.npp ? mainPlan : null,
    nep: manifest.nep ? mainPlan : null,
    climateRasters,
    climateTable: climateTableData,
    climateVars,
    zonePolygons,
    zoneRaster,
    zoneIds: zones.map((z) => z.id),
    zoneNames: zones.map((z) => z.name),
    boundary: boundaryPolys,
    respiration: hasRh ? { ...(opts.respiration ?? pickParams(manifest.respiration)) } : null,
    method: opts.method ?? manifest.trend.method,
    blockRows,
    tileHeight,
  };
  return { plan, manifest, zones, boundary };
}

/**
 * The checks that prepareDataset({ firstYearOnly: true }) left out: every year's NPP/NEP file on
 * the grid, and for each climate year whether it needs resampling (an unknown CRS fails).
 * Returns the plan as prepareDataset would have made it (only resample flags can differ), or
 * throws the same DatasetError, naming the first bad file in the manifest's order.
 */
export async function checkAllYears(plan: DatasetPlan): Promise<DatasetPlan> {
  const main = (plan.npp ?? plan.nep)!;
  const mainFiles = openInOrder(main.files, main.names);
  try {
    for (let i = 0; i < main.files.length; i++) {
      const src = await mainFiles.next(i);
      try {
        assertSameGrid(plan.grid, src.grid, main.names[i]);
      } finally {
        src.close();
      }
    }
  } finally {
    mainFiles.dispose();
  }
  const climateRasters: Partial<Record<ClimateVar, LayerPlan>> = {};
  for (const [v, layer] of Object.entries(plan.climateRasters) as [ClimateVar, LayerPlan][]) {
    const resample: boolean[] = [];
    const files = openInOrder(layer.files, layer.names);
    try {
      for (let i = 0; i < layer.files.length; i++) {
        const src = await files.next(i);
        try {
          resample.push(!sameGrid(plan.grid, src.grid));
          if (resample[i]) lonLatToGrid(src.grid.crs);
        } finally {
          src.close();
        }
      }
    } finally {
      files.dispose();
    }
    climateRasters[v] = { ...layer, resample };
  }
  return { ...plan, climateRasters };
}

/** Whether two plans of one dataset differ in what checkAllYears can change. */
export function sameResampling(a: DatasetPlan, b: DatasetPlan): boolean {
  for (const v of Object.keys(a.climateRasters) as ClimateVar[]) {
    const x = a.climateRasters[v]!.resample;
    const y = b.climateRasters[v]?.resample;
    if (!y || x.length !== y.length || x.some((r, i) => r !== y[i])) return false;
  }
  return Object.keys(a.climateRasters).length === Object.keys(b.climateRasters).length;
}

/**
 * Opens files a few at a time ahead of the caller, who takes them in order with next(i) and
 * closes each: the opens overlap, while the first problem in file order is still the one
 * reported. dispose() closes what was opened ahead and not taken (the caller stopped early).
 */
function openInOrder(refs: PlanFile[], names: string[], ahead = 8) {
  const opened: Promise<RasterSource>[] = [];
  let taken = 0;
  const start = (i: number) => {
    if (i < refs.length && !opened[i]) {
      opened[i] = openRaster(refs[i], names[i]);
      opened[i].catch(() => {}); // reported when taken, in order
    }
  };
  return {
    next(i: number): Promise<RasterSource> {
      for (let j = i; j < i + ahead; j++) start(j);
      taken = Math.max(taken, i + 1);
      return opened[i];
    },
    dispose() {
      for (let j = taken; j < opened.length; j++) opened[j]?.then((s) => s.close(), () => {});
    },
  };
}

function layerPlan(layer: RasterLayer, names: string[], files: FileRef[], resample: boolean[]): LayerPlan {
  return {
    files,
    names,
    spec: { path: layer.path, scale: layer.scale, offset: layer.offset, nodata: layer.nodata, valid: layer.valid ?? undefined },
    resample,
  };
}

/** The grid's extent in its CRS, [minX, minY, maxX, maxY] (corners through the geotransform). */
export function gridBounds(grid: Grid): [number, number, number, number] {
  const [x0, dx, rx, y0, ry, dy] = grid.geoTransform;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [c, r] of [[0, 0], [grid.width, 0], [0, grid.height], [grid.width, grid.height]]) {
    xs.push(x0 + c * dx + r * rx);
    ys.push(y0 + c * ry + r * dy);
  }
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Fails naming `file` when no polygon's bounding box meets the grid (wrong place, or wrong CRS). */
function assertOverlaps(polys: { bbox: [number, number, number, number] }[], grid: Grid, file: string, problem: string): void {
  const [gx0, gy0, gx1, gy1] = gridBounds(grid);
  if (polys.some((p) => p.bbox[0] < gx1 && p.bbox[2] > gx0 && p.bbox[1] < gy1 && p.bbox[3] > gy0)) return;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of polys) {
    x0 = Math.min(x0, p.bbox[0]); y0 = Math.min(y0, p.bbox[1]);
    x1 = Math.max(x1, p.bbox[2]); y1 = Math.max(y1, p.bbox[3]);
  }
  const f = (v: number) => (Math.abs(v) >= 1000 ? v.toFixed(0) : v.toPrecision(6));
  const box = (a: number, b: number, c: number, d: number) => `x ${f(a)} … ${f(c)}, y ${f(b)} … ${f(d)}`;
  throw new DatasetError(file, `${problem} (in ${grid.crs.name}: it spans ${box(x0, y0, x1, y1)}; the rasters span ${box(gx0, gy0, gx1, gy1)})`);
}

function pickParams(r: Pei2010Params): Pei2010Params {
  return { a: r.a, b: r.b, c: r.c, k: r.k };
}

