/**
 * Per-pixel kernels over a block of pixels, for the engine.
 *
 * Layout: a block holds n pixels and Y years; every per-year array is year-major, so
 * year i of pixel k is at [i * n + k]. The kernels allocate nothing per pixel: all working
 * memory is in a PixelScratch made once per block size (createPixelScratch(Y)).
 * Inputs may be Float32Array or Float64Array (one kind per call keeps the loops monomorphic).
 */
import type { Pei2010Params } from './respiration';
import { CLIMATE_VARS, type ClimateVar, type TrendMethod } from './summary';
import { createOlsResult, olsInto, type OlsResult } from './ols';
import { theilSenScratch, theilSenSlopeInto } from './theilSen';
import { createMannKendallResult, mannKendallInto, type MannKendallResult } from './mannKendall';
import { identityOrder, rankFromOrderInto } from './ranks';
import { rankCorrelationInto } from './spearman';
import { TREND_CLASS_NODATA, trendClass } from './trendClass';
import { studentTLnBeta } from './tdist';


/** Block arrays: float64 keeps NEP and its means as exact as numpy's; float32 where memory matters more. */
export type FloatArray = Float32Array | Float64Array;
/**
 * Rh (Pei et al. 2010) and NEP = NPP − Rh for every pixel-year of a block (all arrays the
 * same length). Rh is NaN where T or R is NaN or c·R + 1 ≤ 0; NEP is NaN where NPP or Rh is.
 * rhOut and nepOut may not alias the inputs.
 *
 * `inside` (optional, length n, the block's pixel count; arrays then year-major Y·n): pixels
 * with inside[k] ≠ 1 are skipped and get NaN Rh and NEP, which saves the exp/log outside the
 * boundary (such pixels are never included anyway). `runs`: the runs [start, end) of inside
 * pixels as pairs, when the caller has them (else they are found from `inside`).
 */
export function computeRhNep(
  npp: FloatArray,
  t: FloatArray,
  r: FloatArray,
  params: Pei2010Params,
  rhOut: FloatArray,
  nepOut: FloatArray,
  inside?: Uint8Array,
  runs?: { runs: Int32Array; count: number },
): void {
  const len = npp.length;
  // Climate from a table (or a coarse grid) repeats between neighbouring pixels: then reuse the
  // last exp/log. Decided from a sample, as the check slows the loop down on smooth fields.
  let repeats = 0;
  const sample = Math.min(len, 256);
  for (let i = 1; i < sample; i++) repeats += (t[i] === t[i - 1] && r[i] === r[i - 1]) as unknown as number;
  const cached = repeats * 2 > sample;
  const n = inside ? inside.length : 0;
  if (!inside || n === 0) {
    if (cached) rhNepCached(npp, t, r, params, rhOut, nepOut, 0, len);
    else rhNepPlain(npp, t, r, params, rhOut, nepOut, 0, len);
    return;
  }
  const Y = Math.floor(len / n);
  // The runs of inside pixels (the caller's, or found here once for all years).
  let rs = runs?.runs;
  let nr = runs?.count ?? 0;
  if (!rs) {
    rs = new Int32Array(n + 2);
    nr = insideRuns(inside, n, rs);
  }
  for (let i = 0; i < Y; i++) {
    const o = i * n;
    let prev = 0; // end of the last run: what lies between runs is outside
    for (let q = 0; q < nr; q++) {
      const a = rs[2 * q], e = rs[2 * q + 1];
      if (a > prev) {
        rhOut.fill(NaN, o + prev, o + a);
        nepOut.fill(NaN, o + prev, o + a);
      }
      if (cached) rhNepCached(npp, t, r, params, rhOut, nepOut, o + a, o + e);
      else rhNepPlain(npp, t, r, params, rhOut, nepOut, o + a, o + e);
      prev = e;
    }
    if (prev < n) {
      rhOut.fill(NaN, o + prev, o + n);
      nepOut.fill(NaN, o + prev, o + n);
    }
  }
  if (Y * n < len) {
    if (cached) rhNepCached(npp, t, r, params, rhOut, nepOut, Y * n, len);
    else rhNepPlain(npp, t, r, params, rhOut, nepOut, Y * n, len);
  }
}

