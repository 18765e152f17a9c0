/**
 * The engine in the browser: a pool of module Web Workers, kept for the page's life, running the
 * same block computation as the command line. The page's thread only prepares and merges.
 */
import { deserializeError, WorkerPool, type WorkerPort } from './pool';
import { checkAllYears, prepareDataset, sameResampling, type DatasetInput } from './prepare';
import type { DatasetPlan } from './plan';
import { runMeans, runPlan, type RunOutputs } from './run';
import { balancedBlockRows } from './blockRows';
import type { AnalysedVariable, AnalysisOptions, AnalysisResult, PixelMaps, Progress, ZoneFeature } from './types';
import type { FromWorker, ToWorker } from './messages';
import type { ClimateVar } from '../core/summary';
import { resolvePath } from '../io/paths';
import { readText } from '../io/readFile';
import { parseManifest, type Manifest } from '../io/manifest';
import { datasetFiles, type PrefetchReply, type PrefetchRequest } from './browser/prefetch';
import { engineWorkers, makeWorkers } from './browser/workers';
import { keptFiles, withInMemoryFiles } from './browser/inMemoryFiles';
import { analyzeLarge, analyzeWindow } from './large';
import { levelPlan, previewOverview, type DisplayBudget, type LargeInfo, type LargeResult } from './overviewPlan';
import { rasterLevels, type RasterLevel } from '../io/overview';
import type { WindowChoice } from './windowPlan';
import { derivable, deriveSeries, readCoarseClimate, sentSeries, type CoarseClimate } from './derivedSeries';
import { attachDerived } from './pixelJoin';

let pool: WorkerPool | null = null;
let workers: Worker[] = [];
let nextPrefetch = -1;

/** A Web Worker as the pool's WorkerPort. */
function portOf(w: Worker): WorkerPort {
  let bytesSentFor: string | undefined; // the dataset (filesId) whose in-memory files this worker holds
  return {
    post: (msg) => {
      if (msg.type !== 'init') return w.postMessage(msg);
      // The worker keeps the bytes of a dataset's files from its first plan (inMemoryFiles.ts).
      if (msg.plan.filesId !== undefined && msg.plan.filesId === bytesSentFor) return w.postMessage({ ...msg, plan: keptFiles(msg.plan) });
      const { plan, transfer } = withInMemoryFiles(msg.plan);
      bytesSentFor = msg.plan.filesId;
      w.postMessage({ ...msg, plan }, transfer);
    },
    onMessage: (cb) => w.addEventListener('message', (e: MessageEvent<FromWorker>) => cb(e.data)),
    onError: (cb) => w.addEventListener('error', (e) => cb(new Error(e.message || 'engine worker failed'))),
    terminate: () => w.terminate(),
  };
}

function browserPool(): WorkerPool {
  if (pool) return pool;
  workers = engineWorkers();
  pool = new WorkerPool(workers.map(portOf));
  return pool;
}

// Start the workers as soon as the engine is loaded, so that their scripts load and compile while
// the page reads the manifest (they then fetch the files: see prefetchInWorkers).
if (typeof window !== 'undefined' && typeof Worker === 'function') browserPool();

/**
 * prefetchFiles (browser/prefetch.ts) spread over the engine's workers (their threads are free
 * while the page draws): url → Blob for the files fetched, the others absent.
 */
export async function prefetchInWorkers(urls: string[]): Promise<Map<string, Blob>> {
  browserPool();
  const parts = workers.map((w, i) => {
    // Dealt out in turn (not in halves), so each worker gets its share of the big NPP files.
    const mine = urls.filter((_, j) => j % workers.length === i);
    if (mine.length === 0) return Promise.resolve([] as [string, Blob][]);
    const id = nextPrefetch--;
    return new Promise<[string, Blob][]>((resolve) => {
      const on = (e: MessageEvent<PrefetchReply>) => {
        if (e.data?.type !== 'prefetched' || e.data.id !== id) return;
        w.removeEventListener('message', on);
        resolve(e.data.files);
      };
      w.addEventListener('message', on);
      const req: PrefetchRequest = { type: 'prefetch', id, urls: mine, concurrency: Math.max(2, Math.ceil(6 / workers.length)) };
      w.postMessage(req);
    });
  });
  return new Map((await Promise.all(parts)).flat());
}

/** The pool's first worker (the one a first map's hold never keeps idle). */
const firstWorker = (): Worker | undefined => workers[0];

/**
 * The climate files' own values from worker `w` (BlockComputer.coarseClimate), answered once the
 * blocks it was given before are done: the same numbers readCoarseClimate reads on the page, which
 * would decode every file again on the page's thread, while the workers compute.
 */
