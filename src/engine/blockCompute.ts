/**
 * One block of rows, computed in a worker: read every year's rows, NEP, per-pixel trends, the
 * zonal sums, and the outputs the caller wants. Memory is bounded by the block, not the raster.
 */
import { computeRhNep, createPixelScratch, includedMeans, insideRuns, type PixelScratch } from '../core/block';
import { pixelStatsFast } from './wasmStats';
import { WasmBlock, type WasmViews } from './wasmBlock';
import { ScratchArrays } from './scratchArrays';
import type { CoarseClimate } from './derivedSeries';
import { accumulateBlock, createZonalSums, type ZonalSums } from '../core/zonal';
import { cellAreasByRow } from '../core/pixelArea';
import { TREND_CLASS_NODATA } from '../core/trendClass';
import type { ClimateVar } from '../core/summary';
import { closeOwnTiff, openRaster, type RasterArray, type RasterSource } from '../io/raster';
import { openTiff, type OpenedTiff } from '../io/geotiff';
import { resampleSource } from '../io/resample';
import { recycleRows } from '../io/rasterBlocks';
import { layerApplier, type LayerApplier } from '../io/layer';
import { rasterizeMask, rasterizeZones } from '../io/rasterize';
import { DatasetError } from '../io/errors';
import type { BlockWants, DatasetPlan, LayerPlan, SeriesKey } from './plan';
import type { PixelMaps } from './types';
import type { MeanMap } from './run';
import { joinMeans } from './pixelJoin';

export interface BlockResult {
  block: number;
  y0: number;
  y1: number;
  sums: ZonalSums;
  /** Full rows (width × rows): only when wants.rows. */
  rows: { mean: Float32Array; slope: Float32Array; p: Float32Array; cls: Int8Array } | null;
  /**
   * Included pixels of the block (year-major series compacted to them), one part per engine
   * sub-block in row order (the caller joins them once, with the other blocks'): only when
   * wants.pixels.
   */
  pixels: PixelPart[] | null;
  /** Only with wants.meanOnly (and then nothing else but total and included): see MeanWants. */
  means: { index: Uint32Array; zone: Int16Array; mean: Float32Array } | null;
  /** Pixels in the block, and how many are included. */
  total: number;
  included: number;
}

/** The included pixels of one sub-block: see BlockResult.pixels. */
export type PixelPart = Omit<PixelMaps, 'grid' | 'years'>;

/**
 * BlockWants, or a quick pass for a first map: `meanOnly` gives each included pixel's index, zone
 * and multi-year mean (the full pass's numbers, bit for bit), no sums. At full resolution it reads
 * only what NEP needs (NPP, and temperature and precipitation for Rh) and keeps it for the full
 * pass (computeMeans); on an overview level it is the full pass's code on that level's few pixels.
 */
export type ComputeWants = BlockWants & { meanOnly?: boolean };

/**
 * Pixels per sub-block (of the rows; the pixels inside the boundary are packed, see computeSub).
 * Each page of a work array is new memory the system hands over on first touch (~11 µs a page on
 * the 2-core VM), which made smaller sub-blocks pay (65,536 px, then 16,384, then 8,192: CPU per
 * load −0.13 to −0.16 s from the last step). Since the packed pixels' arrays live in the
 * statistics module's memory (wasmBlock.ts), only their pixels' pages are touched, and 16,384 is
 * better again: A/B in Chromium, two rounds, CPU per load −0.27 and −0.11 s, the whole result's
 * median −0.09 and −0.03 s.
 */
const SUB_BLOCK_PIXELS = 1 << 14;

/** What a worker keeps of a quick pass's reads for the full pass (see BlockComputer.hold). */
const HELD_BYTES = 96 << 20;

interface Buffers {
  n: number;
  nep: Float64Array;
  npp: Float64Array | null;
  rh: Float64Array | null;
  climate: Partial<Record<ClimateVar, Float64Array>>;
  /** computeSub's packed pixels: their places in the sub-block, zones, inside flags (all 1). */
  pos: Int32Array;
  zonePacked: Int16Array;
  insidePacked: Uint8Array;
  /** Per packed pixel (computeSub). */
  area: Float64Array;
  included: Uint8Array;
  mean: Float32Array;
  slope: Float32Array;
  p: Float32Array;
  cls: Int8Array;
  rho: Partial<Record<ClimateVar, Float32Array>>;
}

/**
 * The files a worker opened (openTiff: read, header parsed), by layer key and year index, for the
 * plans of one dataset: a first map's plan on an overview level and the full plan after it read
 * the same files, which are then opened once (a Blob read and a header parse, for each of a
 * hundred files, in each worker). Its owner closes them (closeOpenedFiles) when the dataset changes.
 */
