/**
 * Stored values -> physical values of a raster layer (SPEC §2):
 *   value = stored × scale + offset, NaN where the stored value is NaN, is the file's
 *   GDAL_NODATA, is one of spec.nodata, or lies outside spec.valid (stored units, inclusive).
 *
 * Nodata is compared the way GDAL (3.6, GDALNoDataMaskBand) does, checked against GDAL's own
 * mask band in layer.test.ts:
 *   - integer bands: the nodata value is truncated toward zero; if that is outside the
 *     band type's range nothing matches (e.g. 2.7 on Int16 matches 2, -1 on Byte nothing);
 *   - float bands: NaN nodata matches NaN; otherwise the nodata value is cast to the band type
 *     (Float32: Math.fround) and a pixel matches when equal or when
 *     |v − nd| < 2·FLT_EPSILON·|v + nd| (GDAL's ARE_REAL_EQUAL). On a Float32 band GDAL
 *     evaluates |v + nd| in single precision, which overflows to +inf for two large values of
 *     the same sign: so nodata -3.4e38 matches -3.4028234663852886e38 (-FLT_MAX) — and, as in
 *     GDAL, any Float32 value v with |v + nd| > FLT_MAX (e.g. -3e38). We do the same.
 * The same rule applies to the values in spec.nodata.
 */
import type { RasterArray, RasterDtype } from './raster';

export interface LayerSpec {
  path: string;
  scale?: number;
  offset?: number;
  /** Extra nodata value(s), in stored units, on top of the file's GDAL_NODATA. */
  nodata?: number | number[];
  /** [min, max] of valid stored values, inclusive. */
  valid?: [number, number];
}

const FLT_EPSILON = 1.1920928955078125e-7;
const FLT_MAX = 3.4028234663852886e38;

const INT_RANGE: Partial<Record<RasterDtype, [number, number]>> = {
  int8: [-128, 127], uint8: [0, 255], int16: [-32768, 32767], uint16: [0, 65535],
  int32: [-2147483648, 2147483647], uint32: [0, 4294967295],
};

/**
 * The nodata values as GDAL would compare them on a band of `dtype`: cast to the band type,
 * without those that cannot occur (out of an integer type's range) and without NaN (NaN is
 * always invalid anyway).
 */
export function effectiveNoData(values: readonly number[], dtype: RasterDtype): number[] {
  const out: number[] = [];
  const range = INT_RANGE[dtype];
  for (const v of values) {
    if (typeof v !== 'number' || Number.isNaN(v)) continue;
    let c: number;
    if (range) {
      c = Math.trunc(v);
      if (!(c >= range[0] && c <= range[1])) continue;
    } else {
      c = dtype === 'float32' ? Math.fround(v) : v;
    }
    if (!out.includes(c)) out.push(c);
  }
  return out;
}

/** GDAL's ARE_REAL_EQUAL for a pixel value v and a (cast) nodata value nd on a float band. */
export function gdalFloatEqual(v: number, nd: number, float32: boolean): boolean {
  if (v === nd) return true;
  let s = Math.abs(v + nd);
  if (float32) {
    if (Math.fround(s) === Infinity) return Math.fround(Math.abs(v - nd)) !== Infinity;
    s = Math.fround(s);
  }
  return Math.abs(v - nd) < FLT_EPSILON * s * 2;
}

/** What applyLayer needs of a LayerSpec (a whole LayerSpec will do). */
export type LayerValues = Omit<LayerSpec, 'path'> & { path?: string };

/**
 * Writes the physical values of raw[from … to) to out[outOffset + from …] (default: all of raw);
 * out elsewhere is left as it is.
 */
export type LayerApplier = ((raw: ArrayLike<number>, out: Float32Array | Float64Array, outOffset?: number, from?: number, to?: number) => void) & {
  /**
   * The same for each run [runs[2r], runs[2r+1]) of raw, r < nRuns, at once (checks and the
   * choice of loop made once, not per run: a park's rows break into thousands of runs).
   */
  runs(raw: ArrayLike<number>, out: Float64Array, outOffset: number, runs: Int32Array, nRuns: number): void;
  /**
   * The runs' values packed: run after run from out[outOffset] (the pixels of the runs only,
   * in order), so that a block's inside pixels are worked on as one dense array.
   */
  gather(raw: ArrayLike<number>, out: Float64Array, outOffset: number, runs: Int32Array, nRuns: number): void;
  /**
   * An integer band's rule, for code that applies it elsewhere (engine/wasmBlock.ts gatherInt16):
   * value × scale + offset, NaN outside [lo, hi] or at one of `nodata` (as the band compares
   * them); null for a float band.
   */
  intRule: { scale: number; offset: number; lo: number; hi: number; nodata: Float64Array } | null;
};