function coarseFromWorker(w: Worker | undefined, vars: ClimateVar[]): Promise<CoarseClimate> {
  if (!w) return Promise.reject(new Error('no engine worker'));
  const id = nextPrefetch--;
  return new Promise<CoarseClimate>((resolve, reject) => {
    const on = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if (m?.id !== id || (m.type !== 'coarse' && m.type !== 'error')) return;
      w.removeEventListener('message', on);
      if (m.type === 'coarse') resolve(m.coarse);
      else reject(deserializeError(m.error));
    };
    w.addEventListener('message', on);
    w.postMessage({ type: 'coarse', id, vars } satisfies ToWorker);
  });
}

/** Analyses a dataset given by the URL of its dataset.json (relative URLs resolve against the page). */
export async function analyzeInBrowser(
  manifestUrl: string,
  options: Partial<AnalysisOptions>,
  onProgress: (p: Progress) => void = () => {},
  signal?: AbortSignal,
): Promise<AnalysisResult> {
  const url = new URL(manifestUrl, location.href).href;
  const name = decodeURIComponent(url.split('/').pop() || 'dataset.json');
  onProgress({ stage: `Reading ${name}`, done: 0, total: 1 });
  const text = await readText(url, name);
  const parts = new URL(url).pathname.split('/').filter(Boolean);
  const slug = slugify(parts.length > 1 ? parts[parts.length - 2] : 'dataset');
  return analyzeInput({ manifestText: text, manifestName: name, resolve: (p) => resolvePath(url, p), slug }, options, onProgress, signal);
}

/**
 * The input with every file it resolves to an http(s) URL fetched whole first (see
 * browser/prefetch.ts): those resolve to Blobs then. The input itself when the manifest does not
 * parse (prepareDataset reports that) or no file is remote.
 */
async function withPrefetch(input: DatasetInput, onProgress: (p: Progress) => void, signal?: AbortSignal): Promise<DatasetInput> {
  let manifest: Manifest;
  try {
    manifest = parseManifest(input.manifestText, input.manifestName);
  } catch {
    return input;
  }
  const refs = new Map<string, string>();
  for (const p of datasetFiles(manifest)) {
    try {
      const r = input.resolve(p);
      if (typeof r === 'string' && /^https?:/i.test(r)) refs.set(p, r);
    } catch {
      /* prepareDataset reports it */
    }
  }
  if (refs.size === 0) return input;
  const t0 = performance.now();
  onProgress({ stage: `Downloading ${refs.size} files`, done: 0, total: refs.size });
  const files = await prefetchInWorkers([...refs.values()]);
  mark('nep:prefetch', t0);
  return {
    ...input,
    resolve: (p) => {
      const r = input.resolve(p);
      return (typeof r === 'string' && files.get(r)) || r;
    },
  };
}

function mark(name: string, start: number) {
  try {
    performance.measure(name, { start, end: performance.now() });
  } catch {
    /* no User Timing: nothing to record */
  }
}

/**
 * A first map while the analysis runs: the multi-year mean of the analysed variable over the
 * included pixels (it comes before trends, correlations and zone statistics). At full resolution
 * it is the result's maps.mean, index and zone, bit for bit; from an overview (previewLevel) it is
 * the same analysis of the overview's pixels, on the overview's grid (maps.grid), which the
 * full-resolution result then replaces.
 */
export interface AnalysisPreview {
  /** The dataset's name (the summary's `dataset`): the page's header shows it with the first map. */
  dataset: string;
  variable: AnalysedVariable;
  maps: Pick<PixelMaps, 'grid' | 'years' | 'index' | 'zone' | 'mean'>;
  zones: ZoneFeature[];
  boundary: GeoJSON.FeatureCollection | null;
  slug: string;
}

/**
 * Analyses a dataset whose files the caller resolves (URLs, or Blobs of picked files). With
 * `onPreview`, the workers first compute the mean map alone (none of the statistics; on a large
 * grid from the NPP files' overview, see previewLevel) and hand it over, once every file has
 * passed its checks, before the rest.
 */
