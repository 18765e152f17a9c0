/** Runs a checked dataset plan over its blocks on a worker pool and assembles the results. */
import { createZonalSums, mergeZonalSums, summarizeRegions } from '../core/zonal';
import type { Summary } from '../core/summary';
import type { ComputeWants, PixelPart } from './blockCompute';
import { blockTasks, type WorkerPool } from './pool';
import { joinMeans, joinPixels } from './pixelJoin';
import type { BlockWants, DatasetPlan } from './plan';
import type { PixelMaps, Progress } from './types';
import { DatasetError } from '../io/errors';

export interface FullRows {
  mean: Float32Array;
  slope: Float32Array;
  p: Float32Array;
  cls: Int8Array;
}

export interface RunOutputs {
  summary: Summary;
  rows: FullRows | null;
  maps: PixelMaps | null;
}

export function summaryVars(plan: DatasetPlan): string[] {
  const vars = ['nep'];
  if (plan.npp && plan.respiration && plan.climateVars.includes('temperature') && plan.climateVars.includes('precipitation')) {
    vars.unshift('npp', 'rh');
  }
  return [...vars, ...plan.climateVars];
}

export async function runPlan(
  plan: DatasetPlan,
  pool: WorkerPool,
  wants: BlockWants,
  onProgress: (p: Progress) => void = () => {},
  signal?: AbortSignal,
  opts: RunOptions = {},
): Promise<RunOutputs> {
  const { width, height } = plan.grid;
  const Y = plan.years.length;
  let tasks = blockTasks(height, plan.blockRows);
  if (opts.weights) {
    // The largest blocks first, one a worker, then the rest in order: the last to end is then a
    // small one. Results are still merged in block order, and the pool holds at most
    // size × perWorker of them waiting: more blocks taken out of order than that could leave the
    // next one to merge never handed out.
    const w = opts.weights;
    const limit = Math.min(pool.size, pool.size * (opts.perWorker ?? 2) - 1);
    const first = [...tasks].sort((a, b) => (w[b.block] ?? 0) - (w[a.block] ?? 0) || a.block - b.block).slice(0, Math.max(0, limit));
    tasks = [...first, ...tasks.filter((t) => !first.includes(t))];
  }
  const vars = summaryVars(plan);
  const sums = createZonalSums(plan.zoneIds.length, Y, vars);
  const rows: FullRows | null = wants.rows
    ? {
        mean: new Float32Array(width * height).fill(NaN),
        slope: new Float32Array(width * height).fill(NaN),
        p: new Float32Array(width * height).fill(NaN),
        cls: new Int8Array(width * height).fill(-128),
      }
    : null;
  const parts: PixelPart[] = [];
  let total = 0;
  let included = 0;

  if (!opts.initialised) pool.init(plan);
  onProgress({ stage: `Computing NEP and trends (${tasks.length} blocks)`, done: 0, total: tasks.length });
  let done = 0;
  await pool.run(
    tasks,
    wants,
    (r) => {
      mergeZonalSums(sums, r.sums);
      total += r.total;
      included += r.included;
      if (rows && r.rows) {
        const o = r.y0 * width;
        rows.mean.set(r.rows.mean, o);
        rows.slope.set(r.rows.slope, o);
        rows.p.set(r.rows.p, o);
        rows.cls.set(r.rows.cls, o);
      }
      if (r.pixels) parts.push(...r.pixels);
      done++;
      onProgress({ stage: `Computing NEP and trends: rows ${r.y1} of ${height}`, done, total: tasks.length });
    },
    { signal, perWorker: opts.perWorker, holdLast: opts.holdLast },
  );

  if (included === 0 && !opts.allowEmpty) throw noPixelIncluded(plan, total);
  const regions = summarizeRegions(sums, {
    ids: ['all', ...plan.zoneIds],
    names: ['Whole region', ...plan.zoneNames],
    years: plan.years,
    method: plan.method,
    vars,
  });
  const summary: Summary = {
    schema: 'nep-summary/1',
    dataset: plan.name,
    years: plan.years,
    method: plan.method,
    respiration: plan.respiration && vars.includes('rh') ? { model: 'pei2010', ...plan.respiration } : null,
    pixels: { total, included },
    regions,
  };
  return { summary, rows, maps: wants.pixels ? joinPixels(plan, parts) : null };
}

/**
 * A run without a single included pixel (all NPP/NEP nodata, out of the valid range, no pixel
 * valid in every year, or none inside the boundary): refused, naming the first year's NPP (or NEP)
 * file, so the CLI writes nothing and the app shows the same message.
 */
export function noPixelIncluded(plan: DatasetPlan, total: number): DatasetError {
  const main = (plan.npp ?? plan.nep)!;
  const what = !plan.npp ? 'NEP' : summaryVars(plan).includes('rh') ? 'NPP, temperature and precipitation' : 'NPP';
  return new DatasetError(
    main.names[0],
    `no pixel has valid ${what} in every year (${total} pixels, none included): check nodata, the valid range and the scale` +
      (plan.boundary ? ', and that the boundary covers the rasters' : ''),
  );
}

export interface RunOptions {
  /** A run without an included pixel is a result (large mode's map levels and zoomed windows), not an error. */
  allowEmpty?: boolean;
  /** The pool already holds this plan (runMeans ran on it): its workers keep their open files. */
  initialised?: boolean;
  /** Blocks in flight per worker (default: the pool's 2; see IN_FLIGHT in browser.ts). */
  perWorker?: number;
  /**
   * Until it settles, one worker stays free and the others take one block at a time: on a
   * machine with as many cores as workers, the page's thread then has a core to draw the first
   * map with (browser.ts holds it until the page is idle again).
   */
  holdLast?: Promise<unknown>;
  /** Work per block (e.g. included pixels, estimated): the largest are handed out first. */
  weights?: ArrayLike<number>;
}

/** The included pixels' multi-year mean (maps.mean of the full run, bit for bit), and their index and zone. */
export interface MeanMap {
  index: Uint32Array;
  zone: Int16Array;
  mean: Float32Array;
}

/**
 * A quick pass for a first map (blockCompute's meanOnly): the included pixels and their mean, in
 * the full run's order. Initialises the pool with `plan`; a full run after it passes
 * `initialised` to runPlan, so the workers keep their open files.
 */
export async function runMeans(plan: DatasetPlan, pool: WorkerPool, signal?: AbortSignal, perWorker?: number): Promise<MeanMap> {
  const parts: MeanMap[] = [];
  let count = 0;
  pool.init(plan);
  const wants: ComputeWants = { rows: false, pixels: false, pixelRho: false, meanOnly: true };
  await pool.run(blockTasks(plan.grid.height, plan.blockRows), wants, (r) => {
    if (r.means) { parts.push(r.means); count += r.means.index.length; }
  }, { signal, perWorker });
  return joinMeans(parts, count);
}

