/**
 * Reading a raster at a coarser level and/or a window of it, for maps of datasets too large to
 * hold whole (the app's large mode):
 *   - a level is an overview IFD of the file (COG/gdaladdo overviews; mask IFDs, NewSubfileType
 *     bit 4, are skipped), found by its size; its geotransform is the full-resolution one scaled
 *     by the size ratios, as GDAL computes an overview's;
 *   - a file without that overview is decimated instead, from the smallest of its IFDs at least
 *     that large (an overview, else full resolution; all cover the same extent): level pixel
 *     (x, y) takes that image's pixel (floor((x + 0.5)·W/w), floor((y + 0.5)·H/h)), the pixel
 *     under its centre. Memory stays bounded (one source row at a time, tiles cached by the row
 *     reader), but every tile row of that image under the window is decoded;
 *   - a window crops the level to whole pixels [x0, x0 + width) × [y0, y0 + height); only the
 *     tiles under it are decoded.
 */
import type { GeoTIFF, GeoTIFFImage } from 'geotiff';
import type { Grid } from './grid';
import { openRaster, type RasterArray, type RasterDtype } from './raster';
import { describeReadError, openTiff, type RasterInput } from './geotiff';
import { forEachRowSpan, makeRowReader, newArray, recycleRows, type PixelRuns, type RowReader } from './rasterBlocks';
import { DatasetError } from './errors';

export interface RasterLevel {
  width: number;
  height: number;
}

export interface ReadWindow {
  x0: number;
  y0: number;
  width: number;
  height: number;
}

/** How to read a raster: at a level (null: full resolution), cropped to a window of that level (null: all of it). */
export interface ReadAt {
  level?: RasterLevel | null;
  window?: ReadWindow | null;
}

/** The grid of a level of `grid` (full resolution) with the given size: the geotransform scaled as GDAL does. */
export function levelGrid(grid: Grid, width: number, height: number): Grid {
  const [x0, a, b, y0, d, e] = grid.geoTransform;
  const fx = grid.width / width;
  const fy = grid.height / height;
  return { ...grid, width, height, geoTransform: [x0, a * fx, b * fy, y0, d * fx, e * fy] };
}

/** The grid of a window of `grid`. */
export function windowGrid(grid: Grid, w: ReadWindow): Grid {
  const [x0, a, b, y0, d, e] = grid.geoTransform;
  return { ...grid, width: w.width, height: w.height, geoTransform: [x0 + w.x0 * a + w.y0 * b, a, b, y0 + w.x0 * d + w.y0 * e, d, e] };
}

/** The grid a ReadAt gives for a file whose full-resolution grid is `grid`. */
export function gridAt(grid: Grid, at: ReadAt): Grid {
  const l = at.level ? levelGrid(grid, at.level.width, at.level.height) : grid;
  return at.window ? windowGrid(l, at.window) : l;
}

/** Overview IFDs of a TIFF (index, size), largest first; mask IFDs left out. */
export async function overviewImages(tiff: GeoTIFF): Promise<{ index: number; width: number; height: number }[]> {
  const n = await tiff.getImageCount();
  const out: { index: number; width: number; height: number }[] = [];
  for (let i = 1; i < n; i++) {
    const im = await tiff.getImage(i);
    const t = Number(im.fileDirectory.getValue('NewSubfileType' as never) ?? 0);
    if (t & 4) continue; // a transparency mask (GDAL's internal mask and its overviews)
    const photometric = Number(im.fileDirectory.getValue('PhotometricInterpretation' as never) ?? -1);
    if (photometric === 4) continue; // a mask by its photometric interpretation
    out.push({ index: i, width: im.getWidth(), height: im.getHeight() });
  }
  return out.sort((a, b) => b.width * b.height - a.width * a.height);
}

export interface LevelReader {
  grid: Grid;
  blockHeight: number;
  /** True when the level came from an overview IFD (false: decimated, or full resolution). */
  fromOverview: boolean;
  /** Rows of the window; `need` (runs of pixels of these rows) as RasterSource.readRows. */
  readRows(y0: number, y1: number, need?: PixelRuns): Promise<RasterArray>;
}

/**
 * A reader of `at` for a file whose first image is `image0` on `grid`. Throws DatasetError(name)
 * when the window is not inside the level.
 */
