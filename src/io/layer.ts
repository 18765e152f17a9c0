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

export type LayerApplier = (raw: ArrayLike<number>, out: Float32Array | Float64Array, outOffset?: number) => void;

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

  return (raw, out, outOffset = 0) => {
    const n = raw.length;
    if (outOffset < 0 || outOffset + n > out.length) {
      throw new RangeError(`applyLayer: ${n} values do not fit in out[${outOffset}…] (length ${out.length})`);
    }
    if (k === 0) loopPlain(raw, out, outOffset, n, scale, offset, lo, hi);
    else if (!isFloat && k === 1) loopInt1(raw, out, outOffset, n, scale, offset, lo, hi, nd[0]);
    else if (!isFloat) loopIntK(raw, out, outOffset, n, scale, offset, lo, hi, nd);
    else loopFloat(raw, out, outOffset, n, scale, offset, lo, hi, nd, f32);
  };
}

// The loops are separate top-level functions so that V8 optimizes each on its own.
function loopPlain(raw: ArrayLike<number>, out: Float32Array | Float64Array, o: number, n: number, scale: number, offset: number, lo: number, hi: number): void {
  for (let i = 0; i < n; i++) {
    const v = raw[i];
    out[o + i] = v >= lo && v <= hi ? v * scale + offset : NaN; // NaN fails both comparisons
  }
}

function loopInt1(raw: ArrayLike<number>, out: Float32Array | Float64Array, o: number, n: number, scale: number, offset: number, lo: number, hi: number, nd: number): void {
  for (let i = 0; i < n; i++) {
    const v = raw[i];
    out[o + i] = v >= lo && v <= hi && v !== nd ? v * scale + offset : NaN;
  }
}

function loopIntK(raw: ArrayLike<number>, out: Float32Array | Float64Array, o: number, n: number, scale: number, offset: number, lo: number, hi: number, nd: Float64Array): void {
  const k = nd.length;
  for (let i = 0; i < n; i++) {
    const v = raw[i];
    let ok = v >= lo && v <= hi;
    for (let j = 0; ok && j < k; j++) ok = v !== nd[j];
    out[o + i] = ok ? v * scale + offset : NaN;
  }
}

function loopFloat(raw: ArrayLike<number>, out: Float32Array | Float64Array, o: number, n: number, scale: number, offset: number, lo: number, hi: number, nd: Float64Array, f32: boolean): void {
  const k = nd.length;
  const OVER = FLT_MAX + 2 ** 103; // float32: |v + nd| at/above this rounds to +inf (see the header)
  const tol = FLT_EPSILON * 2;
  for (let i = 0; i < n; i++) {
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
