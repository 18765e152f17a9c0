/**
 * A worker's sub-block in the statistics module's memory (wasm/stats.c), for BlockComputer: the
 * packed pixels' series (NPP, Rh, NEP, each climate variable: year-major, year i of pixel j at
 * [i·m + j]), their zones and cell areas, and the statistics' outputs, laid out once for up to
 * `cap` pixels. The engine writes the series into these views as it reads the files; the module
 * then computes the per-pixel statistics (stats_ols) and adds the sub-block to the zonal sums
 * (zonal_*) where they lie: no copy in and out of its memory, and none of the zonal loops left to
 * V8 to optimize again in every worker (~0.2 s of CPU a load of the demo, measured in Chromium).
 *
 * The same numbers as pixelStats and core/zonal.ts's accumulateBlock, bit for bit (tested in
 * wasmBlock.test.ts). Only BlockComputer uses the module's memory beyond its scratch: with
 * pixelStatsFast (which lays out a chunk of its own there) the two must not be interleaved.
 * Views are made again whenever the memory has grown (a grow detaches them).
 */
import type { ClimateVar } from '../core/summary';
import type { PixelStatsOutput } from '../core/block';
import type { Pei2010Params } from '../core/respiration';
import type { SeparableRows } from '../io/raster';
import { mergeZonalSums, type ZonalSums } from '../core/zonal';
import { studentTLnBeta } from '../core/tdist';
import { TREND_CLASS_NODATA } from '../core/trendClass';
import { statsModule, type StatsExports } from './wasmStats';

const align8 = (x: number) => (x + 7) & ~7;

/** The packed sub-block's arrays for m pixels (views of exactly Y·m or m values): its series, zones, areas and statistics. */
export interface WasmViews extends PixelStatsOutput {
  nep: Float64Array;
  npp: Float64Array;
  rh: Float64Array;
  climate: Partial<Record<ClimateVar, Float64Array>>;
  zone: Int16Array;
  area: Float64Array;
}

interface Layout {
  cap: number;
  years: number;
  pa: number;
  pb: number;
  start: number;
  end: number;
  slot: number;
  rarea: number;
  sums: number;
  nep: number;
  npp: number;
  rh: number;
  clim: number;
  zone: number;
  area: number;
  included: number;
  cls: number;
  mean: number;
  slope: number;
  p: number;
  rho: number;
  prow: number;
  pcol: number;
  sys: number;
  sx: number;
  under: number;
  ix: number;
  fx: number;
  vslot: number;
  raw: number;
  runs: number;
  nd: number;
  end_: number;
}

/** An integer band's layer rule (io/layer.ts): value × scale + offset, NaN outside [lo, hi] (stored units) or at a nodata value. */
export interface IntRule {
  scale: number;
  offset: number;
  lo: number;
  hi: number;
  /** The nodata values as the band compares them (layer.ts effectiveNoData). */
  nodata: Float64Array;
}

/** Nodata values a rule may have for gatherInt16. */
const MAX_NODATA = 8;

export class WasmBlock {
  private layout: Layout | null = null;
  private readonly base: number;
  private readonly lnB: number;

  private constructor(
    private readonly w: StatsExports,
    private readonly Y: number,
    private readonly vars: readonly ClimateVar[],
    private readonly years: Float64Array,
    /** Regions (all + zones) and zonal variables the sums are kept for. */
    private readonly R: number,
    private readonly sumNames: readonly string[],
    /** The grid's width, and the most pixels of a coarse source resampled here (0: none). */
    private readonly width: number,
    private readonly sourceCap: number,
  ) {
    this.base = align8(w.__heap_base.value as number);
    this.lnB = studentTLnBeta(Y - 2);
  }

  /** A block in this thread's module for Y years, `vars` (in the order their rho is wanted) and R regions; null without WebAssembly. */
  static create(years: Float64Array, vars: readonly ClimateVar[], R: number, sumNames: readonly string[], width = 0, sourceCap = 0): WasmBlock | null {
    const w = statsModule();
    if (!w || years.length < 3) return null;
    return new WasmBlock(w, years.length, vars, years, R, sumNames, width, sourceCap);
  }

  /** The column tables copied in last (resample), by their sx array. */
  private tablesOf: Float64Array | null = null;

