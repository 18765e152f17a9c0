/**
 * A raster band opened for reading rows: openRaster(input, name) -> RasterSource.
 * Band 1 only; Int8…Float64; any compression geotiff.js decodes (DEFLATE via native zlib,
 * LZW, ZSTD, …), predictors 2 and 3, tiled or stripped.
 */
import type { GeoTIFF, GeoTIFFImage } from 'geotiff';
import { DatasetError } from './errors';
import type { GeoTransform, Grid } from './grid';
import { crsFromGeoKeys } from './crs';
import { describeReadError, openTiff, type OpenedTiff, type RasterInput } from './geotiff';
import { makeRowReader, type PixelRuns } from './rasterBlocks';
import { openLevel, type ReadAt } from './overview';

export type RasterDtype = 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'float32' | 'float64';

export type RasterArray =
  | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

export interface RasterSource {
  /** The name used in error messages (usually the path as given in the manifest). */
  name: string;
  grid: Grid;
  dtype: RasterDtype;
  /** GDAL_NODATA as a number ('nan' -> NaN), or null when the file has none. */
  noData: number | null;
  /**
   * Band 1, rows y0 … y1-1, full width, row-major, in the file's own type. With `need`, only the
   * tiles holding those pixels are decoded (the values elsewhere are undefined); sources that
   * cannot skip tiles ignore it.
   */
  readRows(y0: number, y1: number, need?: PixelRuns): Promise<RasterArray>;
  /**
   * Rows per tile/strip of the file (1 for computed sources): blocks that are a multiple of it
   * decode each tile once. A hint only; any y0..y1 works.
   */
  blockHeight: number;
  /** Opened with a ReadAt level: true when read from an overview IFD, false when decimated. */
  fromOverview?: boolean;
  /**
   * A resampled source (resample.ts): the file's own valid values (validValues: float64, NaN where
   * invalid) on its own grid, what the resampling interpolates; `float64` when the file's type is.
   */
  sourceValues?(): Promise<{ grid: Grid; values: Float64Array; float64: boolean }>;
  /**
   * A resampled source on a separable grid pair, read whole (a coarse grid): what readRows(y0,
   * y1) interpolates from, for an engine doing the same interpolation itself (wasmBlock.ts); null
   * otherwise.
   */
  separableRows?(y0: number, y1: number): Promise<SeparableRows | null>;
  close(): void;
}

/** See RasterSource.separableRows: resample.ts separableSpan's inputs for rows y0 … y1−1. */
export interface SeparableRows {
  /** The source's valid values (NaN invalid), all its rows (SW × SH). */
  values: Float64Array;
  SW: number;
  SH: number;
  /** Per target row from y0: its source row coordinate (NaN: off the source). */
  sys: number[];
  /** Per target column: its source column coordinate, the column under its centre (−1: none), and the bilinear pair's left column and weight. */
  sx: Float64Array;
  under: Int32Array;
  ix: Int32Array;
  fx: Float64Array;
}

export function dtypeOf(sampleFormat: number, bits: number): RasterDtype | null {
  if (sampleFormat === 1) return ({ 8: 'uint8', 16: 'uint16', 32: 'uint32' } as const)[bits as 8 | 16 | 32] ?? null;
  if (sampleFormat === 2) return ({ 8: 'int8', 16: 'int16', 32: 'int32' } as const)[bits as 8 | 16 | 32] ?? null;
  if (sampleFormat === 3) return ({ 32: 'float32', 64: 'float64' } as const)[bits as 32 | 64] ?? null;
  return null;
}

/** GDAL_NODATA is ASCII ("-9999", "nan", "-3.4028234663852886e+38", "inf"). */
export function parseGdalNoData(raw: unknown): number | null {
  if (raw === undefined || raw === null) return null;
  const s = String(raw).replace(/\0/g, '').trim();
  if (s === '') return null;
  const l = s.toLowerCase();
  if (l === 'nan' || l === '-nan' || l === '+nan') return NaN;
  if (l === 'inf' || l === '+inf' || l === 'infinity') return Infinity;
  if (l === '-inf' || l === '-infinity') return -Infinity;
  const v = Number(s);
  return Number.isNaN(v) ? null : v;
}

function tagNumbers(image: GeoTIFFImage, tag: string): number[] | null {
  const v = image.fileDirectory.getValue(tag as never) as ArrayLike<number> | number | undefined;
  if (v === undefined || v === null) return null;
  return typeof v === 'number' ? [v] : Array.from(v, Number);
}

/** The GDAL-order geotransform from ModelTransformation or ModelTiepoint + ModelPixelScale. */
export function geoTransformOf(image: GeoTIFFImage, pixelIsPoint: boolean, name: string): GeoTransform {
  const mt = tagNumbers(image, 'ModelTransformation');
  const tp = tagNumbers(image, 'ModelTiepoint');
  const ps = tagNumbers(image, 'ModelPixelScale');
  let gt: GeoTransform;
  if (mt && mt.length >= 16) {
    gt = [mt[3], mt[0], mt[1], mt[7], mt[4], mt[5]];
  } else if (tp && tp.length >= 6 && ps && ps.length >= 2) {
    const [i, j, , x, y] = tp;
    gt = [x - i * ps[0], ps[0], 0, y + j * ps[1], 0, -ps[1]];
  } else {
    throw new DatasetError(name, 'no georeferencing (the TIFF has no ModelTiepoint/ModelPixelScale or ModelTransformation tags)');
  }
  if (pixelIsPoint) {
    // As GDAL does by default (GTIFF_POINT_GEO_IGNORE=NO): the tie point is a pixel centre
    gt = [gt[0] - 0.5 * gt[1] - 0.5 * gt[2], gt[1], gt[2], gt[3] - 0.5 * gt[4] - 0.5 * gt[5], gt[4], gt[5]];
  }
  if (!gt.every(Number.isFinite) || gt[1] === 0 || gt[5] === 0) {
    throw new DatasetError(name, `invalid georeferencing (geotransform ${gt.join(', ')})`);
  }
  return gt;
}

