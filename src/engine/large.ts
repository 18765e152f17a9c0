/**
 * Large mode (see overviewPlan.ts): a dataset whose per-pixel series do not fit in the browser.
 * Two passes of the same engine on a worker pool:
 *   1. the map: every layer at the level of the NPP/NEP files' overviews that fits the display
 *      budget (decimated when the files have none), with per-pixel series, as a whole-dataset
 *      result has them at full resolution;
 *   2. the zone statistics at full resolution, without per-pixel output (memory bounded by a
 *      block): the summary is the one the command line writes.
 * Then, on demand, windows of the view at a finer level (analyzeWindow).
 */
import { checkAllYears, prepareDataset, sameResampling, type DatasetInput } from './prepare';
import { runPlan } from './run';
import { chooseOverview, levelPlan, readableLevels, type DisplayBudget, type LargeInfo, type LargeResult } from './overviewPlan';
import type { WindowChoice } from './windowPlan';
import type { WorkerPool } from './pool';
import type { DatasetPlan } from './plan';
import type { AnalysisOptions, PixelMaps, Progress } from './types';
import type { AnalysisPreview } from './browser';
import { balancedBlockRows } from './blockRows';
import { rasterLevels } from '../io/overview';

const MAPS = { rows: false, pixels: true, pixelRho: true };
const SUMS = { rows: false, pixels: false, pixelRho: false };

const settle = <T>(p: Promise<T>) => p.then((value) => ({ value, error: null as unknown }), (error: unknown) => ({ value: null as T | null, error }));
const aborted = () => new DOMException('Aborted', 'AbortError');

/**
 * Rows per full-resolution block: one tile row when there are enough of them to share and a tile
 * row is at most a million pixels, else one engine sub-block (as blockRows.ts balancedBlockRows).
 * Never dependent on the number of workers, so neither are the numbers.
 */
function statsBlockRows(plan: DatasetPlan, tileHeight: number): number {
  if (tileHeight * plan.grid.width > 1 << 20) return Math.max(1, Math.min(plan.blockRows, Math.floor((1 << 16) / plan.grid.width)));
  return balancedBlockRows(plan.grid.width, plan.grid.height, Math.max(plan.blockRows, tileHeight), tileHeight);
}

export async function analyzeLarge(
  input: DatasetInput,
  options: Partial<AnalysisOptions>,
  pool: WorkerPool,
  budget: DisplayBudget,
  onProgress: (p: Progress) => void = () => {},
  signal?: AbortSignal,
  onPreview?: (p: AnalysisPreview) => void,
): Promise<LargeResult> {
  // Files are read by range (no whole-file prefetch): only the overviews' tiles for the map.
  const prepared = await prepareDataset(input, {
    method: options.method,
    respiration: options.respiration ?? undefined,
    onProgress: (stage, done, total) => onProgress({ stage, done, total }),
    firstYearOnly: true,
  });
  if (signal?.aborted) throw aborted();
  const checked = settle(checkAllYears(prepared.plan));
  const first = prepared.plan.npp ?? prepared.plan.nep!;
  const { grid, overviews, blockHeight: tileHeight } = await rasterLevels(first.files[0], first.names[0]);
  const Y = prepared.plan.years.length;
  const overview = chooseOverview(grid, overviews, Y, budget);
  const { width: lw, height: lh } = overview.level;
  const how = overview.fromOverview ? 'COG overview' : 'decimated: the files have no overviews';
  // Two passes, each with its own bar: the stage says which of the two it is.
  const mapPass = (plan: DatasetPlan) =>
    settle(runPlan(levelPlan(plan, overview.level, null), pool, MAPS, (p) => onProgress({ stage: `Step 1 of 2 — map at ${lw} × ${lh} px (${how}): block ${p.done} of ${p.total}`, done: p.done, total: p.total }), signal, { allowEmpty: true }));
  let map = await mapPass(prepared.plan);
  const c = await checked;
  if (c.error !== null) throw c.error;
  const plan = c.value!;
  if (map.error === null && !sameResampling(plan, prepared.plan)) map = await mapPass(plan);
  if (map.error !== null) throw signal?.aborted ? aborted() : map.error;
  const maps = map.value!.maps!;
  const variable = plan.npp && !plan.respiration ? 'NPP' : 'NEP';
  onPreview?.({ dataset: plan.name, variable, maps: { grid: maps.grid, years: maps.years, index: maps.index, zone: maps.zone, mean: maps.mean }, zones: prepared.zones, boundary: prepared.boundary, slug: plan.slug });

  const { width: W, height: H } = plan.grid;
  const full = { ...plan, blockRows: statsBlockRows(plan, tileHeight) };
  const stats = await runPlan(full, pool, SUMS, (p) => onProgress({ stage: `Step 2 of 2 — zone statistics at full resolution (${W} × ${H} px): block ${p.done} of ${p.total}`, done: p.done, total: p.total }), signal);
  const large: LargeInfo = { plan, levels: readableLevels(grid, overviews), overview, budget };
  return { variable, summary: stats.summary, maps, zones: prepared.zones, boundary: prepared.boundary, slug: plan.slug, large };
}

/** The per-pixel maps of a window of the view (windowPlan.chooseWindow), on `pool`. */
export async function analyzeWindow(large: LargeInfo, choice: WindowChoice, pool: WorkerPool, signal?: AbortSignal): Promise<PixelMaps> {
  const plan = levelPlan(large.plan, choice.index === 0 ? null : choice.level, choice.window);
  const out = await runPlan(plan, pool, MAPS, () => {}, signal, { allowEmpty: true });
  return out.maps!;
}