export type OpenedFiles = Map<string, Promise<OpenedTiff>>;

export function closeOpenedFiles(files: OpenedFiles): void {
  for (const f of files.values()) f.then((o) => closeOwnTiff(o.tiff)).catch(() => {});
  files.clear();
}

/** Per-worker state: the plan, open files, scratch buffers. */
export class BlockComputer {
  private readonly sources = new Map<string, Promise<RasterSource>>();
  /**
   * The layer rule (scale, offset, nodata, valid range) by layer, nodata and type, made once and
   * shared by every year of the layer: for 8/16-bit data it holds a 65,536-value table, which
   * one per file (115 on the demo) would rebuild and keep over and over.
   */
  private readonly appliers = new Map<string, LayerApplier>();
  private readonly rowAreas: Float64Array;
  private readonly scratch: PixelScratch;
  private readonly years: Float64Array;
  private buf: Buffers | null = null;

  /** Files opened for this computer alone (no `files` given) are closed with it. */
  private readonly ownsFiles: boolean;
  private readonly files: OpenedFiles;

  /**
   * `files`: files opened for earlier plans of the same dataset (see OpenedFiles); `arrays`: the
   * work arrays of the computers before this one in the same worker (see ScratchArrays).
   */
  constructor(private readonly plan: DatasetPlan, files?: OpenedFiles, private readonly arrays = new ScratchArrays()) {
    this.ownsFiles = !files;
    this.files = files ?? new Map();
    const g = plan.grid;
    this.rowAreas = cellAreasByRow(g.geoTransform, g.height, g.crs.geographic);
    this.scratch = createPixelScratch(plan.years.length);
    this.years = Float64Array.from(plan.years);
    const sumNames = Object.keys(createZonalSums(plan.zoneIds.length, plan.years.length, this.vars).weight);
    // Coarse climate grids resampled in the module (wasmBlock.ts resample), up to this many pixels each.
    let sourceCap = 0;
    for (const v of plan.climateVars) {
      const r = plan.climateRasters[v];
      if (r && r.resample.every(Boolean) && (r.sourcePixels ?? Infinity) <= 1 << 18) sourceCap = Math.max(sourceCap, r.sourcePixels!);
    }
    this.wasm = WasmBlock.create(this.years, plan.climateVars, plan.zoneIds.length + 1, sumNames, plan.grid.width, sourceCap);
  }

  /** The sub-blocks' packed arrays, statistics and zonal sums in WebAssembly memory (null: in JavaScript arrays). */
  private readonly wasm: WasmBlock | null;

  /**
   * Every year's values of the climate variables `vars` on their own coarse grids, as
   * derivedSeries.readCoarseClimate reads them: the resampled sources' own values, which this
   * worker has read for its blocks already (the page then needs not read and decode them again).
   */
  async coarseClimate(vars: readonly ClimateVar[]): Promise<CoarseClimate> {
    const out: CoarseClimate = {};
    for (const v of vars) {
      const layer = this.plan.climateRasters[v];
      if (!layer) throw new Error(`no ${v} rasters in the plan`);
      out[v] = await Promise.all(
        layer.files.map(async (_, i) => {
          const src = await this.source(layer, i, v);
          if (!src.sourceValues) throw new Error(`${layer.names[i]} is not resampled`);
          return src.sourceValues();
        }),
      );
    }
    return out;
  }

  private source(layer: LayerPlan, i: number, key: string): Promise<RasterSource> {
    const k = `${key}:${i}`;
    let s = this.sources.get(k);
    if (!s) {
      // plan.read: files on the full-resolution grid read at a coarser level / window (large mode)
      const file = layer.files[i];
      let opened = this.files.get(k);
      if (!opened) {
        opened = openTiff(file, layer.names[i]);
        this.files.set(k, opened);
      }
      s = openRaster(file, layer.names[i], layer.resample[i] ? null : this.plan.read, opened).then((src) =>
        layer.resample[i] ? resampleSource(src, this.plan.grid) : src,
      );
      this.sources.set(k, s);
    }
    return s;
  }