  /** The m packed pixels' rows (from the sub-block's first) and columns, for resample: once a sub-block. */
  placePixels(pos: Int32Array, m: number): void {
    const L = this.layout!;
    const buf = this.w.memory.buffer;
    const row = new Int32Array(buf, L.prow, m);
    const col = new Int32Array(buf, L.pcol, m);
    const W = this.width;
    for (let j = 0; j < m; j++) {
      const k = pos[j];
      const r = Math.floor(k / W);
      row[j] = r;
      col[j] = k - r * W;
    }
  }

  /**
   * Year `year` of climate variable v for the m packed pixels (placePixels), as readRows of the
   * resampled source then a float32 band's layer rule (value × scale + offset, NaN outside
   * [lo, hi]) give it, into the variable's packed series. false (nothing written) when it does not
   * fit this block (a larger source, another width, more rows): the caller does it in JavaScript.
   */
  resample(v: ClimateVar, year: number, m: number, rows: SeparableRows, scale: number, offset: number, lo: number, hi: number): boolean {
    const L = this.layout;
    const j = this.vars.indexOf(v);
    const { SW, SH, values, sys } = rows;
    if (!L || j < 0 || SW * SH > this.sourceCap || rows.sx.length !== this.width || sys.length > L.cap) return false;
    const w = this.w;
    const buf = w.memory.buffer;
    if (this.tablesOf !== rows.sx) {
      new Float64Array(buf, L.sx, this.width).set(rows.sx);
      new Int32Array(buf, L.under, this.width).set(rows.under);
      new Int32Array(buf, L.ix, this.width).set(rows.ix);
      new Float64Array(buf, L.fx, this.width).set(rows.fx);
      this.tablesOf = rows.sx;
    }
    new Float64Array(buf, L.sys, sys.length).set(sys);
    // The source rows these target rows read (the one under each centre, and the bilinear pair).
    let r0 = Infinity;
    let r1 = -Infinity;
    for (const sy of sys) {
      if (sy !== sy) continue;
      const a = Math.min(Math.floor(sy - 1e-10), Math.floor(sy - 0.5));
      const b = Math.max(Math.floor(sy - 1e-10), Math.floor(sy - 0.5) + 1);
      if (a < r0) r0 = a;
      if (b > r1) r1 = b;
    }
    if (r0 <= r1) {
      r0 = Math.max(0, r0);
      r1 = Math.min(SH - 1, r1);
      if (r0 <= r1) new Float64Array(buf, L.vslot, SW * SH).set(values.subarray(r0 * SW, (r1 + 1) * SW), r0 * SW);
    }
    const out = L.clim + j * this.Y * L.cap * 8 + year * m * 8;
    w.resample_packed(L.vslot, SW * SH, SW, 0, SH, L.sx, L.under, L.ix, L.fx, L.sys, L.prow, L.pcol, m, scale, offset, lo, hi, out);
    return true;
  }

  /**
   * core/block computeRhNep of the m pixels in the views (their NPP, temperature and
   * precipitation) into their Rh and NEP, bit for bit; false (nothing written) when this block
   * has no temperature or precipitation.
   */
  rhNep(m: number, params: Pei2010Params): boolean {
    const L = this.layout;
    const ti = this.vars.indexOf('temperature');
    const pi = this.vars.indexOf('precipitation');
    if (!L || ti < 0 || pi < 0) return false;
    const clim = (j: number) => L.clim + j * this.Y * L.cap * 8;
    this.w.rh_nep(L.npp, clim(ti), clim(pi), this.Y * m, params.a * params.k, params.b, params.c, L.rh, L.nep);
    return true;
  }

  /**
   * A 16-bit integer band's rows `raw` (the sub-block's, n ≤ cap values) through an integer rule
   * (value × scale + offset, NaN outside [lo, hi] or at a nodata value), the runs' values packed
   * into `out` (a view of this module's memory, as views() gives), as layerApplier's gather does;
   * false (nothing written) when it does not fit (more values or nodata values than laid out).
   */
  gatherInt16(raw: Int16Array, runs: Int32Array, nRuns: number, rule: IntRule, out: Float64Array): boolean {
    const L = this.layout;
    if (!L || raw.length > L.cap || 2 * nRuns > L.cap + 2 || rule.nodata.length > MAX_NODATA || out.buffer !== this.w.memory.buffer) return false;
    const buf = this.w.memory.buffer;
    new Int16Array(buf, L.raw, raw.length).set(raw);
    new Int32Array(buf, L.runs, 2 * nRuns).set(runs.subarray(0, 2 * nRuns));
    new Float64Array(buf, L.nd, rule.nodata.length).set(rule.nodata);
    this.w.gather_i16(L.raw, L.runs, nRuns, rule.scale, rule.offset, rule.lo, rule.hi, L.nd, rule.nodata.length, out.byteOffset);
    return true;
  }

