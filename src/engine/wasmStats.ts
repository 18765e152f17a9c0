/**
 * pixelStats (core/block.ts) for the OLS method through WebAssembly (wasm/stats.c: the same
 * arithmetic, the same numbers bit for bit; tested in wasmStats.test.ts). Why: the per-pixel
 * statistics are the engine's hottest code, and V8 compiles JavaScript again in every worker, at
 * up to ~0.15 s of CPU per compilation of statsOfPixel on a small machine, running it slowly
 * until then. A WebAssembly module (8 KB) compiles in a millisecond, once per process, and runs
 * at full speed from its first pixel. The module also holds the zonal sums (zonal_*), which the
 * engine's BlockComputer calls through wasmBlock.ts on arrays that live in the module's memory.
 *
 * The module's memory holds, from __heap_base: its scratch (kept between calls: the orders the
 * last series were sorted in), the years, a chunk of the inside pixels' NEP and climate series
 * (gathered here, year-major), and its outputs, which are put back at the pixels' places here.
 *
 * pixelStatsFast falls back to pixelStats for Sen–Mann–Kendall, fewer than 3 years, or where
 * WebAssembly is not available. BlockComputer uses it only for those (wasmBlock.ts otherwise).
 */
import { insidePixels, insideRuns, pixelStats, startPixelStats, type FloatArray, type PixelScratch, type PixelStatsInput, type PixelStatsOutput } from '../core/block';
import { studentTLnBeta } from '../core/tdist';
import { STATS_WASM_BASE64 } from './wasm/statsWasm';

interface Exports {
  memory: WebAssembly.Memory;
  __heap_base: WebAssembly.Global;
  stats_init(scratch: number, Y: number): void;
  stats_new_block(scratch: number, Y: number): void;
  stats_ols(
    scratch: number, years: number, Y: number, nep: number, m: number, clim: number, nv: number, lnB: number,
    included: number, mean: number, slope: number, p: number, cls: number, rho: number, climStride: number,
  ): void;
  zonal_runs(included: number, zone: number, area: number, m: number, R: number, start: number, end: number, slot: number, rarea: number): number;
  zonal_pixels(q: number, start: number, end: number, slot: number, rarea: number, mean: number, cls: number, area: number, pixels: number, meanSink: number, meanSource: number, cls7: number): void;
  zonal_signs(q: number, start: number, end: number, slot: number, rarea: number, nep: number, m: number, Y: number, R: number, sink: number, source: number, pa: number, pb: number): void;
  zonal_weighted(q: number, start: number, end: number, slot: number, rarea: number, vals: number, m: number, Y: number, R: number, w: number, wv: number, pa: number, pb: number): void;
  resample_packed(
    v: number, vlen: number, SW: number, a0: number, a1: number, sx: number, under: number, ix: number, fx: number,
    sys: number, prow: number, pcol: number, m: number, scale: number, offset: number, lo: number, hi: number, out: number,
  ): void;
  rh_nep(npp: number, t: number, r: number, n: number, ak: number, b: number, c: number, rhOut: number, nepOut: number): void;
  gather_i16(raw: number, runs: number, nRuns: number, scale: number, offset: number, lo: number, hi: number, nd: number, k: number, out: number): void;
}

export type { Exports as StatsExports };

let exports: Exports | null | undefined;
/** The years the scratch was set up for (−1: not yet). */
let scratchYears = -1;
let runs = new Int32Array(0);

/** The module's exports in this thread (made once), or null without WebAssembly. */
export function statsModule(): Exports | null {
  return load();
}

function load(): Exports | null {
  if (exports !== undefined) return exports;
  try {
    const bin = atob(STATS_WASM_BASE64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const env = { log: Math.log, log1p: Math.log1p, exp: Math.exp };
    exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env }).exports as unknown as Exports;
  } catch {
    exports = null; // no WebAssembly here (or a policy against it): pixelStats does the work
  }
  return exports;
}

/** Whether the WebAssembly statistics work here. */
export function hasWasmStats(): boolean {
  return load() !== null;
}

const align8 = (x: number) => (x + 7) & ~7;

/**
 * As pixelStats, with the same outputs bit for bit: through WebAssembly for the OLS method (and
 * ≥ 3 years), else pixelStats itself.
 */