  /**
   * Year i of the layer to out[i·n …], for the pixels of `runs` only (pairs [start, end) of
   * pixels inside the boundary): values outside them are left as they were and never read. With
   * `m` (the runs' pixel count), packed instead: year i of the runs' pixels, run after run, to
   * out[i·m …].
   */
  private async readLayer(layer: LayerPlan, key: string, y0: number, y1: number, out: Float64Array, n: number, runs: Int32Array, nRuns: number, hold = false, m = -1) {
    for (let i = 0; i < layer.files.length; i++) {
      const src = await this.source(layer, i, key);
      const rule = `${key}|${src.noData}|${src.dtype}`;
      let apply = this.appliers.get(rule);
      if (!apply) {
        apply = layerApplier(layer.spec, src.noData, src.dtype);
        this.appliers.set(rule, apply);
      }
      const k = `${key}:${i}:${y0}:${y1}`;
      const kept = this.held.get(k);
      if (kept) {
        // Kept by the quick pass (computeMeans) for these very rows and runs: no decoding again.
        this.held.delete(k);
        this.heldBytes -= kept.byteLength;
        if (m >= 0) apply(kept, out, i * m); // kept packed already
        else apply.runs(this.spread(kept, n, runs, nRuns), out, i * n, runs, nRuns);
        continue;
      }
      // A coarse climate grid: interpolated and scaled in the statistics module, into the packed series.
      if (m >= 0 && this.wasm && layer.resample[i] && src.separableRows && plainRule(layer.spec)) {
        const rows = await src.separableRows(y0, y1);
        const sp = layer.spec;
        const lo = sp.valid ? sp.valid[0] : -Infinity;
        const hi = sp.valid ? sp.valid[1] : Infinity;
        if (rows && this.wasm.resample(key as ClimateVar, i, m, rows, sp.scale ?? 1, sp.offset ?? 0, lo, hi)) continue;
      }
      // Only the tiles under the runs are decoded (a park's outline leaves many tiles out).
      const raw = await src.readRows(y0, y1, { runs, count: nRuns });
      if (raw.length < n) throw new DatasetError(layer.names[i], `could not read rows ${y0}–${y1 - 1}`);
      if (m >= 0) {
        // An integer band (MOD17's Int16) is packed by the statistics module, into its own memory.
        const rule = raw instanceof Int16Array ? apply.intRule : null;
        if (!(rule && this.wasm?.gatherInt16(raw as Int16Array, runs, nRuns, rule, out.subarray(i * m, (i + 1) * m)))) apply.gather(raw, out, i * m, runs, nRuns);
      } else apply.runs(raw, out, i * n, runs, nRuns);
      if (hold) this.hold(k, raw, runs, nRuns);
      recycleRows(raw); // done with it: the next read reuses it (resampled rows too)
    }
  }

  /**
   * The stored values of the runs a quick pass read (computeMeans), kept until the full pass
   * reads the same rows (then taken, so never decoded twice), up to HELD_BYTES a worker.
   */
  private readonly held = new Map<string, RasterArray>();
  private heldBytes = 0;
  private spreadBuf: RasterArray | null = null;

  private hold(k: string, raw: RasterArray, runs: Int32Array, nRuns: number) {
    let m = 0;
    for (let r = 0; r < nRuns; r++) m += runs[2 * r + 1] - runs[2 * r];
    const Ctor = raw.constructor as new (n: number) => RasterArray;
    const bytes = m * raw.BYTES_PER_ELEMENT;
    if (this.heldBytes + bytes > HELD_BYTES) return;
    const kept = new Ctor(m);
    gatherRuns(raw, 0, kept, 0, runs, nRuns);
    this.held.set(k, kept);
    this.heldBytes += bytes;
  }

  /** Kept run values put back at their places in an array of n (elsewhere: never read). */
  private spread(kept: RasterArray, n: number, runs: Int32Array, nRuns: number): RasterArray {
    let buf = this.spreadBuf;
    if (!buf || buf.constructor !== kept.constructor || buf.length < n) {
      buf = new (kept.constructor as new (n: number) => RasterArray)(n);
      this.spreadBuf = buf;
    }
    scatterRuns(kept, buf, runs, nRuns);
    return buf.length === n ? buf : buf.subarray(0, n);
  }