  /** Views of the arrays for m ≤ cap pixels, the memory laid out (and grown) for `cap` first when needed. */
  views(m: number, cap: number): WasmViews {
    const L = this.ensure(Math.max(cap, m));
    const buf = this.w.memory.buffer;
    const Y = this.Y;
    const f64 = (at: number, n: number) => new Float64Array(buf, at, n);
    const climate: WasmViews['climate'] = {};
    const rho: WasmViews['rho'] = {};
    this.vars.forEach((v, j) => {
      climate[v] = f64(L.clim + j * Y * L.cap * 8, Y * m);
      rho[v] = new Float32Array(buf, L.rho + j * m * 4, m); // stats_ols writes rho j at [j·m + t]
    });
    return {
      nep: f64(L.nep, Y * m),
      npp: f64(L.npp, Y * m),
      rh: f64(L.rh, Y * m),
      climate,
      zone: new Int16Array(buf, L.zone, m),
      area: f64(L.area, m),
      included: new Uint8Array(buf, L.included, m),
      mean: new Float32Array(buf, L.mean, m),
      slope: new Float32Array(buf, L.slope, m),
      p: new Float32Array(buf, L.p, m),
      cls: new Int8Array(buf, L.cls, m),
      rho,
    };
  }

  /**
   * pixelStats (OLS) of the m pixels in the views: mean, slope, p, class, included, and rho with
   * the first `nv` climate variables (0: none).
   */
  stats(m: number, nv: number): void {
    const L = this.layout!;
    const w = this.w;
    // Set up for these years every time (pixelStatsFast may have used the scratch for others).
    w.stats_init(this.base, this.Y);
    const buf = w.memory.buffer;
    new Float64Array(buf, L.years, this.Y).set(this.years);
    // What pixelStats gives a pixel it does not include (stats_ols writes included pixels only).
    new Float32Array(buf, L.mean, m).fill(NaN);
    new Float32Array(buf, L.slope, m).fill(NaN);
    new Float32Array(buf, L.p, m).fill(NaN);
    new Int8Array(buf, L.cls, m).fill(TREND_CLASS_NODATA);
    new Float32Array(buf, L.rho, nv * m).fill(NaN);
    w.stats_ols(this.base, L.years, this.Y, L.nep, m, L.clim, nv, this.lnB, L.included, L.mean, L.slope, L.p, L.cls, L.rho, this.Y * L.cap);
  }

  /**
   * Zeroes the zonal sums a block is added into (its sub-blocks' sumPixels, until takeSums), the
   * memory laid out for sub-blocks of up to `cap` pixels (so no sub-block moves the sums).
   */
  startSums(cap: number): void {
    const L = this.ensure(cap);
    new Float64Array(this.w.memory.buffer, L.sums, sumsDoubles(this.R, this.Y, this.sumNames.length)).fill(0);
  }

  /**
   * accumulateBlock of the m pixels in the views: `values` names, in the sums' order, the series
   * of each zonal variable (nep, npp, rh or a climate variable); those it lacks are skipped.
   */
  sumPixels(m: number, has: (name: string) => boolean): void {
    const L = this.layout!;
    const w = this.w;
    const R = this.R;
    const Y = this.Y;
    const q = w.zonal_runs(L.included, L.zone, L.area, m, R, L.start, L.end, L.slot, L.rarea);
    if (q === 0) return;
    const s = sumsPlaces(L.sums, R, Y, this.sumNames);
    w.zonal_pixels(q, L.start, L.end, L.slot, L.rarea, L.mean, L.cls, s.area, s.pixels, s.meanSink, s.meanSource, s.cls);
    w.zonal_signs(q, L.start, L.end, L.slot, L.rarea, L.nep, m, Y, R, s.sink, s.source, L.pa, L.pb);
    this.sumNames.forEach((name, j) => {
      if (!has(name)) return;
      w.zonal_weighted(q, L.start, L.end, L.slot, L.rarea, this.seriesAt(name), m, Y, R, s.weight[j], s.weighted[j], L.pa, L.pb);
    });
  }