/** Precomputes what applyLayer needs, so a block loop allocates nothing. */
export function layerApplier(spec: LayerValues, fileNoData: number | null, dtype: RasterDtype): LayerApplier {
  const scale = spec.scale ?? 1;
  const offset = spec.offset ?? 0;
  const lo = spec.valid ? spec.valid[0] : -Infinity;
  const hi = spec.valid ? spec.valid[1] : Infinity;
  const list: number[] = [];
  if (fileNoData !== null && fileNoData !== undefined) list.push(fileNoData);
  if (spec.nodata !== undefined) list.push(...(Array.isArray(spec.nodata) ? spec.nodata : [spec.nodata]));
  const nd = Float64Array.from(effectiveNoData(list, dtype));
  const k = nd.length;
  const isFloat = dtype === 'float32' || dtype === 'float64';
  const f32 = dtype === 'float32';

  // 8- and 16-bit integer bands: every stored value's physical value, from a table built with the
  // loops' own rule (so the numbers are the same) once the applier has been given a quarter of the
  // table's size in values, over all its calls: an engine worker applies one rule to every year of
  // a layer in sub-blocks of a few thousand pixels each, far below the table's size one by one.
  const lutBase = dtype === 'int16' ? 32768 : dtype === 'int8' ? 128 : 0;
  const lutSize = dtype === 'int16' || dtype === 'uint16' ? 65536 : dtype === 'int8' || dtype === 'uint8' ? 256 : 0;
  let lut: Float64Array | null = null;

  const check = (raw: ArrayLike<number>, out: Float32Array | Float64Array, outOffset: number) => {
    const n = raw.length;
    if (outOffset < 0 || outOffset + n > out.length) {
      throw new RangeError(`applyLayer: ${n} values do not fit in out[${outOffset}…] (length ${out.length})`);
    }
  };
  /** The table of an 8/16-bit band when raw and out are fit for it (made on first use), else null. */
  let given = 0;
  const tableFor = (raw: ArrayLike<number>, out: Float32Array | Float64Array): Float64Array | null => {
    if (!lut) given += raw.length;
    if (!(lutSize > 0 && given >= lutSize / 4 && out instanceof Float64Array)) return null;
    if (!(raw instanceof Int16Array || raw instanceof Uint16Array || raw instanceof Int8Array || raw instanceof Uint8Array)) return null;
    if (!lut) {
      const stored = new Float64Array(lutSize);
      for (let i = 0; i < lutSize; i++) stored[i] = i - lutBase;
      lut = new Float64Array(lutSize);
      if (k === 0) loopPlain(stored, lut, 0, 0, lutSize, scale, offset, lo, hi);
      else if (k === 1) loopInt1(stored, lut, 0, 0, lutSize, scale, offset, lo, hi, nd[0]);
      else loopIntK(stored, lut, 0, 0, lutSize, scale, offset, lo, hi, nd);
    }
    return lut;
  };
  const span = (raw: ArrayLike<number>, out: Float32Array | Float64Array, outOffset: number, from: number, to: number, table: Float64Array | null) => {
    if (table) {
      const o = out as Float64Array;
      if (raw instanceof Int16Array) lutI16(raw, o, outOffset, from, to, table);
      else if (raw instanceof Uint16Array) lutU16(raw, o, outOffset, from, to, table);
      else if (raw instanceof Int8Array) lutI8(raw, o, outOffset, from, to, table);
      else lutU8(raw as Uint8Array, o, outOffset, from, to, table);
      return;
    }
    if (out instanceof Float64Array && fast64(raw, out, outOffset, from, to, scale, offset, lo, hi, nd, isFloat, f32)) return;
    if (k === 0) loopPlain(raw, out, outOffset, from, to, scale, offset, lo, hi);
    else if (!isFloat && k === 1) loopInt1(raw, out, outOffset, from, to, scale, offset, lo, hi, nd[0]);
    else if (!isFloat) loopIntK(raw, out, outOffset, from, to, scale, offset, lo, hi, nd);
    else loopFloat(raw, out, outOffset, from, to, scale, offset, lo, hi, nd, f32);
  };

  const apply = ((raw, out, outOffset = 0, from = 0, to = raw.length) => {
    check(raw, out, outOffset);
    if (!(from >= 0 && from <= to && to <= raw.length)) throw new RangeError(`applyLayer: range ${from}…${to} outside 0…${raw.length}`);
    span(raw, out, outOffset, from, to, tableFor(raw, out));
  }) as LayerApplier;
  apply.runs = (raw, out, outOffset, runs, nRuns) => {
    check(raw, out, outOffset);
    const n = raw.length;
    const table = tableFor(raw, out);
    const i16 = table && raw instanceof Int16Array ? raw : null;
    for (let r = 0; r < nRuns; r++) {
      const a = runs[2 * r], e = runs[2 * r + 1];
      if (!(a >= 0 && a <= e && e <= n)) throw new RangeError(`applyLayer: range ${a}…${e} outside 0…${n}`);
      if (i16) lutI16(i16, out, outOffset, a, e, table!); // MOD17's Int16, the common case, without the dispatch
      else span(raw, out, outOffset, a, e, table);
    }
  };
  apply.gather = (raw, out, outOffset, runs, nRuns) => {
    const n = raw.length;
    const table = tableFor(raw, out);
    const i16 = table && raw instanceof Int16Array ? raw : null;
    let j = outOffset;
    for (let r = 0; r < nRuns; r++) {
      const a = runs[2 * r], e = runs[2 * r + 1];
      if (!(a >= 0 && a <= e && e <= n)) throw new RangeError(`applyLayer: range ${a}…${e} outside 0…${n}`);
      if (!(j >= 0 && j + e - a <= out.length)) throw new RangeError(`applyLayer: ${e - a} values do not fit in out[${j}…] (length ${out.length})`);
      // The loops write out[o + i] for i in [a, e): o = j − a puts raw[a] at out[j].
      if (i16) lutI16(i16, out, j - a, a, e, table!);
      else span(raw, out, j - a, a, e, table);
      j += e - a;
    }
  };
  apply.intRule = isFloat ? null : { scale, offset, lo, hi, nodata: nd };
  return apply;
}

