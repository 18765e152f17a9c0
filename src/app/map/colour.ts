/**
 * Colouring a layer: 256-colour lookup tables from d3-scale-chromatic, domains from robust
 * percentiles (symmetric about 0 for diverging ramps), and the one-pass render of a layer
 * through a Mercator lookup into RGBA.
 */
import * as d3 from 'd3';
import type { LayerDef } from '../state/layers';
import { TREND_CLASS_COLORS } from '../format/trendClass';

export const LUT_SIZE = 256;

export interface LinearScale {
  type: 'linear';
  lo: number;
  hi: number;
  /** LUT_SIZE colours as packed little-endian RGBA (one Uint32 per colour, alpha 255). */
  lut: Uint32Array;
  interpolator: (t: number) => string;
  /** true when the ramp is centred on 0 (lo = −hi). */
  diverging: boolean;
}

export interface ClassScale {
  type: 'classes';
  /** Class codes, in legend order. */
  codes: number[];
  names: string[];
  colours: string[];
  /** 'value': the value is the code (trend class); 'sign': the code is sign(value) (sink/source). */
  by: 'value' | 'sign';
}

export type ColourScale = LinearScale | ClassScale;

const SCHEMES: Record<NonNullable<LayerDef['scheme']>, (t: number) => string> = {
  BrBG: d3.interpolateBrBG,
  RdBu: d3.interpolateRdBu,
  PuOr: d3.interpolatePuOr,
  YlGn: d3.interpolateYlGn,
  YlOrBr: d3.interpolateYlOrBr,
  YlOrRd: d3.interpolateYlOrRd,
  Blues: d3.interpolateBlues,
  GnBu: d3.interpolateGnBu,
  cividis: d3.interpolateCividis,
};

/** Pack an RGBA colour into a Uint32 as it lies in ImageData memory on little-endian machines. */
export function packRgba(r: number, g: number, b: number, a = 255): number {
  return ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

export function parseColour(css: string): [number, number, number] {
  const c = d3.rgb(css);
  return [Math.round(c.r), Math.round(c.g), Math.round(c.b)];
}

export function makeLut(interpolator: (t: number) => string, size = LUT_SIZE): Uint32Array {
  const lut = new Uint32Array(size);
  for (let i = 0; i < size; i++) {
    const [r, g, b] = parseColour(interpolator(i / (size - 1)));
    lut[i] = packRgba(r, g, b);
  }
  return lut;
}

/** Finite values, every `stride`-th, so quantiles of a few million pixels take a few ms. */
/** Up to `max` finite values of `values` (every stride-th), unsorted; `abs` takes |v|. */
function sample(values: ArrayLike<number>, abs = false, max = 200_000): Float64Array {
  const stride = Math.max(1, Math.floor(values.length / max));
  const out = new Float64Array(Math.ceil(values.length / stride));
  let m = 0;
  for (let i = 0; i < values.length; i += stride) {
    const v = values[i];
    if (v - v === 0) out[m++] = abs && v < 0 ? -v : v; // finite
  }
  return out.subarray(0, m);
}

/** Round a positive limit up to a "nice" number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k). */
export function niceCeil(x: number): number {
  if (!(x > 0)) return 1;
  const e = Math.pow(10, Math.floor(Math.log10(x)));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * e >= x * (1 - 1e-12)) return m * e;
  return 10 * e;
}

/**
 * The `q` quantile of `s` (finite values), interpolated as d3.quantileSorted (R-7, numpy's
 * default) would on the sorted values, without sorting all of them: the values are counted into
 * bins of equal width between their least and greatest (a bin's values all lie at or above the
 * lower bins' ones), and only the bin holding the two order statistics needed is sorted.
 * Written here rather than with d3.quickselect: on a page that has just started, V8 compiles
 * quickselect's nested loops on the stack and throws that code away at every inner loop's end —
 * hundreds of times for one map's scale, ~30 ms of a first map and of the final one; these loops
 * are flat.
 */