  /** The block's sums (startSums … sumPixels) added into `into` (core/zonal.ts mergeZonalSums). */
  takeSums(into: ZonalSums): void {
    const buf = this.w.memory.buffer;
    const R = this.R;
    const Y = this.Y;
    const s = sumsPlaces(this.layout!.sums, R, Y, this.sumNames);
    const at = (o: number, n: number) => new Float64Array(buf, o, n);
    const weight: ZonalSums['weight'] = {};
    const weighted: ZonalSums['weighted'] = {};
    this.sumNames.forEach((name, j) => {
      if (!into.weight[name]) return; // as before: only the variables `into` sums
      weight[name] = at(s.weight[j], R * Y);
      weighted[name] = at(s.weighted[j], R * Y);
    });
    mergeZonalSums(into, {
      area: at(s.area, R), pixels: at(s.pixels, R), meanSink: at(s.meanSink, R), meanSource: at(s.meanSource, R),
      cls: at(s.cls, 7 * R), sink: at(s.sink, R * Y), source: at(s.source, R * Y), weight, weighted,
    });
  }

  private seriesAt(name: string): number {
    const L = this.layout!;
    if (name === 'nep') return L.nep;
    if (name === 'npp') return L.npp;
    if (name === 'rh') return L.rh;
    const j = this.vars.indexOf(name as ClimateVar);
    if (j < 0) throw new Error(`no series ${name} in the block`);
    return L.clim + j * this.Y * L.cap * 8;
  }

  private ensure(cap: number): Layout {
    if (this.layout && this.layout.cap >= cap) return this.layout;
    const Y = this.Y;
    const nv = this.vars.length;
    const R = this.R;
    // After the module's scratch (as pixelStatsFast lays it out): the years, then this block's arrays.
    let at = this.base + align8(12 * Y * 8 + 5 * Y * 4 + 4);
    const take = (bytes: number) => {
      const here = at;
      at = align8(at + bytes);
      return here;
    };
    const years = take(Y * 8);
    const pa = take(R * 8);
    const pb = take(R * 8);
    const start = take(cap * 4);
    const end = take(cap * 4);
    const slot = take(cap * 4);
    const rarea = take(cap * 8);
    const sums = take(sumsDoubles(R, Y, this.sumNames.length) * 8);
    const nep = take(Y * cap * 8);
    const npp = take(Y * cap * 8);
    const rh = take(Y * cap * 8);
    const clim = take(nv * Y * cap * 8);
    const zone = take(cap * 2);
    const area = take(cap * 8);
    const included = take(cap);
    const cls = take(cap);
    const mean = take(cap * 4);
    const slope = take(cap * 4);
    const p = take(cap * 4);
    const rho = take(nv * cap * 4);
    const prow = take(cap * 4);
    const pcol = take(cap * 4);
    const sys = take(cap * 8);
    const W = this.width;
    const sx = take(W * 8);
    const under = take(W * 4);
    const ix = take(W * 4);
    const fx = take(W * 8);
    const vslot = take(this.sourceCap * 8);
    const raw = take(cap * 2);
    const runs = take((cap + 2) * 4);
    const nd = take(MAX_NODATA * 8);
    this.tablesOf = null; // the tables' place may have moved
    const have = this.w.memory.buffer.byteLength;
    if (at > have) this.w.memory.grow(Math.ceil((at - have) / 65536));
    this.layout = { cap, years, pa, pb, start, end, slot, rarea, sums, nep, npp, rh, clim, zone, area, included, cls, mean, slope, p, rho, prow, pcol, sys, sx, under, ix, fx, vslot, raw, runs, nd, end_: at };
    return this.layout;
  }
}

function sumsDoubles(R: number, Y: number, nNames: number): number {
  return R * 4 + R * 7 + 2 * R * Y + 2 * nNames * R * Y;
}

/** Byte offsets of the sums' arrays from `at`: area, pixels, meanSink, meanSource (R), cls (7R), sink, source (RY), and weight, weighted (RY) per name. */
function sumsPlaces(at: number, R: number, Y: number, names: readonly string[]) {
  let o = at;
  const next = (doubles: number) => {
    const here = o;
    o += doubles * 8;
    return here;
  };
  const area = next(R), pixels = next(R), meanSink = next(R), meanSource = next(R), cls = next(7 * R);
  const sink = next(R * Y), source = next(R * Y);
  const weight: number[] = [];
  const weighted: number[] = [];
  for (let j = 0; j < names.length; j++) {
    weight.push(next(R * Y));
    weighted.push(next(R * Y));
  }
  return { area, pixels, meanSink, meanSource, cls, sink, source, weight, weighted };
}