// The loops are separate top-level functions so that V8 optimizes each on its own.

/**
 * Monomorphic loops (one raw array type each, float64 out: the engine's case), the same
 * arithmetic as the generic loops below: a loop that sees one array type only compiles to
 * plain loads; a shared loop that sees several runs many times slower. The NaN is stored in
 * its own branch: `out[i] = ok ? x : NaN` runs 2-3x slower in V8 (Node 20).
 * Returns false when there is no specialised loop for these arrays.
 */
function fast64(raw: ArrayLike<number>, out: Float64Array, o: number, s: number, n: number, scale: number, offset: number, lo: number, hi: number, nd: Float64Array, isFloat: boolean, f32: boolean): boolean {
  // The nodata rule follows the band type (dtype), the loop the array type: with nodata, they must agree.
  const ints = !(raw instanceof Float32Array || raw instanceof Float64Array);
  if (nd.length > 0 && ints === isFloat) return false;
  if (raw instanceof Int16Array) intI16(raw, out, o, s, n, scale, offset, lo, hi, nd);
  else if (raw instanceof Uint16Array) intU16(raw, out, o, s, n, scale, offset, lo, hi, nd);
  else if (raw instanceof Uint8Array) intU8(raw, out, o, s, n, scale, offset, lo, hi, nd);
  else if (raw instanceof Int8Array) intI8(raw, out, o, s, n, scale, offset, lo, hi, nd);
  else if (raw instanceof Int32Array) intI32(raw, out, o, s, n, scale, offset, lo, hi, nd);
  else if (raw instanceof Uint32Array) intU32(raw, out, o, s, n, scale, offset, lo, hi, nd);
  else if (raw instanceof Float32Array) {
    if (nd.length === 0) plainF32(raw, out, o, s, n, scale, offset, lo, hi);
    else floatF32(raw, out, o, s, n, scale, offset, lo, hi, nd, f32);
  } else if (raw instanceof Float64Array) {
    if (nd.length === 0) plainF64(raw, out, o, s, n, scale, offset, lo, hi);
    else floatF64(raw, out, o, s, n, scale, offset, lo, hi, nd, f32);
  } else return false;
  return true;
}

