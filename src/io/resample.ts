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
 * need. The per-row source coordinates are cached per (source grid, target grid) and shared by
 * all sources on the same grids (all the years of a variable), so proj4 runs once per pixel.
 */
import type { Grid } from './grid';
import type { RasterArray, RasterSource } from './raster';
import type { LayerSpec } from './layer';
import { applyLayer, effectiveNoData } from './layer';
import { crsToCrs, sameCrs } from './crs';
import { sameGrid } from './gridCheck';

interface RowCoords {
  /** continuous source pixel coordinates (0 = left/top edge) of each target pixel centre; NaN if not transformable */
  sx: Float64Array;
  sy: Float64Array;
  minY: number;
  maxY: number;
}

const gridKey = (g: Grid): string => `${g.width}x${g.height}|${g.geoTransform.join(',')}|${g.crs.epsg ?? g.crs.proj4}`;

/** LRU of per-row coordinates, shared between sources on the same grid pair. */
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

type Validity = Pick<LayerSpec, 'nodata' | 'valid'>;

/**
 * `src` on the `target` grid: `src` itself when it is on that grid already; otherwise a
 * RasterSource whose readRows gives bilinear values on the target grid (see the header).
 * `validity`: the layer's extra nodata values and valid range (stored units), excluded from
 * the interpolation like the file's GDAL_NODATA.
 */
export function resampleSource(src: RasterSource, target: Grid, validity: Validity = {}): RasterSource {
  if (sameGrid(src.grid, target)) return src;
  const sg = src.grid;
  const W = target.width;
  const SW = sg.width;
  const SH = sg.height;
  const toSrcCrs = sameCrs(target.crs, sg.crs) ? null : crsToCrs(target.crs, sg.crs);
  const toSrcPixel = inverseGeoTransform(sg.geoTransform);
  const [tx0, ta, tb, ty0, td, te] = target.geoTransform;
  const pairKey = `${gridKey(sg)}>${gridKey(target)}`;

  const rowCoords = (row: number): RowCoords => {
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
      // GDAL (GWK): the source pixel holding the centre is floor(p - 1e-10); it must exist
      const cx = Math.floor(px - 1e-10);
      const cy = Math.floor(py - 1e-10);
      if (Number.isFinite(px) && Number.isFinite(py) && px >= 0 && py >= 0 && cx >= 0 && cx < SW && cy >= 0 && cy < SH) {
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
  };

  const lo = validity.valid ? validity.valid[0] : -Infinity;
  const hi = validity.valid ? validity.valid[1] : Infinity;
  const ndList: number[] = [];
  if (src.noData !== null) ndList.push(src.noData);
  if (validity.nodata !== undefined) ndList.push(...(Array.isArray(validity.nodata) ? validity.nodata : [validity.nodata]));
  const nd = effectiveNoData(ndList, src.dtype);
  const outF64 = src.dtype === 'float64';

  /** Source rows a0..a1-1 as float64 stored values, NaN where invalid. */
  const readValid = async (a0: number, a1: number): Promise<Float64Array> => {
    const raw = await src.readRows(a0, a1);
    const v = new Float64Array(raw.length);
    const mask = new Float32Array(raw.length);
    // applyLayer's validity rules (GDAL's nodata comparison) with scale 1 and offset 0;
    // the values themselves are copied at full precision
    applyLayer(raw, { nodata: nd, valid: [lo, hi] }, null, src.dtype, mask);
    for (let i = 0; i < raw.length; i++) v[i] = mask[i] !== mask[i] ? NaN : raw[i];
    return v;
  };

  return {
    name: src.name,
    grid: target,
    dtype: outF64 ? 'float64' : 'float32',
    noData: NaN,
    blockHeight: 1,
    async readRows(y0: number, y1: number): Promise<RasterArray> {
      if (!(Number.isInteger(y0) && Number.isInteger(y1) && y0 >= 0 && y1 <= target.height && y0 <= y1)) {
        throw new RangeError(`${src.name}: rows ${y0}..${y1} outside 0..${target.height}`);
      }
      const out = outF64 ? new Float64Array((y1 - y0) * W) : new Float32Array((y1 - y0) * W);
      out.fill(NaN);
      if (y1 === y0) return out;
      const rows: RowCoords[] = [];
      let minY = Infinity;
      let maxY = -Infinity;
      for (let y = y0; y < y1; y++) {
        const rc = rowCoords(y);
        rows.push(rc);
        if (rc.minY < minY) minY = rc.minY;
        if (rc.maxY > maxY) maxY = rc.maxY;
      }
      if (!(minY <= maxY)) return out; // nothing of the target rows falls on the source
      // source rows whose centres surround the points: floor(py - 0.5) and the next one
      const a0 = Math.max(0, Math.floor(minY - 0.5));
      const a1 = Math.min(SH, Math.floor(maxY - 0.5) + 2);
      const v = await readValid(a0, a1);
      for (let k = 0; k < rows.length; k++) {
        const { sx, sy } = rows[k];
        const o = k * W;
        for (let c = 0; c < W; c++) {
          const px = sx[c] - 0.5;
          if (px !== px) continue;
          const py = sy[c] - 0.5;
          // as GDAL: no value when the source pixel under the centre is itself invalid
          const under = v[(Math.floor(sy[c] - 1e-10) - a0) * SW + Math.floor(sx[c] - 1e-10)];
          if (under !== under) continue;
          const ix = Math.floor(px);
          const iy = Math.floor(py);
          const fx = px - ix;
          const fy = py - iy;
          let sw = 0;
          let s = 0;
          // the four neighbours, skipped when outside the source or invalid
          for (let j = 0; j < 2; j++) {
            const yy = iy + j;
            if (yy < a0 || yy >= a1) continue;
            const wy = j === 0 ? 1 - fy : fy;
            if (wy === 0) continue;
            const base = (yy - a0) * SW;
            for (let i = 0; i < 2; i++) {
              const xx = ix + i;
              if (xx < 0 || xx >= SW) continue;
              const w = (i === 0 ? 1 - fx : fx) * wy;
              if (w === 0) continue;
              const val = v[base + xx];
              if (val !== val) continue;
              sw += w;
              s += w * val;
            }
          }
          if (sw > 1e-6) out[o + c] = s / sw;
        }
      }
      return out;
    },
    close() {
      src.close();
    },
  };
}