  /**
   * Computes rows y0..y1 (a chunk aligned to the files' tiles, so each tile is decoded once) in
   * sub-blocks of at most SUB_BLOCK_PIXELS pixels with reused float64 buffers; the sub-blocks are
   * fixed by the plan, so the numbers never depend on how chunks are spread over workers.
   */
  async compute(block: number, y0: number, y1: number, wants: ComputeWants): Promise<BlockResult> {
    // A first map at full resolution keeps what it reads for the full pass (computeMeans). One on
    // an overview level runs the full pass's code, mostly WebAssembly: computeMeans' JavaScript
    // loops ran cold in each worker (interpreted, then optimized) for a pass of a few thousand pixels.
    if (wants.meanOnly && !this.plan.read) return this.computeMeans(block, y0, y1);
    const plan = this.plan;
    const { width } = plan.grid;
    const Y = plan.years.length;
    const sums = createZonalSums(plan.zoneIds.length, Y, this.vars);
    const n = width * (y1 - y0);
    const rows = wants.rows
      ? { mean: new Float32Array(n), slope: new Float32Array(n), p: new Float32Array(n), cls: new Int8Array(n) }
      : null;
    const parts: PixelPart[] = [];
    const meanParts: MeanMap[] | null = wants.meanOnly ? [] : null;
    const subRows = Math.max(1, Math.floor(SUB_BLOCK_PIXELS / width));
    this.prefetch();
    const masks = await this.masks(y0, y1);
    this.wasm?.startSums(width * Math.min(subRows, y1 - y0));
    let included = 0;
    for (let s0 = y0; s0 < y1; s0 += subRows) {
      const s1 = Math.min(y1, s0 + subRows);
      const at = (s0 - y0) * width;
      const end = (s1 - y0) * width;
      included += await this.computeSub(s0, s1, masks.zone.subarray(at, end), masks.inside.subarray(at, end), wants, sums, rows, at, parts, meanParts);
    }
    this.wasm?.takeSums(sums);
    if (meanParts) {
      // A first map's pass: its means, no sums (as computeMeans gives).
      return { block, y0, y1, sums: createZonalSums(plan.zoneIds.length, Y, this.vars), rows: null, pixels: null, means: joinMeans(meanParts, included), total: n, included };
    }
    return {
      block, y0, y1, sums, rows,
      pixels: wants.pixels ? parts : null,
      means: null,
      total: n,
      included,
    };
  }

  /**
   * Starts opening every file of the chunk (of NPP/NEP and `vars`), so that the opening (reading
   * a Blob, headers, tile tables) overlaps instead of waiting file by file in the first
   * sub-block. Nothing is awaited here; a failure shows where the sub-block reads the file.
   */
  private prefetch(vars: readonly ClimateVar[] = this.plan.climateVars) {
    const plan = this.plan;
    const layers: [LayerPlan, string][] = [];
    for (const v of vars) {
      const r = plan.climateRasters[v];
      if (r) layers.push([r, v]);
    }
    if (plan.npp) layers.push([plan.npp, 'npp']);
    else if (plan.nep) layers.push([plan.nep, 'nep']);
    for (const [layer, key] of layers) {
      for (let i = 0; i < layer.files.length; i++) this.source(layer, i, key).catch(() => {});
    }
  }

  private get vars(): string[] {
    const plan = this.plan;
    const vars = ['nep'];
    if (plan.npp && plan.respiration) vars.unshift('npp', 'rh');
    return [...vars, ...plan.climateVars];
  }

  private runs: Int32Array | null = null;

  private runBuffer(n: number): Int32Array {
    if (!this.runs || this.runs.length < n + 2) this.runs = new Int32Array(n + 2);
    return this.runs;
  }

  private buffers(n: number): Buffers {
    if (this.buf && this.buf.n >= n) return this.buf;
    const plan = this.plan;
    const Y = plan.years.length;
    const a = this.arrays;
    const climate: Partial<Record<ClimateVar, Float64Array>> = {};
    for (const v of plan.climateVars) climate[v] = a.take(v, Float64Array, Y * n);
    this.buf = {
      n,
      nep: a.take('nep', Float64Array, Y * n),
      npp: plan.npp ? a.take('npp', Float64Array, Y * n) : null,
      rh: plan.npp && plan.respiration ? a.take('rh', Float64Array, Y * n) : null,
      climate,
      pos: a.take('pos', Int32Array, n),
      zonePacked: a.take('zonePacked', Int16Array, n),
      insidePacked: a.take('insidePacked', Uint8Array, n),
      area: a.take('area', Float64Array, n),
      included: a.take('included', Uint8Array, n),
      mean: a.take('mean', Float32Array, n),
      slope: a.take('slope', Float32Array, n),
      p: a.take('p', Float32Array, n),
      cls: a.take('cls', Int8Array, n),
      rho: Object.fromEntries(plan.climateVars.map((v) => [v, a.take(`rho:${v}`, Float32Array, n)])) as Partial<Record<ClimateVar, Float32Array>>,
    };
    return this.buf;
  }

  /**
   * One sub-block. Its pixels inside the boundary are packed first (pos[j]: pixel j's place in the
   * sub-block): every layer is read, and NEP, the statistics and the sums are worked out, on those
   * m pixels as one dense array, in their order in the rows (the same additions as over the
   * rows). A park's outline leaves most of its bounding box out (five sixths of the demo's rows).
   */
  /** The packed arrays for m pixels as views of this computer's own arrays (no WebAssembly). */
  private jsPacked(b: Buffers, m: number): WasmViews {
    const Y = this.plan.years.length;
    const view = (x: Float64Array) => x.subarray(0, Y * m);
    const climate: Partial<Record<ClimateVar, Float64Array>> = {};
    const rho: Partial<Record<ClimateVar, Float32Array>> = {};
    for (const v of this.plan.climateVars) {
      climate[v] = view(b.climate[v]!);
      rho[v] = b.rho[v]!.subarray(0, m);
    }
    return {
      nep: view(b.nep),
      npp: b.npp ? view(b.npp) : new Float64Array(0),
      rh: b.rh ? view(b.rh) : new Float64Array(0),
      climate,
      zone: b.zonePacked.subarray(0, m),
      area: b.area.subarray(0, m),
      included: b.included.subarray(0, m),
      mean: b.mean.subarray(0, m),
      slope: b.slope.subarray(0, m),
      p: b.p.subarray(0, m),
      cls: b.cls.subarray(0, m),
      rho,
    };
  }

