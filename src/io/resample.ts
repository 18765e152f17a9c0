/**
 * Bilinear resampling of a raster onto the analysis grid (SPEC §2: climate rasters on another
 * grid or CRS), as `gdalwarp -r bilinear` does it for upsampling:
 *   - each target pixel centre is taken to the source CRS (proj4; the affine transforms only
 *     when both grids share the CRS) and then to source pixel coordinates;
 *   - the value is the bilinear mean of the 4 source pixels whose centres surround it, with
 *     the weights renormalized over the valid ones (GDAL's GWKBilinearResample4Sample), so a
 *     pixel next to a nodata hole or on the edge band of the source still gets a value;
 *   - NaN where the centre falls outside the source raster, where the source pixel under the
 *     centre is itself invalid (GDAL skips those: its unified source validity mask), or where
 *     no neighbour is valid.
 * GDAL widens the bilinear kernel when downsampling (a target pixel covering several source
 * pixels averages them all, scale factor > 1); we do not: our case is coarse climate
 * (0.05°–0.5°) onto a finer NPP grid (500 m–1 km), i.e. upsampling, where both agree.
 *
 * Interpolation happens in stored units on the valid source pixels (NaN, GDAL_NODATA and the
 * layer's own nodata/valid are excluded first). Since scale/offset are linear and `valid` is
 * an interval, applying the layer (applyLayer) afterwards gives the same physical values as
 * interpolating physical values. The result is a RasterSource of float32 (float64 for float64
 * sources) with noData NaN.
 *
 * Memory stays bounded: readRows reads only the source rows that the requested target rows
 * need, and computes only the pixels asked for (the engine asks for those inside the boundary).
 * Source coordinates are worked out once per column and row for grids in the same CRS, and
 * otherwise cached per row and (source grid, target grid), shared by all sources on the same
 * grids (all the years of a variable), so proj4 runs once per pixel.
 */
import type { Grid } from './grid';
import type { RasterArray, RasterSource } from './raster';
import { forEachRowSpan, takeArray, type PixelRuns } from './rasterBlocks';
import type { LayerSpec } from './layer';
import { effectiveNoData, layerApplier, type LayerApplier } from './layer';
import { crsToCrs, sameCrs } from './crs';
import { sameGrid } from './gridCheck';

/**
 * Where the target pixel centres of one row fall in the source (grids that are not separable, see
 * coordsFor): continuous source pixel coordinates (0 = left/top edge), NaN where the centre cannot
 * be transformed or falls outside the source.
 */
interface RowCoords {
  sx: Float64Array;
  sy: Float64Array;
  minY: number;
  maxY: number;
}

const gridKey = (g: Grid): string => `${g.width}x${g.height}|${g.geoTransform.join(',')}|${g.crs.epsg ?? g.crs.proj4}`;

/** LRU of per-row coordinates of reprojected grids, shared between sources on the same grid pair. */
const coordCache = new Map<string, RowCoords>();
let coordCacheBytes = 0;
const COORD_CACHE_MAX_BYTES = 48 * 1024 * 1024;

function cacheGet(key: string): RowCoords | undefined {
  const v = coordCache.get(key);
  if (v) {
    coordCache.delete(key);
    coordCache.set(key, v);
  }
  return v;
}

function cachePut(key: string, v: RowCoords): void {
  coordCache.set(key, v);
  coordCacheBytes += v.sx.byteLength * 2;
  for (const [k, old] of coordCache) {
    if (coordCacheBytes <= COORD_CACHE_MAX_BYTES) break;
    coordCache.delete(k);
    coordCacheBytes -= old.sx.byteLength * 2;
  }
}

/** Empties the coordinate cache (tests, or to free memory after a run). */
export function clearResampleCache(): void {
  separableCoords.clear();
  coordCache.clear();
  coordCacheBytes = 0;
}

/** Inverse of a GDAL geotransform: georeferenced (x, y) -> pixel (col, row), continuous. */
function inverseGeoTransform(gt: Grid['geoTransform']): (x: number, y: number) => [number, number] {
  const [x0, a, b, y0, d, e] = gt;
  const det = a * e - b * d;
  return (x, y) => {
    const dx = x - x0;
    const dy = y - y0;
    return [(e * dx - b * dy) / det, (-d * dx + a * dy) / det];
  };
}