export function quantileOf(s: Float64Array, q: number): number {
  const n = s.length;
  if (n === 0) return NaN;
  const i = (n - 1) * Math.min(1, Math.max(0, q));
  const i0 = Math.floor(i);
  const [lo, hi] = extent(s);
  if (!(hi > lo)) return lo;
  const bins = Math.min(QUANTILE_BINS, n);
  const scale = bins / (hi - lo);
  const counts = new Int32Array(bins);
  countBins(s, lo, scale, bins, counts);
  // The bins holding order statistics i0 and i0 + 1 (0-based), and how many values lie below them.
  let below = 0;
  let b0 = 0;
  while (below + counts[b0] <= i0) below += counts[b0++];
  let b1 = b0;
  let through = below + counts[b0];
  while (i0 + 1 < n && through <= i0 + 1) through += counts[++b1];
  const kept = new Float64Array(through - below);
  keepBins(s, lo, scale, bins, b0, b1, kept);
  kept.sort();
  const v0 = kept[i0 - below];
  if (i0 + 1 >= n) return v0;
  const v1 = kept[i0 + 1 - below];
  return v0 + (v1 - v0) * (i - i0);
}

const QUANTILE_BINS = 4096;

function extent(s: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < s.length; k++) {
    const v = s[k];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

const binOf = (v: number, lo: number, scale: number, bins: number) => Math.min(bins - 1, Math.floor((v - lo) * scale));

function countBins(s: Float64Array, lo: number, scale: number, bins: number, counts: Int32Array): void {
  for (let k = 0; k < s.length; k++) counts[binOf(s[k], lo, scale, bins)]++;
}

function keepBins(s: Float64Array, lo: number, scale: number, bins: number, b0: number, b1: number, kept: Float64Array): void {
  let j = 0;
  for (let k = 0; k < s.length; k++) {
    const b = binOf(s[k], lo, scale, bins);
    if (b >= b0 && b <= b1) kept[j++] = s[k];
  }
}

/** Symmetric limit for a diverging ramp: the `q` quantile of |v|, rounded up to a nice number. */
export function robustSymmetricLimit(values: ArrayLike<number>, q = 0.98): number {
  const s = sample(values, true);
  if (s.length === 0) return 1;
  return niceCeil(quantileOf(s, q));
}

/** [lo, hi] for a sequential ramp: the q and 1−q quantiles. */
export function robustRange(values: ArrayLike<number>, q = 0.02): [number, number] {
  const s = sample(values);
  if (s.length === 0) return [0, 1];
  let lo = quantileOf(s, q);
  let hi = quantileOf(s, 1 - q);
  if (!(hi > lo)) {
    lo -= 0.5;
    hi += 0.5;
  }
  // Nice round ends, so the legend's ticks fall at the ends.
  const [nlo, nhi] = d3.scaleLinear().domain([lo, hi]).nice(6).domain();
  return [nlo, nhi];
}

/** Trend classes −3 … 3 in legend order (increase first, as the study's Table 1 reads best on a map). */
export const TREND_CLASS_CODES = [3, 2, 1, 0, -1, -2, -3];
/** The panels' class colours (format/trendClass.ts), so the map and the tables agree. */
export const TREND_CLASS_COLOURS: Record<number, string> = Object.fromEntries(
  Object.entries(TREND_CLASS_COLORS).map(([k, v]) => [Number(k), v]),
);
export const SINK_COLOUR = '#1a7837';
export const SOURCE_COLOUR = '#b2182b';
export const NEUTRAL_COLOUR = '#bdbdbd';

/**
 * The colour scale of a layer. `values` are the values that share one scale: for a yearly layer
 * every year together (so colours compare across years while animating), for the mean its own.
 */
export function scaleFor(def: LayerDef, values: ArrayLike<number>, classNames: Record<number, string>): ColourScale {
  if (def.ramp === 'classes') {
    return {
      type: 'classes', by: 'value', codes: TREND_CLASS_CODES,
      names: TREND_CLASS_CODES.map((c) => classNames[c]), colours: TREND_CLASS_CODES.map((c) => TREND_CLASS_COLOURS[c]),
    };
  }
  if (def.ramp === 'sign') {
    return {
      type: 'classes', by: 'sign', codes: [1, -1, 0],
      names: ['Carbon sink (NEP > 0)', 'Carbon source (NEP < 0)', 'Neutral (NEP = 0)'],
      colours: [SINK_COLOUR, SOURCE_COLOUR, NEUTRAL_COLOUR],
    };
  }
  const interpolator = SCHEMES[def.scheme ?? 'YlGn'];
  if (def.ramp === 'rho') return { type: 'linear', lo: -1, hi: 1, lut: makeLut(interpolator), interpolator, diverging: true };
  if (def.ramp === 'diverging') {
    const m = robustSymmetricLimit(values);
    return { type: 'linear', lo: -m, hi: m, lut: makeLut(interpolator), interpolator, diverging: true };
  }
  const [lo, hi] = robustRange(values);
  return { type: 'linear', lo, hi, lut: makeLut(interpolator), interpolator, diverging: false };
}

/** The packed colour of one value (for legends, figure and tests); 0 (transparent) for NaN. */
export function colourOf(scale: ColourScale, v: number): number {
  if (!Number.isFinite(v)) return 0;
  if (scale.type === 'linear') {
    const t = (v - scale.lo) / (scale.hi - scale.lo);
    const i = Math.max(0, Math.min(LUT_SIZE - 1, Math.floor(t * LUT_SIZE)));
    return scale.lut[i];
  }
  const code = scale.by === 'sign' ? Math.sign(v) : v;
  const j = scale.codes.indexOf(code);
  if (j < 0) return 0;
  const [r, g, b] = parseColour(scale.colours[j]);
  return packRgba(r, g, b);
}

/**
 * Render a layer: out[i] = colour of values[lookup[i]] (transparent where lookup[i] < 0 or the
 * value is NaN). `out` is the Uint32 view of an ImageData's buffer. One pass, no allocation.
 * With `spans` (lookupSpans of the same lookup) only the canvas pixels that show a grid pixel
 * are written: the others are left as they are, transparent when `out` was last rendered through
 * the same lookup (a park covers a fraction of its bounding box: a year switch paints that only).
 */
export function renderLayer(lookup: Int32Array, values: Float32Array | Int8Array, scale: ColourScale, out: Uint32Array, spans?: Int32Array): void {
  if (scale.type === 'linear') {
    const lo = scale.lo;
    const a = LUT_SIZE / (scale.hi - scale.lo);
    if (!spans) return linearSpan(lookup, values, scale.lut, lo, a, out, 0, lookup.length);
    for (let q = 0; q < spans.length; q += 2) linearSpan(lookup, values, scale.lut, lo, a, out, spans[q], spans[q + 1]);
    return;
  }
  // Classes: a small table indexed by code + 8 (codes −8 … 7).
  const table = new Uint32Array(16);
  scale.codes.forEach((c, j) => {
    const [r, g, b] = parseColour(scale.colours[j]);
    table[c + 8] = packRgba(r, g, b);
  });
  const bySign = scale.by === 'sign';
  if (!spans) return classSpan(lookup, values, table, bySign, out, 0, lookup.length);
  for (let q = 0; q < spans.length; q += 2) classSpan(lookup, values, table, bySign, out, spans[q], spans[q + 1]);
}

function linearSpan(lookup: Int32Array, values: Float32Array | Int8Array, lut: Uint32Array, lo: number, a: number, out: Uint32Array, i0: number, i1: number): void {
  const top = LUT_SIZE - 1;
  for (let i = i0; i < i1; i++) {
    const k = lookup[i];
    if (k < 0) {
      out[i] = 0;
      continue;
    }
    const v = values[k];
    if (v !== v) {
      out[i] = 0;
      continue;
    }
    let j = ((v - lo) * a) | 0;
    if (j < 0) j = 0;
    else if (j > top) j = top;
    out[i] = lut[j];
  }
}

function classSpan(lookup: Int32Array, values: Float32Array | Int8Array, table: Uint32Array, bySign: boolean, out: Uint32Array, i0: number, i1: number): void {
  for (let i = i0; i < i1; i++) {
    const k = lookup[i];
    if (k < 0) {
      out[i] = 0;
      continue;
    }
    const v = values[k];
    if (v !== v) {
      out[i] = 0;
      continue;
    }
    const code = bySign ? (v > 0 ? 1 : v < 0 ? -1 : 0) : v;
    out[i] = code >= -8 && code <= 7 ? table[code + 8] : 0;
  }
}
