/**
 * Per-pixel series the app works out itself, when a layer shows them, instead of the workers
 * sending them (BlockWants.series): climate variables resampled from a coarse grid, and Rh from
 * temperature and precipitation. Sending the four climate variables and Rh of the demo park is
 * 118 MB of new memory that the workers fill and the page keeps, most of it never shown: in
 * Chromium that cost each worker more time than its ranks and correlations.
 *
 * The numbers are the workers' own, bit for bit: the same files read whole (they are small), the
 * same bilinear interpolation (io/resample.ts makeResampler), the same layer rule and the same
 * Rh formula (core/block.ts computeRhNep), on the included pixels only. A year costs a few
 * milliseconds; all years of a variable (its multi-year mean) about a tenth of a second.
 */
import { computeRhNep } from '../core/block';
import type { ClimateVar } from '../core/summary';
import type { Grid } from '../io/grid';
import { layerApplier, type LayerApplier } from '../io/layer';
import { openRaster } from '../io/raster';
import { makeResampler, validValues, type Resampler } from '../io/resample';
import type { DatasetPlan, SeriesKey } from './plan';

/** Coarse grids of at most this many pixels are read whole by the page (4 MB a year as float64). */
const MAX_SOURCE_PIXELS = 1 << 19;

/** Target rows worked out at once (bounds the scratch arrays: 64 rows of the demo grid, 1.5 MB). */
const CHUNK_ROWS = 64;

/** One variable's series, a year at a time or whole. */
export interface YearSeries {
  /** Year index i's values of every included pixel (length n): computed once, then kept. */
  year(i: number): Float32Array;
  /** Every year, year-major (year i of pixel k at [i·n + k]), as PixelMaps' series. */
  all(): Float32Array;
}

export interface DerivedSeries {
  rh: YearSeries | null;
  climate: Partial<Record<ClimateVar, YearSeries>>;
}

/** What the page can work out for `plan` (full resolution only: large mode sends everything). */
export interface Derivable {
  climate: ClimateVar[];
  rh: boolean;
}

export function derivable(plan: DatasetPlan): Derivable {
  if (plan.read) return { climate: [], rh: false };
  const climate = plan.climateVars.filter((v) => {
    const r = plan.climateRasters[v];
    return !!r && r.resample.every(Boolean) && (r.sourcePixels ?? Infinity) <= MAX_SOURCE_PIXELS;
  });
  const rh = !!(plan.npp && plan.respiration && climate.includes('temperature') && climate.includes('precipitation'));
  return { climate, rh };
}

/** The series the workers are to send (BlockWants.series): NEP, NPP and what cannot be derived. */
export function sentSeries(plan: DatasetPlan, d: Derivable): SeriesKey[] {
  const keys: SeriesKey[] = ['nep', 'npp'];
  if (!d.rh) keys.push('rh');
  for (const v of plan.climateVars) if (!d.climate.includes(v)) keys.push(v);
  return keys;
}

/** One year of a coarse climate file: its grid and its valid stored values (resample.validValues). */
interface CoarseYear {
  grid: Grid;
  values: Float64Array;
  float64: boolean;
}

export type CoarseClimate = Partial<Record<ClimateVar, CoarseYear[]>>;

/** Reads every year's file of the variables whole (a failure names the file, as the workers would). */
export async function readCoarseClimate(plan: DatasetPlan, vars: readonly ClimateVar[]): Promise<CoarseClimate> {
  const out: CoarseClimate = {};
  for (const v of vars) {
    const layer = plan.climateRasters[v]!;
    out[v] = await Promise.all(
      layer.files.map(async (file, i) => {
        const src = await openRaster(file, layer.names[i]);
        try {
          const raw = await src.readRows(0, src.grid.height);
          return { grid: src.grid, values: validValues(raw, src.dtype, src.noData), float64: src.dtype === 'float64' };
        } finally {
          src.close();
        }
      }),
    );
  }
  return out;
}

/** A chunk of target rows and the included pixels in it, as runs relative to its first row. */
interface Chunk {
  y0: number;
  y1: number;
  runs: Int32Array;
  nRuns: number;
  /** Index in the included pixels of the chunk's first one. */
  first: number;
  count: number;
}

function chunksOf(index: Uint32Array, width: number): Chunk[] {
  const chunks: Chunk[] = [];
  let k = 0;
  while (k < index.length) {
    const y0 = Math.floor(index[k] / width);
    const y1 = y0 + CHUNK_ROWS;
    const base = y0 * width;
    const end = y1 * width;
    const first = k;
    const pairs: number[] = [];
    while (k < index.length && index[k] < end) {
      const a = index[k];
      let e = a + 1;
      k++;
      while (k < index.length && index[k] === e) {
        e++;
        k++;
      }
      pairs.push(a - base, e - base);
    }
    chunks.push({ y0, y1, runs: Int32Array.from(pairs), nRuns: pairs.length / 2, first, count: k - first });
  }
  return chunks;
}