  private async computeSub(
    y0: number, y1: number, zoneRows: Int16Array, insideRows: Uint8Array, wants: BlockWants, sums: ZonalSums,
    rows: BlockResult['rows'], rowsOffset: number, parts: PixelPart[], means: MeanMap[] | null = null,
  ): Promise<number> {
    const plan = this.plan;
    const { width } = plan.grid;
    const Y = plan.years.length;
    const n = width * (y1 - y0);
    const b = this.buffers(n);

    // Runs of pixels inside the boundary (one run without a boundary): layers are read there only.
    const runs = this.runBuffer(n);
    const nRuns = insideRuns(insideRows, n, runs);
    const pos = b.pos;
    const m = packedPlaces(runs, nRuns, pos);
    // The packed arrays: in the statistics module's memory (WasmBlock), else plain arrays.
    const a = this.wasm ? this.wasm.views(m, n) : this.jsPacked(b, m);
    this.wasm?.placePixels(pos, m);
    packZoneArea(pos, m, zoneRows, width, y0, this.rowAreas, a.zone, a.area);

    const nep = a.nep;
    const npp = plan.npp ? a.npp : null;
    let rh = plan.npp && plan.respiration ? a.rh : null;
    const climate = a.climate;

    for (const v of plan.climateVars) {
      const r = plan.climateRasters[v];
      if (r) await this.readLayer(r, v, y0, y1, climate[v]!, n, runs, nRuns, false, m);
      else fillFromTable(plan.climateTable![v]!, a.zone, Y, m, climate[v]!);
    }
    if (plan.npp && npp) {
      await this.readLayer(plan.npp, 'npp', y0, y1, npp, n, runs, nRuns, false, m);
      const t = climate.temperature;
      const p = climate.precipitation;
      if (rh && t && p) {
        if (!this.wasm?.rhNep(m, plan.respiration!)) computeRhNep(npp, t, p, plan.respiration!, rh, nep);
      } else {
        nep.set(npp); // no climate for Rh: the analysis runs on NPP itself
        rh = null;
      }
    } else {
      await this.readLayer(plan.nep!, 'nep', y0, y1, nep, n, runs, nRuns, false, m);
    }

    const out = {
      included: a.included,
      mean: a.mean,
      slope: a.slope,
      p: a.p,
      cls: a.cls,
      rho: {} as Partial<Record<ClimateVar, Float32Array>>,
    };
    if (wants.pixelRho) for (const v of plan.climateVars) out.rho[v] = a.rho[v]!;
    if (this.wasm && plan.method === 'ols') this.wasm.stats(m, wants.pixelRho ? plan.climateVars.length : 0);
    else {
      const inside = b.insidePacked.subarray(0, m).fill(1); // every packed pixel is inside
      pixelStatsFast({ years: this.years, n: m, nep, climate: wants.pixelRho ? climate : {}, inside, method: plan.method }, out, this.scratch);
    }

    const values: Record<string, Float64Array> = { nep };
    if (npp && rh) { values.npp = npp; values.rh = rh; }
    for (const v of plan.climateVars) values[v] = climate[v]!;
    if (this.wasm) this.wasm.sumPixels(m, (name) => name === 'nep' || !!values[name]);
    else accumulateBlock(sums, { n: m, area: a.area, zone: a.zone, included: out.included, values, nep, mean: out.mean, cls: out.cls });

    const included = countOnes(out.included);
    if (means) means.push(includedPacked(out.included, a.zone, out.mean, pos, m, included, y0 * width));
    if (rows) unpackRows(out, pos, m, rows, rowsOffset, n);
    if (wants.pixels) {
      const keep = (k: SeriesKey) => !wants.series || wants.series.includes(k);
      const sent: Partial<Record<ClimateVar, Float64Array>> = {};
      for (const v of plan.climateVars) if (keep(v)) sent[v] = climate[v]!;
      parts.push(compact(out, included, y0 * width, pos, m, Y, a.zone, nep, npp && rh && keep('npp') ? npp : null, rh && keep('rh') ? rh : null, sent));
    }
    return included;
  }