function lutI16(raw: Int16Array, out: Float64Array, o: number, s: number, n: number, lut: Float64Array): void {
  for (let i = s; i < n; i++) out[o + i] = lut[raw[i] + 32768];
}

function lutU16(raw: Uint16Array, out: Float64Array, o: number, s: number, n: number, lut: Float64Array): void {
  for (let i = s; i < n; i++) out[o + i] = lut[raw[i]];
}

function lutI8(raw: Int8Array, out: Float64Array, o: number, s: number, n: number, lut: Float64Array): void {
  for (let i = s; i < n; i++) out[o + i] = lut[raw[i] + 128];
}

function lutU8(raw: Uint8Array, out: Float64Array, o: number, s: number, n: number, lut: Float64Array): void {
  for (let i = s; i < n; i++) out[o + i] = lut[raw[i]];
}

function intI16(raw: Int16Array, out: Float64Array, o: number, s: number, n: number, scale: number, offset: number, lo: number, hi: number, nd: Float64Array): void {
  const k = nd.length;
  for (let i = s; i < n; i++) {
    const v = raw[i];
    let ok = v >= lo && v <= hi;
    for (let j = 0; ok && j < k; j++) ok = v !== nd[j];
    if (ok) out[o + i] = v * scale + offset;
    else out[o + i] = NaN;
  }
}

function intU16(raw: Uint16Array, out: Float64Array, o: number, s: number, n: number, scale: number, offset: number, lo: number, hi: number, nd: Float64Array): void {
  const k = nd.length;
  for (let i = s; i < n; i++) {
    const v = raw[i];
    let ok = v >= lo && v <= hi;
    for (let j = 0; ok && j < k; j++) ok = v !== nd[j];
    if (ok) out[o + i] = v * scale + offset;
    else out[o + i] = NaN;
  }
}

function intU8(raw: Uint8Array, out: Float64Array, o: number, s: number, n: number, scale: number, offset: number, lo: number, hi: number, nd: Float64Array): void {
  const k = nd.length;
  for (let i = s; i < n; i++) {
    const v = raw[i];
    let ok = v >= lo && v <= hi;
    for (let j = 0; ok && j < k; j++) ok = v !== nd[j];
    if (ok) out[o + i] = v * scale + offset;
    else out[o + i] = NaN;
  }
}

function intI8(raw: Int8Array, out: Float64Array, o: number, s: number, n: number, scale: number, offset: number, lo: number, hi: number, nd: Float64Array): void {
  const k = nd.length;
  for (let i = s; i < n; i++) {
    const v = raw[i];
    let ok = v >= lo && v <= hi;
    for (let j = 0; ok && j < k; j++) ok = v !== nd[j];
    if (ok) out[o + i] = v * scale + offset;
    else out[o + i] = NaN;
  }
}

function intI32(raw: Int32Array, out: Float64Array, o: number, s: number, n: number, scale: number, offset: number, lo: number, hi: number, nd: Float64Array): void {
  const k = nd.length;
  for (let i = s; i < n; i++) {
    const v = raw[i];
    let ok = v >= lo && v <= hi;
    for (let j = 0; ok && j < k; j++) ok = v !== nd[j];
    if (ok) out[o + i] = v * scale + offset;
    else out[o + i] = NaN;
  }
}

function intU32(raw: Uint32Array, out: Float64Array, o: number, s: number, n: number, scale: number, offset: number, lo: number, hi: number, nd: Float64Array): void {
  const k = nd.length;
  for (let i = s; i < n; i++) {
    const v = raw[i];
    let ok = v >= lo && v <= hi;
    for (let j = 0; ok && j < k; j++) ok = v !== nd[j];
    if (ok) out[o + i] = v * scale + offset;
    else out[o + i] = NaN;
  }
}

function plainF32(raw: Float32Array, out: Float64Array, o: number, s: number, n: number, scale: number, offset: number, lo: number, hi: number): void {
  for (let i = s; i < n; i++) {
    const v = raw[i];
    if (v >= lo && v <= hi) out[o + i] = v * scale + offset;
    else out[o + i] = NaN; // NaN fails both comparisons
  }
}

function plainF64(raw: Float64Array, out: Float64Array, o: number, s: number, n: number, scale: number, offset: number, lo: number, hi: number): void {
  for (let i = s; i < n; i++) {
    const v = raw[i];
    if (v >= lo && v <= hi) out[o + i] = v * scale + offset;
    else out[o + i] = NaN; // NaN fails both comparisons
  }
}