export function pixelStatsFast(input: PixelStatsInput, out: PixelStatsOutput, scratch: PixelScratch): void {
  const Y = input.years.length;
  const w = input.method === 'ols' && Y >= 3 ? load() : null;
  if (!w) return pixelStats(input, out, scratch);
  const { years, n, nep, inside } = input;

  const { rhoVars, rhoOut } = startPixelStats(input, out);
  const nv = rhoVars.length;
  if (scratch.pixels.length < n) scratch.pixels = new Int32Array(n);
  const pixels = scratch.pixels;
  const m = insidePixels(inside, n, pixels);
  if (m === 0) return;
  if (runs.length < n + 2) runs = new Int32Array(n + 2);
  const nRuns = insideRuns(inside, n, runs);

  // The memory's layout (byte offsets), for a chunk of at most CHUNK pixels.
  const C = Math.min(m, CHUNK);
  const base = align8(w.__heap_base.value as number);
  const scratchBytes = align8(12 * Y * 8 + 5 * Y * 4 + 4);
  const yearsAt = base + scratchBytes;
  const nepAt = yearsAt + align8(Y * 8);
  const climAt = nepAt + Y * C * 8;
  const includedAt = climAt + nv * Y * C * 8;
  const clsAt = align8(includedAt + C);
  const meanAt = align8(clsAt + C);
  const slopeAt = meanAt + align8(C * 4);
  const pAt = slopeAt + align8(C * 4);
  const rhoAt = pAt + align8(C * 4);
  const end = rhoAt + nv * C * 4;
  const have = w.memory.buffer.byteLength;
  if (end > have) w.memory.grow(Math.ceil((end - have) / 65536));
  const buf = w.memory.buffer;

  if (scratchYears !== Y) {
    w.stats_init(base, Y);
    scratchYears = Y;
  } else w.stats_new_block(base, Y);
  new Float64Array(buf, yearsAt, Y).set(years);
  const lnB = studentTLnBeta(Y - 2);

  // Chunk by chunk of the inside pixels (runs cut where a chunk is full), in order.
  let r = 0;
  let a = runs[0];
  for (let t0 = 0; t0 < m; ) {
    let mc = 0;
    let nc = 0;
    while (r < nRuns && mc < CHUNK) {
      const e = runs[2 * r + 1];
      const take = Math.min(e - a, CHUNK - mc);
      chunkRuns[2 * nc] = a;
      chunkRuns[2 * nc + 1] = a + take;
      nc++;
      mc += take;
      a += take;
      if (a >= e && ++r < nRuns) a = runs[2 * r];
    }
    gatherYearMajor(nep, n, Y, chunkRuns, nc, mc, new Float64Array(buf, nepAt, Y * mc));
    for (let j = 0; j < nv; j++) gatherYearMajor(rhoVars[j], n, Y, chunkRuns, nc, mc, new Float64Array(buf, climAt + j * Y * mc * 8, Y * mc));
    w.stats_ols(base, yearsAt, Y, nepAt, mc, climAt, nv, lnB, includedAt, meanAt, slopeAt, pAt, clsAt, rhoAt, Y * mc);
    const inc = new Uint8Array(buf, includedAt, mc);
    scatterIncluded(pixels, t0, mc, inc, new Int8Array(buf, clsAt, mc), new Float32Array(buf, meanAt, mc), new Float32Array(buf, slopeAt, mc), new Float32Array(buf, pAt, mc), out);
    const rho = new Float32Array(buf, rhoAt, nv * mc);
    for (let j = 0; j < nv; j++) scatterRho(pixels, t0, mc, inc, rho, j * mc, rhoOut[j]);
    t0 += mc;
  }
}

/** Pixels per call of the module: its memory holds one chunk's series (~7 MB with four climate variables). */
const CHUNK = 8192;
const chunkRuns = new Int32Array(2 * CHUNK);

/**
 * dst[i·m + t] = src[i·n + pixels[t]]: the series of the m inside pixels, year-major, copied run by
 * run (the runs of inside pixels, in order: they hold the m pixels), one TypedArray#set each.
 */
function gatherYearMajor(src: FloatArray, n: number, Y: number, runs: Int32Array, nRuns: number, m: number, dst: Float64Array): void {
  for (let i = 0; i < Y; i++) {
    const o = i * n;
    let d = i * m;
    for (let r = 0; r < nRuns; r++) {
      const a = o + runs[2 * r], e = o + runs[2 * r + 1];
      dst.set(src.subarray(a, e), d);
      d += e - a;
    }
  }
}

/** The chunk's outputs (pixels t0 … t0 + m − 1 of the inside pixels) to their places in `out`. */
function scatterIncluded(pixels: Int32Array, t0: number, m: number, inc: Uint8Array, cls: Int8Array, mean: Float32Array, slope: Float32Array, p: Float32Array, out: PixelStatsOutput): void {
  for (let t = 0; t < m; t++) {
    if (inc[t] !== 1) continue;
    const k = pixels[t0 + t];
    out.included[k] = 1;
    out.mean[k] = mean[t];
    out.slope[k] = slope[t];
    out.p[k] = p[t];
    out.cls[k] = cls[t];
  }
}

function scatterRho(pixels: Int32Array, t0: number, m: number, inc: Uint8Array, rho: Float32Array, o: number, out: Float32Array): void {
  for (let t = 0; t < m; t++) if (inc[t] === 1) out[pixels[t0 + t]] = rho[o + t];
}