/** A source pixel coordinate that lands on the source (GDAL: the pixel under it is floor(p − 1e-10) and must exist). */
const onSource = (p: number, size: number): boolean => p === p && p >= 0 && Math.floor(p - 1e-10) >= 0 && Math.floor(p - 1e-10) < size;

type Validity = Pick<LayerSpec, 'nodata' | 'valid'>;

/**
 * Where each target row's pixel centres fall in the source, as a function of the row.
 * Separable grids (the same CRS, neither geotransform rotated: the usual coarse climate grid
 * under a finer NPP grid) share one array of columns and give each row a single source row
 * coordinate; other grids (reprojection, rotation) get a cached array of both per row.
 */
type Coords = { separable: true; sx: Float64Array; cols: ColumnTable; syOf: (row: number) => number } | { separable: false; rowOf: (row: number) => RowCoords };

/** Per target column of a separable pair: the source column under the centre (−1: none), and the bilinear pair's left column and weight. */
interface ColumnTable {
  under: Int32Array;
  ix: Int32Array;
  fx: Float64Array;
}

function columnTable(sx: Float64Array): ColumnTable {
  const n = sx.length;
  const t = { under: new Int32Array(n), ix: new Int32Array(n), fx: new Float64Array(n) };
  for (let c = 0; c < n; c++) {
    const x = sx[c];
    if (x !== x) {
      t.under[c] = -1;
      continue;
    }
    t.under[c] = Math.floor(x - 1e-10);
    const px = x - 0.5;
    t.ix[c] = Math.floor(px);
    t.fx[c] = px - t.ix[c];
  }
  return t;
}

/**
 * The separable pairs' coordinates, per (source grid, target grid): every year's climate file of a
 * dataset shares one grid, and a worker resamples a hundred of them (for each pass) to the same
 * target; a few entries (the NPP grid and its overview) are all a run meets.
 */
const separableCoords = new Map<string, Coords>();
const SEPARABLE_COORDS_MAX = 8;

function coordsFor(sg: Grid, target: Grid): Coords {
  const pairKey = `${gridKey(sg)}>${gridKey(target)}`;
  const known = separableCoords.get(pairKey);
  if (known) return known;
  const coords = computeCoords(sg, target, pairKey);
  if (coords.separable) {
    if (separableCoords.size >= SEPARABLE_COORDS_MAX) separableCoords.delete(separableCoords.keys().next().value!);
    separableCoords.set(pairKey, coords);
  }
  return coords;
}

function computeCoords(sg: Grid, target: Grid, pairKey: string): Coords {
  const W = target.width;
  const toSrcCrs = sameCrs(target.crs, sg.crs) ? null : crsToCrs(target.crs, sg.crs);
  const toSrcPixel = inverseGeoTransform(sg.geoTransform);
  const [tx0, ta, tb, ty0, td, te] = target.geoTransform;
  const [, , sb, , sd] = sg.geoTransform;
  if (!toSrcCrs && tb === 0 && td === 0 && sb === 0 && sd === 0) {
    // px depends on x alone and py on y alone: the same arithmetic as below, done once per column and row
    const sx = new Float64Array(W);
    for (let c = 0; c < W; c++) {
      const px = toSrcPixel(tx0 + (c + 0.5) * ta, ty0)[0];
      sx[c] = onSource(px, sg.width) ? px : NaN;
    }
    return {
      separable: true,
      sx,
      cols: columnTable(sx),
      syOf: (row) => {
        const py = toSrcPixel(tx0, ty0 + (row + 0.5) * te)[1];
        return onSource(py, sg.height) ? py : NaN;
      },
    };
  }
  return {
    separable: false,
    rowOf: (row) => {
      const key = `${pairKey}#${row}`;
      const hit = cacheGet(key);
      if (hit) return hit;
      const sx = new Float64Array(W);
      const sy = new Float64Array(W);
      let minY = Infinity;
      let maxY = -Infinity;
      const r = row + 0.5;
      for (let c = 0; c < W; c++) {
        const cc = c + 0.5;
        let x = tx0 + cc * ta + r * tb;
        let y = ty0 + cc * td + r * te;
        if (toSrcCrs) {
          try {
            [x, y] = toSrcCrs(x, y);
          } catch {
            x = NaN;
            y = NaN;
          }
        }
        const [px, py] = toSrcPixel(x, y);
        if (onSource(px, sg.width) && onSource(py, sg.height)) {
          sx[c] = px;
          sy[c] = py;
          if (py < minY) minY = py;
          if (py > maxY) maxY = py;
        } else {
          sx[c] = NaN;
          sy[c] = NaN;
        }
      }
      const v = { sx, sy, minY, maxY };
      cachePut(key, v);
      return v;
    },
  };
}