function floatF32(raw: Float32Array, out: Float64Array, o: number, s: number, n: number, scale: number, offset: number, lo: number, hi: number, nd: Float64Array, f32: boolean): void {
  const k = nd.length;
  const OVER = FLT_MAX + 2 ** 103;
  const tol = FLT_EPSILON * 2;
  for (let i = s; i < n; i++) {
    const v = raw[i];
    let ok = v >= lo && v <= hi;
    for (let j = 0; ok && j < k; j++) {
      const d = nd[j];
      const diff = Math.abs(v - d);
      const s = Math.abs(v + d);
      if (f32 && s >= OVER) ok = diff >= OVER;
      else ok = diff >= tol * (f32 ? Math.fround(s) : s) && v !== d;
    }
    if (ok) out[o + i] = v * scale + offset;
    else out[o + i] = NaN;
  }
}

function floatF64(raw: Float64Array, out: Float64Array, o: number, s: number, n: number, scale: number, offset: number, lo: number, hi: number, nd: Float64Array, f32: boolean): void {
  const k = nd.length;
  const OVER = FLT_MAX + 2 ** 103;
  const tol = FLT_EPSILON * 2;
  for (let i = s; i < n; i++) {
    const v = raw[i];
    let ok = v >= lo && v <= hi;
    for (let j = 0; ok && j < k; j++) {
      const d = nd[j];
      const diff = Math.abs(v - d);
      const s = Math.abs(v + d);
      if (f32 && s >= OVER) ok = diff >= OVER;
      else ok = diff >= tol * (f32 ? Math.fround(s) : s) && v !== d;
    }
    if (ok) out[o + i] = v * scale + offset;
    else out[o + i] = NaN;
  }
}
function loopPlain(raw: ArrayLike<number>, out: Float32Array | Float64Array, o: number, s: number, n: number, scale: number, offset: number, lo: number, hi: number): void {
  for (let i = s; i < n; i++) {
    const v = raw[i];
    out[o + i] = v >= lo && v <= hi ? v * scale + offset : NaN; // NaN fails both comparisons
  }
}

function loopInt1(raw: ArrayLike<number>, out: Float32Array | Float64Array, o: number, s: number, n: number, scale: number, offset: number, lo: number, hi: number, nd: number): void {
  for (let i = s; i < n; i++) {
    const v = raw[i];
    out[o + i] = v >= lo && v <= hi && v !== nd ? v * scale + offset : NaN;
  }
}

function loopIntK(raw: ArrayLike<number>, out: Float32Array | Float64Array, o: number, s: number, n: number, scale: number, offset: number, lo: number, hi: number, nd: Float64Array): void {
  const k = nd.length;
  for (let i = s; i < n; i++) {
    const v = raw[i];
    let ok = v >= lo && v <= hi;
    for (let j = 0; ok && j < k; j++) ok = v !== nd[j];
    out[o + i] = ok ? v * scale + offset : NaN;
  }
}

function loopFloat(raw: ArrayLike<number>, out: Float32Array | Float64Array, o: number, s: number, n: number, scale: number, offset: number, lo: number, hi: number, nd: Float64Array, f32: boolean): void {
  const k = nd.length;
  const OVER = FLT_MAX + 2 ** 103; // float32: |v + nd| at/above this rounds to +inf (see the header)
  const tol = FLT_EPSILON * 2;
  for (let i = s; i < n; i++) {
    const v = raw[i];
    let ok = v >= lo && v <= hi;
    for (let j = 0; ok && j < k; j++) {
      const d = nd[j];
      const diff = Math.abs(v - d);
      const s = Math.abs(v + d);
      if (f32 && s >= OVER) ok = diff >= OVER;
      else ok = diff >= tol * (f32 ? Math.fround(s) : s) && v !== d;
    }
    out[o + i] = ok ? v * scale + offset : NaN;
  }
}

/**
 * Writes the physical values of `raw` (stored values of a band of type `dtype`) to
 * out[outOffset …]; invalid pixels become NaN. See the header comment for the rules.
 */
export function applyLayer(
  raw: RasterArray | ArrayLike<number>, spec: LayerValues,
  fileNoData: number | null, dtype: RasterDtype, out: Float32Array | Float64Array, outOffset = 0,
): void {
  layerApplier(spec, fileNoData, dtype)(raw, out, outOffset);
}