function rhNepPlain(npp: FloatArray, t: FloatArray, r: FloatArray, params: Pei2010Params, rhOut: FloatArray, nepOut: FloatArray, from: number, to: number): void {
  const { a, b, c, k } = params;
  const ak = a * k;
  for (let i = from; i < to; i++) {
    const arg = c * r[i] + 1;
    const ti = t[i];
    // arg > 0 is false for NaN R; exp(b·NaN) is NaN for NaN T; ±∞ inputs give non-finite Rh → NaN.
    // (An if, not `arg > 0 ? … : NaN`: V8 boxed that value, a heap object per pixel-year.)
    let rh = NaN;
    if (arg > 0) rh = ak * (Math.exp(b * ti) + Math.log(arg));
    if (!Number.isFinite(rh) || !Number.isFinite(ti)) rh = NaN;
    rhOut[i] = rh;
    nepOut[i] = npp[i] - rh;
  }
}

/** The pixels k < n with inside[k] = 1, in order, into `out`; returns how many. */
export function insidePixels(inside: Uint8Array, n: number, out: Int32Array): number {
  let m = 0;
  for (let k = 0; k < n; k++) if (inside[k] === 1) out[m++] = k;
  return m;
}

/** Runs [start, end) of pixels with inside[k] = 1 among the first n, as pairs in runs; returns how many. */
export function insideRuns(inside: Uint8Array, n: number, runs: Int32Array): number {
  let nRuns = 0;
  for (let k = 0; k < n; ) {
    if (inside[k] !== 1) {
      k++;
      continue;
    }
    let e = k + 1;
    while (e < n && inside[e] === 1) e++;
    runs[2 * nRuns] = k;
    runs[2 * nRuns + 1] = e;
    nRuns++;
    k = e;
  }
  return nRuns;
}

function rhNepCached(npp: FloatArray, t: FloatArray, r: FloatArray, params: Pei2010Params, rhOut: FloatArray, nepOut: FloatArray, from: number, to: number): void {
  const { a, b, c, k } = params;
  const ak = a * k;
  let lastT = NaN;
  let expT = NaN;
  let lastR = NaN;
  let logR = NaN;
  for (let i = from; i < to; i++) {
    const ti = t[i];
    const ri = r[i];
    if (ti !== lastT) {
      lastT = ti;
      expT = Math.exp(b * ti);
    }
    if (ri !== lastR) {
      lastR = ri;
      const arg = c * ri + 1;
      logR = NaN;
      if (arg > 0) logR = Math.log(arg);
    }
    // Same arithmetic as rhNepPlain, so the result does not depend on the path taken (ifs, not
    // ternaries with NaN: see rhNepPlain).
    let rh = NaN;
    if (logR === logR) rh = ak * (expT + logR);
    if (!Number.isFinite(rh) || !Number.isFinite(ti)) rh = NaN;
    rhOut[i] = rh;
    nepOut[i] = npp[i] - rh;
  }
}

export interface PixelStatsInput {
  /** The years (x of the trend), length Y. */
  years: Float64Array;
  /** Pixels in the block. */
  n: number;
  /** NEP, Y·n, year-major. */
  nep: FloatArray;
  /** Climate series, Y·n each, year-major; rho is computed for the variables present here and in out.rho. */
  climate: Partial<Record<ClimateVar, FloatArray>>;
  /** 1 where the pixel centre is inside the boundary. */
  inside: Uint8Array;
  method: TrendMethod;
}

export interface PixelStatsOutput {
  /** 1 = inside and NEP finite in every year. */
  included: Uint8Array;
  /** Multi-year mean NEP. */
  mean: Float32Array;
  /** Trend slope per year (OLS, or Theil–Sen for sen-mk). */
  slope: Float32Array;
  /** Two-sided p (t-test of the OLS slope, or Mann–Kendall for sen-mk). */
  p: Float32Array;
  /** Trend class −3…3, TREND_CLASS_NODATA (−128) where not included or not computable. */
  cls: Int8Array;
  /** Spearman's rho of NEP with each climate variable (fill the keys you want computed). */
  rho: Partial<Record<ClimateVar, Float32Array>>;
}

