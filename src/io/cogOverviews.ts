/** Overview levels for a COG: sizes by factors of 2 and the resampling to make them. */

export type OverviewResampling = 'average' | 'nearest' | 'mode';
export type RasterArray = Float32Array | Float64Array | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array;

export interface OverviewLevel {
  /** Reduction factor against full resolution: 2, 4, 8, … */
  factor: number;
  width: number;
  height: number;
}

/**
 * The overview levels: factors 2, 4, … with sizes ceil(size / factor), until the level fits
 * in one tile (as GDAL's COG driver with OVERVIEWS=AUTO). None when the image fits already.
 */
export function overviewLevels(width: number, height: number, tileSize: number): OverviewLevel[] {
  const levels: OverviewLevel[] = [];
  let w = width;
  let h = height;
  let factor = 1;
  while (w > tileSize || h > tileSize) {
    factor *= 2;
    w = Math.ceil(width / factor);
    h = Math.ceil(height / factor);
    levels.push({ factor, width: w, height: h });
  }
  return levels;
}

const isFloat = (a: RasterArray) => a instanceof Float32Array || a instanceof Float64Array;

/**
 * GDAL's nearest neighbour for one step (as its overview code does): output pixel i takes
 * source pixel floor(0.5 + i · srcSize / dstSize).
 */
export function nearestStep(src: RasterArray, sw: number, sh: number, ow: number, oh: number): RasterArray {
  const Ctor = src.constructor as new (n: number) => RasterArray;
  const out = new Ctor(ow * oh);
  const rx = sw / ow;
  const ry = sh / oh;
  const xs = new Int32Array(ow);
  for (let i = 0; i < ow; i++) xs[i] = Math.min(sw - 1, Math.floor(0.5 + i * rx));
  for (let j = 0; j < oh; j++) {
    const row = Math.min(sh - 1, Math.floor(0.5 + j * ry)) * sw;
    for (let i = 0; i < ow; i++) out[j * ow + i] = src[row + xs[i]];
  }
  return out;
}

/**
 * Reduce a full-resolution raster by `level.factor`: output pixel (i, j) summarises the
 * source block [i·f, min((i+1)·f, width)) × [j·f, min((j+1)·f, height)).
 * - average: mean of the valid pixels (not NaN, not noData); rounded for integer types.
 * - mode: the most frequent valid value (on ties, the one that reached that count first in row order).
 * A block without a valid pixel gets noData (NaN for floats without noData).
 */
export function reduceBlocks(
  data: RasterArray,
  width: number,
  height: number,
  level: OverviewLevel,
  method: 'average' | 'mode',
  noData: number | null,
): RasterArray {
  const { factor: f, width: ow, height: oh } = level;
  const Ctor = data.constructor as new (n: number) => RasterArray;
  const out = new Ctor(ow * oh);
  const float = isFloat(data);
  const empty = noData ?? (float ? NaN : 0);
  const hasNoData = noData !== null && !Number.isNaN(noData);
  const counts = method === 'mode' ? new Map<number, number>() : null;
  for (let j = 0; j < oh; j++) {
    const y0 = j * f;
    const y1 = Math.min(y0 + f, height);
    for (let i = 0; i < ow; i++) {
      const x0 = i * f;
      const x1 = Math.min(x0 + f, width);
      let value = empty;
      if (counts) {
        counts.clear();
        let best = 0;
        for (let y = y0; y < y1; y++) {
          for (let x = x0; x < x1; x++) {
            const v = data[y * width + x];
            if (v !== v || (hasNoData && v === noData)) continue;
            const c = (counts.get(v) ?? 0) + 1;
            counts.set(v, c);
            if (c > best) {
              best = c;
              value = v;
            }
          }
        }
      } else {
        let sum = 0;
        let n = 0;
        for (let y = y0; y < y1; y++) {
          for (let x = x0; x < x1; x++) {
            const v = data[y * width + x];
            if (v !== v || (hasNoData && v === noData)) continue;
            sum += v;
            n++;
          }
        }
        if (n > 0) value = float ? sum / n : Math.round(sum / n);
      }
      out[j * ow + i] = value;
    }
  }
  return out;
}

export interface OverviewRaster {
  width: number;
  height: number;
  data: RasterArray;
}

/**
 * All overviews of a raster (see overviewLevels). average and mode summarise the
 * full-resolution blocks (an exact mean, not a mean of means); nearest goes level by level
 * from the previous one as GDAL does, so it picks the same pixels as gdaladdo -r nearest.
 */
export function makeOverviews(
  data: RasterArray,
  width: number,
  height: number,
  tileSize: number,
  method: OverviewResampling,
  noData: number | null,
): OverviewRaster[] {
  const out: OverviewRaster[] = [];
  let prev: OverviewRaster = { width, height, data };
  for (const lv of overviewLevels(width, height, tileSize)) {
    const d =
      method === 'nearest'
        ? nearestStep(prev.data, prev.width, prev.height, lv.width, lv.height)
        : reduceBlocks(data, width, height, lv, method, noData);
    prev = { width: lv.width, height: lv.height, data: d };
    out.push(prev);
  }
  return out;
}