export async function analyzeInput(
  input: DatasetInput,
  options: Partial<AnalysisOptions>,
  onProgress: (p: Progress) => void = () => {},
  signal?: AbortSignal,
  onPreview?: (p: AnalysisPreview) => void,
): Promise<AnalysisResult> {
  input = await withPrefetch(input, onProgress, signal);
  if (signal?.aborted) throw new DOMException('Aborted', 'AbortError');
  let t0 = performance.now();
  // As the command line does: the plan from the first year's files, so the workers start at once,
  // while this thread checks the other years' files. Their first problem (in manifest order) is
  // the error reported, whatever the workers ran into; should a climate year need resampling
  // where the first did not, the computation runs again with the checked plan.
  const prepared = await prepareDataset(input, {
    method: options.method,
    respiration: options.respiration ?? undefined,
    onProgress: (stage, done, total) => onProgress({ stage, done, total }),
    firstYearOnly: true,
  });
  mark('nep:prepare', t0);
  if (signal?.aborted) throw new DOMException('Aborted', 'AbortError');
  t0 = performance.now();
  const workers = browserPool();
  const balanced = (p: DatasetPlan) => ({
    ...p,
    blockRows: balancedBlockRows(p.grid.width, p.grid.height, p.blockRows, p.tileHeight ?? 0),
  });
  const settle = <T>(p: Promise<T>) => p.then((value) => ({ value, error: null as unknown }), (error: unknown) => ({ value: null, error }));
  // The series the page works out itself when shown (derivedSeries.ts) are not sent: their small
  // source files' values come from a worker, which has read them for its blocks (else the page
  // reads them itself).
  const derive = derivable(prepared.plan);
  let coarse: ReturnType<typeof settle<CoarseClimate>> | null = null;
  const readCoarse = () =>
    (coarse ??= settle(coarseFromWorker(firstWorker(), derive.climate).catch(() => readCoarseClimate(prepared.plan, derive.climate))));
  const wants = { rows: false, pixels: true, pixelRho: true, series: sentSeries(prepared.plan, derive) };
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal?.addEventListener('abort', onAbort);
  let out: RunOutputs;
  // NPP without Rh (no temperature and precipitation): the analysis ran on NPP itself.
  const variable = prepared.plan.npp && !prepared.plan.respiration ? 'NPP' : 'NEP';
  try {
    const checked = settle(checkAllYears(prepared.plan));
    void checked.then(() => mark('nep:checked', t0)); // when the page's checks of every file end (bench)
    let initialised = false;
    // Settles once the page has drawn the first map (its thread idle again): see RunOptions.holdLast.
    let drawn: Promise<void> | undefined;
    // Included pixels per block of the full run, from the first map's pixels: see RunOptions.weights.
    let weights: number[] | undefined;
    const full = balanced(prepared.plan);
    // What the full run's progress says: after a first map from an overview, that the map is that.
    let fullProgress = onProgress;
    if (onPreview) {
      const level = await previewLevel(prepared.plan);
      const quick = level ? levelPlan(prepared.plan, level, null) : prepared.plan;
      onProgress({
        stage: level ? `Computing a first ${variable} map from the files' overviews (${level.width} × ${level.height} px)` : `Computing the mean ${variable} map`,
        done: 0,
        total: 1,
        dataset: prepared.plan.name,
      });
      const means = await settle(runMeans(balanced(quick), workers, stop.signal, IN_FLIGHT));
      mark('nep:means', t0);
      const c = await checked;
      if (c.error === null && means.error === null && means.value!.index.length > 0 && sameResampling(c.value!, prepared.plan)) {
        // At full resolution the workers keep the plan (and what the pass read) for the full run.
        initialised = !level;
        if (level) {
          const note = ` · the map shows the ${level.width} × ${level.height} px overview until then`;
          fullProgress = (p) => onProgress({ ...p, stage: `${p.stage.replace(/^Computing /, 'Computing at full resolution: ')}${note}` });
        }
        mark('nep:preview', t0);
        const m = means.value!;
        onPreview({ dataset: prepared.plan.name, variable, maps: { grid: quick.grid, years: quick.years, index: m.index, zone: m.zone, mean: m.mean }, zones: prepared.zones, boundary: prepared.boundary, slug: quick.slug });
        drawn = pageIdle(PREVIEW_DRAW_MS);
        weights = blockWeights(m.index, quick.grid, full.grid.height, full.blockRows);
      }
      // A failed mean pass, or one without a pixel: the full run below meets the same problem and
      // reports it, after the checks.
    }
    const speculative = settle(runPlan(full, workers, wants, fullProgress, stop.signal, { initialised, perWorker: IN_FLIGHT, holdLast: drawn, weights }));
    if (derive.climate.length > 0) void readCoarse();
    const c = await checked;
    if (c.error !== null) {
      stop.abort(); // no more blocks of a run whose result is not wanted
      throw c.error;
    }
    const plan: DatasetPlan = c.value!;
    mark('nep:check', t0);
    let run = await speculative;
    const rerun = !sameResampling(plan, prepared.plan);
    // Checked otherwise than the first year said (rare): everything sent, nothing derived.
    if (rerun) run = await settle(runPlan(balanced(plan), workers, { ...wants, series: undefined }, fullProgress, stop.signal));
    if (run.error !== null) {
      if (signal?.aborted) throw new DOMException('Aborted', 'AbortError');
      throw run.error;
    }
    out = run.value!;
    if (derive.climate.length > 0 && !rerun && out.maps) {
      const c = await readCoarse();
      if (c.error !== null) throw c.error; // a file the workers read too: not expected once they have
      attachDerived(out.maps, deriveSeries(prepared.plan, c.value!, derive, out.maps.index));
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  const { summary, maps } = out;
  mark('nep:compute', t0);
  return { variable, summary, maps: maps!, zones: prepared.zones, boundary: prepared.boundary, slug: prepared.plan.slug };
}

/**
 * Grids of at least this many pixels get their first map from an overview (previewLevel).
 * Below it the full-resolution mean pass is quick anyway.
 */
const PREVIEW_MIN_PIXELS = 1 << 20;

/**
 * The level a first map is computed at, while the full analysis waits: an overview of the NPP (or
 * NEP) files at a quarter of the grid's resolution (overviewPlan.previewOverview), as a web map
 * shows a COG's overview before its full-resolution tiles. It costs about a sixteenth of the
 * reading a full-resolution mean pass costs, and the full run then reads everything once, instead
 * of a mean pass keeping NPP and climate for it. null (a full-resolution mean pass) for a small
 * grid, files without overviews, or anything unexpected in them (the full run reports real problems).
 */
async function previewLevel(plan: DatasetPlan): Promise<RasterLevel | null> {
  const g = plan.grid;
  if (g.width * g.height < PREVIEW_MIN_PIXELS) return null;
  const first = plan.npp ?? plan.nep;
  if (!first) return null;
  try {
    const { grid, overviews } = await rasterLevels(first.files[0], first.names[0]);
    if (grid.width !== g.width || grid.height !== g.height) return null;
    return previewOverview(grid, overviews, PREVIEW_MIN_PIXELS);
  } catch {
    return null;
  }
}

/**
 * Drawing the first map takes the page's thread a few hundred milliseconds (the canvas lookup,
 * colours, a WebGL frame); with every worker on the full run, a 2-core machine gave that thread a
 * fraction of a core and the first map came ~0.5 s later. The full run leaves one worker free
 * until the page is idle again, or this long at most (idle came ~0.2 s after the map was drawn).
 */
const PREVIEW_DRAW_MS = 350;

/**
 * Included pixels in each block of `blockRows` rows of a grid `height` rows high, estimated from
 * the included pixels `index` of a grid (`level`) with the same extent: each counts in the block
 * of the row its centre falls on.
 */
export function blockWeights(index: Uint32Array, level: { width: number; height: number }, height: number, blockRows: number): number[] {
  const weights = new Array<number>(Math.ceil(height / blockRows)).fill(0);
  const scale = height / level.height;
  for (let k = 0; k < index.length; k++) {
    const row = Math.floor(index[k] / level.width);
    weights[Math.min(weights.length - 1, Math.floor(((row + 0.5) * scale) / blockRows))]++;
  }
  return weights;
}

/** Settles when the page's thread is next idle (requestIdleCallback), or after `ms` at most. */
function pageIdle(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    const done = () => {
      clearTimeout(t);
      resolve();
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(done, { timeout: ms });
  });
}

/**
 * Blocks in flight per worker: two, so a worker always has its next block while the page's
 * thread (busy starting the map) gets round to sending another, and the rest go to whichever
 * worker is free first. A park's tile rows hold very different numbers of pixels: handing all
 * blocks out at once, in turn, left one worker with 8 % more of them (measured A/B on the demo,
 * against all at once: first map and the whole result about 0.1 s sooner).
 */
const IN_FLIGHT = 2;

export function slugify(s: string): string {
  return s.normalize('NFKD').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'dataset';
}

/**
 * Large mode (engine/large.ts) on the engine's workers: full-resolution zone statistics and maps
 * from the overview level that fits `budget`.
 */
export function analyzeLargeInBrowser(
  input: DatasetInput,
  options: Partial<AnalysisOptions>,
  budget: DisplayBudget,
  onProgress: (p: Progress) => void = () => {},
  signal?: AbortSignal,
  onPreview?: (p: AnalysisPreview) => void,
): Promise<LargeResult> {
  return analyzeLarge(input, options, browserPool(), budget, onProgress, signal, onPreview);
}

let detail: WorkerPool | null = null;

/**
 * Large mode's zoomed windows (engine/large.ts analyzeWindow) on a small pool of their own (two
 * workers, started on first use), so a window never changes the plan of an analysis running on
 * the engine's pool, nor waits for it.
 */
export function analyzeWindowInBrowser(large: LargeInfo, choice: WindowChoice, signal?: AbortSignal): Promise<PixelMaps> {
  detail ??= new WorkerPool(makeWorkers(Math.min(2, navigator.hardwareConcurrency || 2), 'nep-detail').map(portOf));
  return analyzeWindow(large, choice, detail, signal);
}