export interface PixelScratch {
  years: number;
  y: Float64Array;
  c: Float64Array;
  rankY: Float64Array;
  /** Per correlated variable (up to 4): the last climate series ranked, its ranks, whether set. */
  prevC: Float64Array[];
  prevRank: Float64Array[];
  prevOk: Uint8Array;
  /** The order that sorted the last NEP series ranked, and each climate variable's (see rankFromOrderInto). */
  orderY: Int32Array;
  order: Int32Array[];
  keys: Float64Array;
  /** Tie-group counts for Mann–Kendall. */
  counts: Float64Array;
  pairs: Float64Array;
  ols: OlsResult;
  mk: MannKendallResult;
  /** The inside pixels of the block (grown to the block's size when needed). */
  pixels: Int32Array;
}

/** Working memory for pixelStats over series of Y years (reuse across blocks). */
export function createPixelScratch(Y: number): PixelScratch {
  return {
    years: Y,
    y: new Float64Array(Y),
    c: new Float64Array(Y),
    rankY: new Float64Array(Y),
    prevC: CLIMATE_VARS.map(() => new Float64Array(Y)),
    prevRank: CLIMATE_VARS.map(() => new Float64Array(Y)),
    prevOk: new Uint8Array(CLIMATE_VARS.length),
    orderY: identityOrder(Y),
    order: CLIMATE_VARS.map(() => identityOrder(Y)),
    keys: new Float64Array(Y),
    counts: new Float64Array(Y),
    pairs: theilSenScratch(Y),
    ols: createOlsResult(),
    mk: createMannKendallResult(),
    pixels: new Int32Array(0),
  };
}

/**
 * Per-pixel mean, trend slope and p, trend class and Spearman's rho (SPEC §3) of a block.
 * Non-included pixels get NaN / −128; nothing throws on NaN input.
 */
export function pixelStats(input: PixelStatsInput, out: PixelStatsOutput, scratch: PixelScratch): void {
  const { years, n, nep, inside, method } = input;
  const Y = years.length;
  const s = scratch.years === Y ? scratch : createPixelScratch(Y);
  const sen = method === 'sen-mk';
  const lnB = Y >= 3 ? studentTLnBeta(Y - 2) : NaN;

  const { rhoVars, rhoOut } = startPixelStats(input, out);
  const nv = rhoVars.length;
  s.prevOk.fill(0);
  if (s.pixels.length < n) s.pixels = new Int32Array(n);
  const pixels = s.pixels;
  const m = insidePixels(inside, n, pixels);

  for (let t = 0; t < m; t++) statsOfPixel(pixels[t], years, Y, n, nep, out, s, sen, lnB, rhoVars, rhoOut, nv);
}

/**
 * The start of pixelStats (and of its WebAssembly version, engine/wasmStats.ts): the climate
 * variables to correlate — present both in the input and in out.rho; the others' rho is all NaN —
 * and every pixel given what a pixel that is not included gets, for all at once. The loop then
 * visits the inside pixels only, from a list, so that every turn of it does the whole work.
 * (Visiting every pixel, V8 optimized the loop while it had seen only the outside of a park's
 * edge, then threw that code away at the first inside pixel, and again; looping over runs of
 * inside pixels, it threw away the inner loop's code at the end of every run.)
 */
export function startPixelStats(input: PixelStatsInput, out: PixelStatsOutput): { rhoVars: FloatArray[]; rhoOut: Float32Array[] } {
  const n = input.n;
  const rhoVars: FloatArray[] = [];
  const rhoOut: Float32Array[] = [];
  for (const v of CLIMATE_VARS) {
    const o = out.rho[v];
    if (!o) continue;
    const c = input.climate[v];
    if (c) {
      rhoVars.push(c);
      rhoOut.push(o);
    } else o.fill(NaN, 0, n);
  }
  out.included.fill(0, 0, n);
  out.mean.fill(NaN, 0, n);
  out.slope.fill(NaN, 0, n);
  out.p.fill(NaN, 0, n);
  out.cls.fill(TREND_CLASS_NODATA, 0, n);
  for (const o of rhoOut) o.fill(NaN, 0, n);
  return { rhoVars, rhoOut };
}