// The interpolation helpers write their value into the output array instead of returning it: a
// double returned from a function V8 does not inline is a new heap object, one per pixel-year
// (hundreds of MB of garbage a run, and a collection every few tens of milliseconds).

/**
 * The bilinear value from the four neighbours at v[b], v[b + 1], v[b + SW], v[b + SW + 1] with
 * weights fx, fy on the second column and row, into out[i]; false (out untouched) when one of
 * them is invalid (the caller then renormalizes over the valid ones, as GDAL does).
 */
function fourInto(v: Float64Array, b: number, SW: number, fx: number, fy: number, out: Float32Array | Float64Array, i: number): boolean {
  const v00 = v[b], v01 = v[b + 1], v10 = v[b + SW], v11 = v[b + SW + 1];
  if (!(v00 === v00 && v01 === v01 && v10 === v10 && v11 === v11)) return false;
  const w00 = (1 - fx) * (1 - fy), w01 = fx * (1 - fy), w10 = (1 - fx) * fy, w11 = fx * fy;
  out[i] = (w00 * v00 + w01 * v01 + w10 * v10 + w11 * v11) / (w00 + w01 + w10 + w11);
  return true;
}

/**
 * The bilinear value at source pixel coordinates (sx, sy), GDAL's way (see the header), from
 * `v` (source rows a0..a1-1 of width SW, NaN where invalid), into out[i]: NaN when there is none.
 */
function bilinearInto(v: Float64Array, SW: number, a0: number, a1: number, sx: number, sy: number, out: Float32Array | Float64Array, i: number): void {
  // as GDAL: no value when the source pixel under the centre is itself invalid
  const under = v[(Math.floor(sy - 1e-10) - a0) * SW + Math.floor(sx - 1e-10)];
  if (under !== under) {
    out[i] = NaN;
    return;
  }
  const px = sx - 0.5;
  const py = sy - 0.5;
  const ix = Math.floor(px);
  const iy = Math.floor(py);
  const fx = px - ix;
  const fy = py - iy;
  // all four neighbours on the source: the common case, unless one is invalid
  if (ix >= 0 && ix + 1 < SW && iy >= a0 && iy + 1 < a1 && fourInto(v, (iy - a0) * SW + ix, SW, fx, fy, out, i)) return;
  let sw = 0;
  let s = 0;
  // the four neighbours, skipped when outside the source or invalid
  for (let j = 0; j < 2; j++) {
    const yy = iy + j;
    if (yy < a0 || yy >= a1) continue;
    const wy = j === 0 ? 1 - fy : fy;
    if (wy === 0) continue;
    const base = (yy - a0) * SW;
    for (let k = 0; k < 2; k++) {
      const xx = ix + k;
      if (xx < 0 || xx >= SW) continue;
      const w = (k === 0 ? 1 - fx : fx) * wy;
      if (w === 0) continue;
      const val = v[base + xx];
      if (val !== val) continue;
      sw += w;
      s += w * val;
    }
  }
  out[i] = sw > 1e-6 ? s / sw : NaN;
}

/**
 * bilinearInto for target columns c0..c1-1 of a row of a separable pair (source row coordinate
 * sy), into out[o + c]: the same values, with the columns' neighbours and weights looked up
 * (the source is a coarse grid: each of its cells covers many target pixels) and the common case
 * of four valid neighbours in one expression.
 */
function separableSpan(v: Float64Array, SW: number, a0: number, a1: number, sx: Float64Array, t: ColumnTable, sy: number, out: Float32Array | Float64Array, o: number, c0: number, c1: number): void {
  if (sy !== sy) {
    out.fill(NaN, o + c0, o + c1);
    return;
  }
  const rowUnder = (Math.floor(sy - 1e-10) - a0) * SW;
  const py = sy - 0.5;
  const iy = Math.floor(py);
  const fy = py - iy;
  const rowsIn = iy >= a0 && iy + 1 < a1;
  const b0 = (iy - a0) * SW;
  for (let c = c0; c < c1; c++) {
    const u = t.under[c];
    if (u < 0 || v[rowUnder + u] !== v[rowUnder + u]) {
      out[o + c] = NaN;
      continue;
    }
    const ix = t.ix[c];
    if (rowsIn && ix >= 0 && ix + 1 < SW && fourInto(v, b0 + ix, SW, t.fx[c], fy, out, o + c)) continue;
    bilinearInto(v, SW, a0, a1, sx[c], sy, out, o + c);
  }
}