/**
 * The series of `coarse`'s variables (and Rh when `d.rh`) for the included pixels `index` of
 * the full-resolution `plan`.
 */
export function deriveSeries(plan: DatasetPlan, coarse: CoarseClimate, d: Derivable, index: Uint32Array): DerivedSeries {
  const grid = plan.grid;
  const W = grid.width;
  const n = index.length;
  const Y = plan.years.length;
  // Made when a series is first worked out, not as the result comes (the page is busy then).
  let chunks: Chunk[] | null = null;
  const resamplers = new Map<string, Resampler>();
  const resamplerFor = (g: Grid) => {
    const key = `${g.width}x${g.height}|${g.geoTransform.join(',')}|${g.crs.epsg ?? g.crs.proj4}`;
    let r = resamplers.get(key);
    if (!r) resamplers.set(key, (r = makeResampler(g, grid)));
    return r;
  };
  const appliers = new Map<string, LayerApplier>();
  let rows32 = new Float32Array(0);
  let rows64 = new Float64Array(0);
  let values64 = new Float64Array(0);

  /** Year i of climate variable v, as the workers have it (float64, the layer applied). */
  const climateYear = (v: ClimateVar, i: number, out: Float64Array) => {
    const c = coarse[v]![i];
    const rs = resamplerFor(c.grid);
    // The workers' rule for a resampled source: its values are float32 (float64 for float64 files), nodata NaN.
    const dtype = c.float64 ? 'float64' : 'float32';
    const ruleKey = `${v}|${dtype}`;
    let apply = appliers.get(ruleKey);
    if (!apply) appliers.set(ruleKey, (apply = layerApplier(plan.climateRasters[v]!.spec, NaN, dtype)));
    for (const ch of (chunks ??= chunksOf(index, W))) {
      const len = (ch.y1 - ch.y0) * W;
      if (rows64.length < len) {
        rows32 = new Float32Array(len);
        rows64 = new Float64Array(len);
      }
      const raw = c.float64 ? rows64.subarray(0, len) : rows32.subarray(0, len);
      const y1 = Math.min(ch.y1, grid.height);
      const rp = rs.rowsPlan(ch.y0, y1);
      const need = { runs: ch.runs, count: ch.nRuns };
      if (rp) rs.interpolateRows(c.values, 0, c.grid.height, rp, ch.y0, y1, raw, need);
      else raw.fill(NaN);
      if (values64.length < len) values64 = new Float64Array(len);
      apply.runs(raw, values64, 0, ch.runs, ch.nRuns);
      let j = ch.first;
      for (let r = 0; r < ch.nRuns; r++) for (let k = ch.runs[2 * r], e = ch.runs[2 * r + 1]; k < e; k++) out[j++] = values64[k];
    }
  };

  const climate: DerivedSeries['climate'] = {};
  for (const v of d.climate) {
    if (!coarse[v]) continue;
    const tmp = new Float64Array(n);
    climate[v] = yearSeries(Y, n, (i) => {
      climateYear(v, i, tmp);
      return Float32Array.from(tmp);
    });
  }
  let rh: YearSeries | null = null;
  if (d.rh && coarse.temperature && coarse.precipitation && plan.respiration) {
    const params = plan.respiration;
    const t = new Float64Array(n);
    const p = new Float64Array(n);
    const zero = new Float64Array(n);
    const rh64 = new Float64Array(n);
    const nep64 = new Float64Array(n);
    rh = yearSeries(Y, n, (i) => {
      climateYear('temperature', i, t);
      climateYear('precipitation', i, p);
      computeRhNep(zero, t, p, params, rh64, nep64);
      return Float32Array.from(rh64);
    });
  }
  return { rh, climate };
}

function yearSeries(Y: number, n: number, compute: (i: number) => Float32Array): YearSeries {
  let years: (Float32Array | undefined)[] = [];
  let whole: Float32Array | null = null;
  return {
    year(i) {
      if (whole) return whole.subarray(i * n, (i + 1) * n);
      return (years[i] ??= compute(i));
    },
    all() {
      if (!whole) {
        const w = new Float32Array(Y * n);
        for (let i = 0; i < Y; i++) w.set(years[i] ?? compute(i), i * n);
        whole = w;
        years = [];
      }
      return whole;
    },
  };
}