/** The end of the last tile/strip, to catch truncated files before decoding garbage. */
async function dataEnd(image: GeoTIFFImage): Promise<number> {
  const fd = image.fileDirectory;
  const tiled = fd.hasTag('TileOffsets');
  const offs = (await fd.loadValue(tiled ? 'TileOffsets' : 'StripOffsets')) as ArrayLike<number | bigint> | undefined;
  const counts = (await fd.loadValue(tiled ? 'TileByteCounts' : 'StripByteCounts')) as ArrayLike<number | bigint> | undefined;
  if (!offs || !counts) return 0;
  let end = 0;
  for (let i = 0; i < offs.length; i++) {
    const e = Number(offs[i]) + Number(counts[i] ?? 0);
    if (e > end) end = e;
  }
  return end;
}

/**
 * Opens band 1 of a GeoTIFF/COG. `input`: a local path (Node), an http(s) URL (range requests),
 * a Blob/File or an ArrayBuffer. Any problem -> DatasetError(name, problem).
 * `at`: read a coarser level (an overview IFD, else decimated) and/or a window of it (io/overview.ts);
 * the source's grid is then that level's window. `opened`: the file opened already (openTiff),
 * shared with other sources, which closing this one leaves open.
 */
export async function openRaster(input: RasterInput, name: string, at?: ReadAt | null, opened?: Promise<OpenedTiff>): Promise<RasterSource> {
  const { tiff, byteLength } = await (opened ?? openTiff(input, name));
  // A tiff given opened belongs to the caller (shared by sources of other levels or plans): closing
  // a source leaves it open.
  const closeTiff: (t: GeoTIFF) => void = opened ? () => {} : closeOwnTiff;
  let image: GeoTIFFImage;
  try {
    image = await tiff.getImage(0);
  } catch (e) {
    closeTiff(tiff);
    throw new DatasetError(name, describeReadError(e));
  }
  try {
    const width = image.getWidth();
    const height = image.getHeight();
    if (!(width > 0 && height > 0)) throw new DatasetError(name, `empty raster (${width} × ${height} px)`);
    const sampleFormat = image.getSampleFormat(0) ?? 1;
    const bits = image.getBitsPerSample(0);
    const dtype = dtypeOf(sampleFormat, bits);
    if (!dtype) {
      const kind = sampleFormat === 3 ? 'floating point' : sampleFormat === 2 ? 'signed integer' : sampleFormat === 1 ? 'unsigned integer' : `sample format ${sampleFormat}`;
      throw new DatasetError(name, `unsupported pixel type (${bits}-bit ${kind})`);
    }
    const geoKeys = image.getGeoKeys();
    const hasGeoTags = image.fileDirectory.hasTag('ModelTiepoint') || image.fileDirectory.hasTag('ModelTransformation');
    if (!geoKeys && !hasGeoTags) {
      throw new DatasetError(name, 'not georeferenced (a plain TIFF without GeoTIFF tags)');
    }
    const pixelIsPoint = geoKeys?.GTRasterTypeGeoKey === 2;
    const geoTransform = geoTransformOf(image, pixelIsPoint, name);
    const crs = crsFromGeoKeys(geoKeys, name);
    const noData = parseGdalNoData(image.fileDirectory.hasTag('GDAL_NODATA') ? image.fileDirectory.getValue('GDAL_NODATA') : null);
    if (byteLength !== null) {
      const end = await dataEnd(image);
      if (end > byteLength) {
        throw new DatasetError(name, `truncated file (${byteLength} bytes, its image data runs to byte ${end})`);
      }
    }
    const full: Grid = { width, height, geoTransform, crs };
    const level = at && (at.level || at.window) ? await openLevel(tiff, image, full, dtype, at, name) : null;
    const reader = level ?? (await makeRowReader(image, dtype));
    const grid = level?.grid ?? full;
    const rows = grid.height;
    let closed = false;
    return {
      name, grid, dtype, noData, blockHeight: reader.blockHeight,
      ...(level ? { fromOverview: level.fromOverview } : {}),
      async readRows(y0: number, y1: number, need?: PixelRuns): Promise<RasterArray> {
        if (closed) throw new DatasetError(name, 'read after close');
        if (!(Number.isInteger(y0) && Number.isInteger(y1) && y0 >= 0 && y1 <= rows && y0 <= y1)) {
          throw new RangeError(`${name}: rows ${y0}..${y1} outside 0..${rows}`);
        }
        try {
          return await reader.readRows(y0, y1, need);
        } catch (e) {
          throw new DatasetError(name, describeReadError(e));
        }
      },
      close() {
        if (!closed) {
          closed = true;
          closeTiff(tiff);
        }
      },
    };
  } catch (e) {
    closeTiff(tiff);
    if (e instanceof DatasetError) throw e;
    throw new DatasetError(name, describeReadError(e));
  }
}

export function closeOwnTiff(tiff: GeoTIFF): void {
  try {
    const r = (tiff as unknown as { close?: () => unknown }).close?.();
    if (r && typeof (r as Promise<unknown>).catch === 'function') (r as Promise<unknown>).catch(() => undefined);
  } catch {
    /* closing twice or a source without close(): nothing to do */
  }
}