/**
 * The source rows that target rows y0..y1-1 reach (a0..a1-1), with what interpolateRows needs of
 * them; null when none of the rows falls on the source.
 */
export interface RowsPlan {
  a0: number;
  a1: number;
  /** Per target row: its source row coordinate (separable pairs) or its coordinates. */
  sys: number[];
  rows: RowCoords[];
}

/**
 * Bilinear resampling from the grid `sg` to `target` (see the header) in two steps: rowsPlan
 * says which source rows some target rows need; interpolateRows computes them from those rows'
 * valid stored values (validValues), synchronously. resampleSource reads the source rows in
 * between; a caller holding a whole small source raster in memory calls both directly.
 */
export interface Resampler {
  rowsPlan(y0: number, y1: number): RowsPlan | null;
  /**
   * Target rows y0..y1-1 into out (row-major, W wide, from row y0), from `v`: the valid stored
   * values of source rows plan.a0..plan.a1-1 (or of any wider range a0..a1 holding them). Only
   * the pixels of `need` are written when given, else all.
   */
  interpolateRows(v: Float64Array, a0: number, a1: number, plan: RowsPlan, y0: number, y1: number, out: Float32Array | Float64Array, need?: PixelRuns): void;
}

export function makeResampler(sg: Grid, target: Grid): Resampler {
  const W = target.width;
  const SW = sg.width;
  const SH = sg.height;
  const coords = coordsFor(sg, target);
  return {
    rowsPlan(y0, y1) {
      // Each row's source coordinates, and the source rows they reach.
      const sys: number[] = [];
      const rows: RowCoords[] = [];
      let minY = Infinity;
      let maxY = -Infinity;
      for (let y = y0; y < y1; y++) {
        if (coords.separable) {
          const sy = coords.syOf(y);
          sys.push(sy);
          if (sy < minY) minY = sy;
          if (sy > maxY) maxY = sy;
        } else {
          const rc = coords.rowOf(y);
          rows.push(rc);
          if (rc.minY < minY) minY = rc.minY;
          if (rc.maxY > maxY) maxY = rc.maxY;
        }
      }
      if (!(minY <= maxY)) return null; // nothing of the target rows falls on the source
      // source rows whose centres surround the points: floor(py - 0.5) and the next one
      return { a0: Math.max(0, Math.floor(minY - 0.5)), a1: Math.min(SH, Math.floor(maxY - 0.5) + 2), sys, rows };
    },
    interpolateRows(v, a0, a1, plan, y0, y1, out, need) {
      const { sys, rows } = plan;
      // target pixels c0..c1-1 of row r (offsets from row y0's start)
      const span = (r: number, c0: number, c1: number) => {
        const o = r * W;
        if (coords.separable) {
          separableSpan(v, SW, a0, a1, coords.sx, coords.cols, sys[r], out, o, c0, c1);
        } else {
          const { sx, sy } = rows[r];
          for (let c = c0; c < c1; c++) {
            const x = sx[c];
            if (x === x) bilinearInto(v, SW, a0, a1, x, sy[c], out, o + c);
            else out[o + c] = NaN;
          }
        }
      };
      if (need) forEachRowSpan(need, W, span);
      else for (let r = 0; r < y1 - y0; r++) span(r, 0, W);
    },
  };
}

/**
 * A source's stored values as float64, NaN where invalid: the file's nodata and `validity`'s
 * nodata values and valid range, with applyLayer's rules (GDAL's nodata comparison); the values
 * themselves at full precision. What interpolateRows reads.
 */