  /** See ComputeWants: the included pixels' mean NEP, in sub-blocks as compute() (same numbers). */
  private async computeMeans(block: number, y0: number, y1: number): Promise<BlockResult> {
    const plan = this.plan;
    const { width } = plan.grid;
    const Y = plan.years.length;
    const subRows = Math.max(1, Math.floor(SUB_BLOCK_PIXELS / width));
    const parts: MeanMap[] = [];
    let included = 0;
    this.prefetch(plan.climateVars.filter((v) => v === 'temperature' || v === 'precipitation'));
    // What this pass reads is kept for a full pass of this plan only: a first map on an overview
    // level (plan.read) is followed by the full-resolution plan, which has its own reads.
    const hold = !plan.read;
    const masks = await this.masks(y0, y1);
    for (let s0 = y0; s0 < y1; s0 += subRows) {
      const s1 = Math.min(y1, s0 + subRows);
      const n = width * (s1 - s0);
      const b = this.buffers(n);
      const nep = b.nep.subarray(0, Y * n);
      const zone = masks.zone.subarray((s0 - y0) * width, (s1 - y0) * width);
      const inside = masks.inside.subarray((s0 - y0) * width, (s1 - y0) * width);
      const runs = this.runBuffer(n);
      const nRuns = insideRuns(inside, n, runs);
      if (plan.npp) {
        const npp = b.npp!.subarray(0, Y * n);
        await this.readLayer(plan.npp, 'npp', s0, s1, npp, n, runs, nRuns, hold);
        const hasRh = !!(plan.respiration && b.rh && plan.climateVars.includes('temperature') && plan.climateVars.includes('precipitation'));
        if (hasRh) {
          const t = b.climate.temperature!.subarray(0, Y * n);
          const p = b.climate.precipitation!.subarray(0, Y * n);
          for (const [v, out] of [['temperature', t], ['precipitation', p]] as [ClimateVar, Float64Array][]) {
            const r = plan.climateRasters[v];
            if (r) await this.readLayer(r, v, s0, s1, out, n, runs, nRuns, hold);
            else fillFromTable(plan.climateTable![v]!, zone, Y, n, out);
          }
          computeRhNep(npp, t, p, plan.respiration!, b.rh!.subarray(0, Y * n), nep, inside, { runs, count: nRuns });
        } else nep.set(npp);
      } else {
        await this.readLayer(plan.nep!, 'nep', s0, s1, nep, n, runs, nRuns, hold);
      }
      const inc = b.included.subarray(0, n);
      const mean = b.mean.subarray(0, n);
      includedMeans(nep, inside, n, Y, inc, mean);
      const part = includedPart(inc, zone, mean, n, s0 * width);
      parts.push(part);
      included += part.index.length;
    }
    const means = joinMeans(parts, included);
    const sums = createZonalSums(plan.zoneIds.length, Y, this.vars);
    return { block, y0, y1, sums, rows: null, pixels: null, means, total: width * (y1 - y0), included };
  }

  /**
   * Rows y0 … y1−1 (a chunk): each pixel's zone (−1: none) and whether it is inside the boundary,
   * rasterized once for all the chunk's sub-blocks (a polygon's every edge is walked per call).
   */
  private async masks(y0: number, y1: number): Promise<{ zone: Int16Array; inside: Uint8Array }> {
    const plan = this.plan;
    const n = plan.grid.width * (y1 - y0);
    const zone = this.arrays.take('chunkZone', Int16Array, n).fill(-1);
    const inside = this.arrays.take('chunkInside', Uint8Array, n).fill(1);
    if (plan.zonePolygons) rasterizeZones(plan.zonePolygons, plan.grid, y0, y1, zone);
    else if (plan.zoneRaster) await this.readZoneRaster(y0, y1, zone);
    if (plan.boundary) rasterizeMask(plan.boundary, plan.grid, y0, y1, inside);
    return { zone, inside };
  }

  private async readZoneRaster(y0: number, y1: number, zone: Int16Array) {
    const zr = this.plan.zoneRaster!;
    const k = 'zones';
    let s = this.sources.get(k);
    if (!s) {
      s = openRaster(zr.file, zr.name, this.plan.read);
      this.sources.set(k, s);
    }
    const raw = await (await s).readRows(y0, y1);
    const byCode = new Map<number, number>();
    zr.codes.forEach((c, i) => byCode.set(c, i));
    for (let i = 0; i < zone.length; i++) zone[i] = byCode.get(Number(raw[i])) ?? -1;
  }