export async function openLevel(tiff: GeoTIFF, image0: GeoTIFFImage, grid: Grid, dtype: RasterDtype, at: ReadAt, name: string): Promise<LevelReader> {
  const W = grid.width;
  const H = grid.height;
  const lw = at.level?.width ?? W;
  const lh = at.level?.height ?? H;
  if (!(Number.isInteger(lw) && Number.isInteger(lh) && lw >= 1 && lh >= 1 && lw <= W && lh <= H)) {
    throw new DatasetError(name, `no level of ${lw} × ${lh} px in a ${W} × ${H} px raster`);
  }
  const win = at.window ?? { x0: 0, y0: 0, width: lw, height: lh };
  if (!(win.x0 >= 0 && win.y0 >= 0 && win.width >= 1 && win.height >= 1 && win.x0 + win.width <= lw && win.y0 + win.height <= lh)) {
    throw new DatasetError(name, `window ${win.x0},${win.y0} ${win.width} × ${win.height} px outside the ${lw} × ${lh} px level`);
  }
  const out = gridAt(grid, { level: at.level, window: at.window });
  let image = image0;
  let fromOverview = false;
  // The IFD of that size, else the smallest one at least that large, decimated (same extent).
  let [sw, sh] = [W, H];
  if (lw !== W || lh !== H) {
    const ovs = await overviewImages(tiff);
    const ov = ovs.find((o) => o.width === lw && o.height === lh) ?? ovs.filter((o) => o.width >= lw && o.height >= lh).at(-1);
    if (ov) {
      image = await tiff.getImage(ov.index);
      fromOverview = ov.width === lw && ov.height === lh;
      [sw, sh] = [ov.width, ov.height];
    }
  }
  const reader = await makeRowReader(image, dtype);
  const decimate = sw !== lw || sh !== lh;
  if (!decimate) {
    const whole = win.x0 === 0 && win.width === lw;
    return {
      grid: out, blockHeight: reader.blockHeight, fromOverview,
      async readRows(y0, y1, need) {
        if (whole) return reader.readRows(win.y0 + y0, win.y0 + y1, need);
        const n = y1 - y0;
        const rows = await reader.readRows(win.y0 + y0, win.y0 + y1, levelRuns(need ?? { runs: Int32Array.of(0, n * win.width), count: 1 }, win.width, lw, win.x0));
        const res = newArray(dtype, n * win.width);
        for (let r = 0; r < n; r++) res.set(rows.subarray(r * lw + win.x0, r * lw + win.x0 + win.width) as never, r * win.width);
        recycleRows(rows);
        return res;
      },
    };
  }
  return decimatedReader(reader, sw, sh, lw, lh, win, dtype, out);
}

function decimatedReader(reader: RowReader, W: number, H: number, lw: number, lh: number, win: ReadWindow, dtype: RasterDtype, grid: Grid): LevelReader {
  const cols = new Int32Array(win.width);
  for (let x = 0; x < win.width; x++) cols[x] = Math.min(W - 1, Math.floor((win.x0 + x + 0.5) * W / lw));
  const c0 = cols[0];
  const c1 = cols[win.width - 1] + 1;
  const need = { runs: Int32Array.of(c0, c1), count: 1 };
  const srcRow = (y: number) => Math.min(H - 1, Math.floor((win.y0 + y + 0.5) * H / lh));
  return {
    grid,
    // Rows of the level that one full-resolution tile row covers, at least 1.
    blockHeight: Math.max(1, Math.floor(reader.blockHeight * lh / H)),
    fromOverview: false,
    async readRows(y0, y1, need) {
      const res = newArray(dtype, (y1 - y0) * win.width);
      const rowNeeded = need ? neededRows(need, win.width, y1 - y0) : null;
      for (let y = y0; y < y1; y++) {
        if (rowNeeded && !rowNeeded[y - y0]) continue; // no pixel of this row is looked at
        const fr = srcRow(y);
        const row = await reader.readRows(fr, fr + 1, need);
        const o = (y - y0) * win.width;
        for (let x = 0; x < win.width; x++) res[o + x] = row[cols[x]];
        recycleRows(row);
      }
      return res;
    },
  };
}

/**
 * Runs over rows of width `ww` (a window) as runs over the same rows of width `lw` (the level),
 * the window starting at column x0: each run split at row ends and shifted.
 */
export function levelRuns(need: PixelRuns, ww: number, lw: number, x0: number): PixelRuns {
  const out: number[] = [];
  forEachRowSpan(need, ww, (r, c0, c1) => out.push(r * lw + x0 + c0, r * lw + x0 + c1));
  return { runs: Int32Array.from(out), count: out.length / 2 };
}

/** Which of `rows` rows of width `w` hold a pixel of `need`. */
function neededRows(need: PixelRuns, w: number, rows: number): Uint8Array {
  const out = new Uint8Array(rows);
  for (let i = 0; i < need.count; i++) {
    const a = need.runs[2 * i], e = need.runs[2 * i + 1];
    if (e <= a) continue;
    for (let r = Math.floor(a / w); r <= Math.floor((e - 1) / w) && r < rows; r++) out[r] = 1;
  }
  return out;
}

/** A raster's full-resolution grid, rows per tile, and the sizes of its overviews (largest first), from its header. */
export async function rasterLevels(input: RasterInput, name: string): Promise<{ grid: Grid; blockHeight: number; overviews: RasterLevel[] }> {
  const src = await openRaster(input, name);
  const { grid, blockHeight } = src;
  src.close();
  const { tiff } = await openTiff(input, name);
  try {
    return { grid, blockHeight, overviews: (await overviewImages(tiff)).map(({ width, height }) => ({ width, height })) };
  } catch (e) {
    throw new DatasetError(name, describeReadError(e));
  } finally {
    try {
      const r = (tiff as unknown as { close?: () => unknown }).close?.();
      if (r && typeof (r as Promise<unknown>).catch === 'function') (r as Promise<unknown>).catch(() => undefined);
    } catch {
      /* nothing to close */
    }
  }
}