export function validValues(raw: RasterArray, dtype: RasterSource['dtype'], fileNoData: number | null, validity: Validity = {}): Float64Array {
  const lo = validity.valid ? validity.valid[0] : -Infinity;
  const hi = validity.valid ? validity.valid[1] : Infinity;
  const ndList: number[] = [];
  if (fileNoData !== null) ndList.push(fileNoData);
  if (validity.nodata !== undefined) ndList.push(...(Array.isArray(validity.nodata) ? validity.nodata : [validity.nodata]));
  const nd = effectiveNoData(ndList, dtype);
  const v = new Float64Array(raw.length);
  // Scale 1 and offset 0: each valid value as it is (v · 1 + 0; a float −0 becomes +0), NaN elsewhere.
  // One applier per rule, kept: every year of a variable has the same (a 16-bit band's table is
  // then made once, not a per-value loop run again for each of ~90 files).
  const key = `${dtype}|${nd.join(',')}|${lo}|${hi}`;
  let apply = validAppliers.get(key);
  if (!apply) {
    if (validAppliers.size >= 32) validAppliers.clear();
    validAppliers.set(key, (apply = layerApplier({ nodata: nd, valid: [lo, hi] }, null, dtype)));
  }
  apply(raw, v);
  return v;
}

const validAppliers = new Map<string, LayerApplier>();

/** Sources of at most this many pixels are kept whole in memory once read (float64: 2 MB). */
const WHOLE_SOURCE_PIXELS = 1 << 18;

/**
 * `src` on the `target` grid: `src` itself when it is on that grid already; otherwise a
 * RasterSource whose readRows gives bilinear values on the target grid (see the header), only
 * at the pixels asked for when given runs of them (the engine's pixels inside the boundary).
 * `validity`: the layer's extra nodata values and valid range (stored units), excluded from
 * the interpolation like the file's GDAL_NODATA.
 */
export function resampleSource(src: RasterSource, target: Grid, validity: Validity = {}): RasterSource {
  if (sameGrid(src.grid, target)) return src;
  const W = target.width;
  const resampler = makeResampler(src.grid, target);
  const coords = coordsFor(src.grid, target);
  const outF64 = src.dtype === 'float64';
  // A small source (a coarse climate grid) is read whole once: a block's few source rows, read and
  // checked again for every block, cost more than the interpolation itself.
  const small = src.grid.width * src.grid.height <= WHOLE_SOURCE_PIXELS;
  let whole: Promise<Float64Array> | null = null;
  return {
    name: src.name,
    grid: target,
    dtype: outF64 ? 'float64' : 'float32',
    noData: NaN,
    blockHeight: 1,
    async readRows(y0: number, y1: number, need?: PixelRuns): Promise<RasterArray> {
      if (!(Number.isInteger(y0) && Number.isInteger(y1) && y0 >= 0 && y1 <= target.height && y0 <= y1)) {
        throw new RangeError(`${src.name}: rows ${y0}..${y1} outside 0..${target.height}`);
      }
      // Every pixel asked for is written (NaN where there is no value); without runs, all of them.
      // Recycled (rasterBlocks.recycleRows) like the rows of a file: a fresh block-sized array for
      // every year of every variable is memory the system must hand over page by page.
      const out = takeArray(outF64 ? 'float64' : 'float32', (y1 - y0) * W) as Float32Array | Float64Array;
      if (!need) out.fill(NaN);
      if (y1 === y0) return out;
      const plan = resampler.rowsPlan(y0, y1);
      if (!plan) return out.fill(NaN);
      if (small) {
        whole ??= src.readRows(0, src.grid.height).then((raw) => validValues(raw, src.dtype, src.noData, validity));
        resampler.interpolateRows(await whole, 0, src.grid.height, plan, y0, y1, out, need);
      } else {
        const v = validValues(await src.readRows(plan.a0, plan.a1), src.dtype, src.noData, validity);
        resampler.interpolateRows(v, plan.a0, plan.a1, plan, y0, y1, out, need);
      }
      return out;
    },
    async separableRows(y0: number, y1: number) {
      if (!small || outF64 || !coords.separable) return null;
      const plan = resampler.rowsPlan(y0, y1);
      if (!plan) return null;
      const values = await (whole ??= src.readRows(0, src.grid.height).then((raw) => validValues(raw, src.dtype, src.noData, validity)));
      const t = coords.cols;
      return { values, SW: src.grid.width, SH: src.grid.height, sys: plan.sys, sx: coords.sx, under: t.under, ix: t.ix, fx: t.fx };
    },
    async sourceValues() {
      const values = small
        ? await (whole ??= src.readRows(0, src.grid.height).then((raw) => validValues(raw, src.dtype, src.noData, validity)))
        : validValues(await src.readRows(0, src.grid.height), src.dtype, src.noData, validity);
      return { grid: src.grid, values, float64: src.dtype === 'float64' };
    },
    close() {
      src.close();
    },
  };
}