  close() {
    this.held.clear();
    this.heldBytes = 0;
    for (const s of this.sources.values()) s.then((x) => x.close()).catch(() => {});
    this.sources.clear();
    if (this.ownsFiles) closeOpenedFiles(this.files);
  }
}

// Small loops live in their own functions (not inline in the large async computeSub): V8 then
// optimizes them alone, rather than recompiling computeSub each time a loop in it gets hot.

/**
 * src[srcOff + k] for k in each run [a, e) of `runs` (the first nRuns pairs), one run after the
 * other, to dst from dstOff. Short runs (a park's rows are broken by lakes, glaciers and fill
 * codes) are copied in a plain loop: a subarray and a TypedArray#set per run cost more there.
 */
type NumArray = { [i: number]: number; length: number; set(a: ArrayLike<number>, o?: number): void; subarray(a: number, b: number): ArrayLike<number> };
function gatherRuns(src: NumArray, srcOff: number, dst: NumArray, dstOff: number, runs: Int32Array, nRuns: number): void {
  let j = dstOff;
  for (let r = 0; r < nRuns; r++) {
    const a = srcOff + runs[2 * r], e = srcOff + runs[2 * r + 1];
    if (e - a > 64) {
      dst.set(src.subarray(a, e), j);
      j += e - a;
    } else {
      for (let k = a; k < e; k++) dst[j++] = src[k];
    }
  }
}

/**
 * gatherRuns for the series (float64 to float32), the hottest copy: a run of more than a few
 * pixels is one TypedArray#set (converted by the engine's own code, which needs no warming up: as
 * a JavaScript loop, a worker's first blocks copied ~6× slower, before V8 had optimized it).
 */
function gatherSeriesRuns(src: Float64Array, srcOff: number, dst: Float32Array, dstOff: number, runs: Int32Array, nRuns: number): void {
  let j = dstOff;
  for (let r = 0; r < nRuns; r++) {
    const a = srcOff + runs[2 * r], e = srcOff + runs[2 * r + 1];
    if (e - a > 16) {
      dst.set(src.subarray(a, e), j);
      j += e - a;
    } else {
      for (let k = a; k < e; k++) dst[j++] = src[k];
    }
  }
}

/** gatherRuns undone: kept[j …] back to dst at each run's place. */
function scatterRuns(kept: NumArray, dst: NumArray, runs: Int32Array, nRuns: number): void {
  let j = 0;
  for (let r = 0; r < nRuns; r++) {
    const a = runs[2 * r], e = runs[2 * r + 1];
    if (e - a > 64) {
      dst.set(kept.subarray(j, j + e - a), a);
      j += e - a;
    } else {
      for (let k = a; k < e; k++) dst[k] = kept[j++];
    }
  }
}

/** Runs [start, end) of pixels with included[k] = 1, as pairs. */
function includedRuns(included: Uint8Array, n: number): Int32Array {
  let nr = 0;
  for (let k = 0; k < n; k++) if (included[k] && (k === 0 || !included[k - 1])) nr++;
  const runs = new Int32Array(2 * nr);
  for (let k = 0, r = 0; k < n; ) {
    if (!included[k]) { k++; continue; }
    let e = k + 1;
    while (e < n && included[e]) e++;
    runs[2 * r] = k;
    runs[2 * r + 1] = e;
    r++;
    k = e;
  }
  return runs;
}

/** The included packed pixels' grid index (base + pos[j]), zone and mean (a first map's part of a sub-block). */
function includedPacked(inc: Uint8Array, zone: Int16Array, mean: Float32Array, pos: Int32Array, m: number, count: number, base: number): MeanMap {
  const part = { index: new Uint32Array(count), zone: new Int16Array(count), mean: new Float32Array(count) };
  for (let j = 0, q = 0; j < m; j++) {
    if (inc[j]) {
      part.index[q] = base + pos[j];
      part.zone[q] = zone[j];
      part.mean[q++] = mean[j];
    }
  }
  return part;
}

/** The included pixels' grid index (base + k), zone and mean (computeMeans' part of a sub-block). */
function includedPart(inc: Uint8Array, zone: Int16Array, mean: Float32Array, n: number, base: number): { index: Uint32Array; zone: Int16Array; mean: Float32Array } {
  const count = countOnes(inc);
  const part = { index: new Uint32Array(count), zone: new Int16Array(count), mean: new Float32Array(count) };
  for (let k = 0, j = 0; k < n; k++) {
    if (inc[k]) {
      part.index[j] = base + k;
      part.zone[j] = zone[k];
      part.mean[j++] = mean[k];
    }
  }
  return part;
}

function countOnes(a: Uint8Array): number {
  let c = 0;
  for (let k = 0; k < a.length; k++) c += a[k];
  return c;
}