/**
 * pixelStats of pixel k. A function of its own, too large for V8 to inline into pixelStats' loop:
 * it is then optimized once per worker as any hot function. As the body of that loop, which runs
 * for seconds, V8 compiled it three times a worker (on-stack replacement for the first block, then
 * again for the next call), ~0.1 s of CPU each on a small machine.
 */
function statsOfPixel(
  k: number,
  years: Float64Array,
  Y: number,
  n: number,
  nep: FloatArray,
  out: PixelStatsOutput,
  s: PixelScratch,
  sen: boolean,
  lnB: number,
  rhoVars: FloatArray[],
  rhoOut: Float32Array[],
  nv: number,
): void {
  const y = s.y;
  let ok = true;
  let sum = 0;
  for (let i = 0; i < Y; i++) {
    const v = nep[i * n + k];
    if (!Number.isFinite(v)) {
      ok = false;
      break;
    }
    y[i] = v;
    sum += v;
  }
  if (!ok) return; // a NaN year: not included (filled by pixelStats)
  out.included[k] = 1;
  out.mean[k] = sum / Y;

  // Each method stores its own numbers (a slope and p merged from both would be boxed by V8,
  // a heap object per pixel).
  if (sen) {
    const slope = theilSenSlopeInto(years, y, Y, s.pairs);
    const p = mannKendallInto(y, Y, s.counts, s.mk).p;
    out.slope[k] = slope;
    out.p[k] = p;
    out.cls[k] = trendClass(slope, p);
  } else {
    const r = olsInto(years, y, Y, s.ols, lnB);
    out.slope[k] = r.slope;
    out.p[k] = r.p;
    out.cls[k] = trendClass(r.slope, r.p);
  }

  if (nv === 0) return;
  const haveRankY = Y >= 3 && rankFromOrderInto(y, Y, s.rankY, s.orderY, s.keys);
  for (let j = 0; j < nv; j++) {
    const cv = rhoVars[j];
    let good = haveRankY;
    if (good) {
      for (let i = 0; i < Y; i++) {
        const v = cv[i * n + k];
        if (!Number.isFinite(v)) {
          good = false;
          break;
        }
        s.c[i] = v;
      }
    }
    if (!good) {
      rhoOut[j][k] = NaN;
      continue;
    }
    // Climate from a table is the same series for many pixels: reuse its ranks.
    const prev = s.prevC[j];
    const ranks = s.prevRank[j];
    let same = s.prevOk[j] === 1;
    for (let i = 0; same && i < Y; i++) same = prev[i] === s.c[i];
    if (!same) {
      rankFromOrderInto(s.c, Y, ranks, s.order[j], s.keys);
      prev.set(s.c);
      s.prevOk[j] = 1;
    }
    rankCorrelationInto(s.rankY, ranks, Y, rhoOut[j], k);
  }
}

/**
 * The first part of pixelStats alone: whether each pixel is included (inside, and NEP finite in
 * every year) and its multi-year mean, with the very same arithmetic (a float64 sum over the years
 * in order, divided by Y, stored as float32), so the numbers equal pixelStats' bit for bit. A quick
 * first map of the mean is drawn from it while the rest is computed.
 */
export function includedMeans(nep: FloatArray, inside: Uint8Array, n: number, Y: number, included: Uint8Array, mean: Float32Array): void {
  for (let k = 0; k < n; k++) {
    let ok = inside[k] === 1;
    let sum = 0;
    if (ok) {
      for (let i = 0; i < Y; i++) {
        const v = nep[i * n + k];
        if (!Number.isFinite(v)) {
          ok = false;
          break;
        }
        sum += v;
      }
    }
    included[k] = ok ? 1 : 0;
    mean[k] = ok ? sum / Y : NaN;
  }
}