/**
 * Whether a resampled (float32) layer's rule is a plain one: value × scale + offset, NaN outside
 * its valid range, no nodata values of its own (layer.ts plainF32), as wasmBlock's resample applies.
 */
function plainRule(spec: LayerPlan['spec']): boolean {
  const nd = spec.nodata;
  return nd === undefined || (Array.isArray(nd) && nd.length === 0);
}

/** The places of the runs' pixels, run after run, to pos; returns how many. */
function packedPlaces(runs: Int32Array, nRuns: number, pos: Int32Array): number {
  let m = 0;
  for (let r = 0; r < nRuns; r++) for (let k = runs[2 * r], e = runs[2 * r + 1]; k < e; k++) pos[m++] = k;
  return m;
}

/** Each packed pixel's zone (from the rows' zones) and cell area (its row's). */
function packZoneArea(pos: Int32Array, m: number, zoneRows: Int16Array, width: number, y0: number, rowAreas: Float64Array, zone: Int16Array, area: Float64Array): void {
  for (let j = 0; j < m; j++) {
    const k = pos[j];
    zone[j] = zoneRows[k];
    area[j] = rowAreas[y0 + Math.floor(k / width)];
  }
}

/** The packed pixels' statistics put at their places in full rows (n pixels from `at`), nodata elsewhere. */
function unpackRows(
  out: { mean: Float32Array; slope: Float32Array; p: Float32Array; cls: Int8Array },
  pos: Int32Array, m: number,
  rows: NonNullable<BlockResult['rows']>, at: number, n: number,
): void {
  rows.mean.fill(NaN, at, at + n);
  rows.slope.fill(NaN, at, at + n);
  rows.p.fill(NaN, at, at + n);
  rows.cls.fill(TREND_CLASS_NODATA, at, at + n);
  for (let j = 0; j < m; j++) {
    const k = at + pos[j];
    rows.mean[k] = out.mean[j];
    rows.slope[k] = out.slope[j];
    rows.p[k] = out.p[j];
    rows.cls[k] = out.cls[j];
  }
}

function fillFromTable(t: { region: Float64Array; zones: (Float64Array | null)[] }, zone: Int16Array, Y: number, n: number, out: Float64Array) {
  for (let i = 0; i < Y; i++) {
    const o = i * n;
    const rv = t.region[i];
    for (let k = 0; k < n; k++) {
      const z = zone[k];
      const zs = z >= 0 ? t.zones[z] : null;
      out[o + k] = zs && Number.isFinite(zs[i]) ? zs[i] : rv;
    }
  }
}

function compact(
  out: { included: Uint8Array; mean: Float32Array; slope: Float32Array; p: Float32Array; cls: Int8Array; rho: Partial<Record<ClimateVar, Float32Array>> },
  count: number,
  base: number,
  pos: Int32Array,
  n: number,
  Y: number,
  zone: Int16Array,
  nep: Float64Array,
  npp: Float64Array | null,
  rh: Float64Array | null,
  climate: Partial<Record<ClimateVar, Float64Array>>,
): PixelPart {
  const idx = new Uint32Array(count);
  // Included pixels come in runs along the rows (gatherRuns copies them run by run).
  const runs = includedRuns(out.included, n);
  const nr = runs.length / 2;
  for (let r = 0, j = 0; r < nr; r++) for (let k = runs[2 * r], e = runs[2 * r + 1]; k < e; k++) idx[j++] = base + pos[k];
  const pick = <T extends Float32Array | Int8Array | Int16Array>(a: T, make: (m: number) => T): T => {
    const r = make(count);
    gatherRuns(a, 0, r, 0, runs, nr);
    return r;
  };
  const series = (a: Float64Array) => {
    const r = new Float32Array(Y * count);
    for (let i = 0; i < Y; i++) gatherSeriesRuns(a, i * n, r, i * count, runs, nr);
    return r;
  };
  const f32 = (m: number) => new Float32Array(m);
  const rho: Partial<Record<ClimateVar, Float32Array>> = {};
  for (const [v, a] of Object.entries(out.rho) as [ClimateVar, Float32Array][]) rho[v] = pick(a, f32);
  const clim: Partial<Record<ClimateVar, Float32Array>> = {};
  for (const [v, a] of Object.entries(climate) as [ClimateVar, Float64Array][]) clim[v] = series(a);
  return {
    index: idx,
    zone: pick(zone, (m) => new Int16Array(m)),
    mean: pick(out.mean, f32),
    slope: pick(out.slope, f32),
    p: pick(out.p, f32),
    cls: pick(out.cls, (m) => new Int8Array(m)),
    rho,
    nep: series(nep),
    npp: npp ? series(npp) : null,
    rh: rh ? series(rh) : null,
    climate: clim,
  };
}
