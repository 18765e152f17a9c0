/**
 * A small Cloud-Optimized GeoTIFF writer for one-band rasters, for Node and browsers.
 *
 * Layout as GDAL's COG driver (GDAL 3.6): header, GDAL's "ghost" structural metadata, all
 * IFDs (full resolution, then overviews by decreasing size), then the tiles from the smallest
 * overview to full resolution, row-major, each with a 4-byte size leader and the last 4 bytes
 * repeated as trailer. Tiled, DEFLATE, predictor 2 (integers) / 3 (floats), GDAL_NODATA,
 * ModelPixelScale + ModelTiepoint (PixelIsArea), the given GeoKeys.
 *
 * Classic TIFF (32-bit offsets): the whole file must stay under 4 GiB; encodeCog throws
 * beyond that (it also has to fit in one Uint8Array in memory).
 */
import type { GeoTransform } from './grid';
import { makeOverviews, type OverviewResampling, type RasterArray } from './cogOverviews';
import { defaultDeflate, type Deflate } from './tiffDeflate';
import { encodeGeoKeys, TAG_GEO_ASCII_PARAMS, TAG_GEO_DOUBLE_PARAMS, TAG_GEO_KEY_DIRECTORY } from './tiffGeoKeys';
import { TIFF_ASCII, TIFF_DOUBLE, TIFF_LONG, TIFF_SHORT, ifdByteLength, writeIfd, type TiffTag } from './tiffIfd';
import { encodeFloatingPoint, encodeHorizontal, type IntArray } from './tiffPredictor';

export type { OverviewResampling } from './cogOverviews';

export interface CogInput {
  width: number;
  height: number;
  data: RasterArray;
  /** GDAL order, north-up (no rotation). */
  geoTransform: GeoTransform;
  /** GeoKeys as geotiff.js's image.getGeoKeys() returns them. GTRasterTypeGeoKey is written as 1 (PixelIsArea). */
  geoKeys: Record<string, number | string | number[] | ArrayLike<number>>;
  /** Written as the GDAL_NODATA tag (42113); NaN as 'nan'. */
  noData: number | null;
  /** Tile width and height, a multiple of 16. Default 256. */
  tileSize?: number;
  /** Default: average (ignoring noData and NaN) for floats, nearest for integers. */
  overviewResampling?: OverviewResampling;
}

export interface CogOptions {
  /** zlib-format DEFLATE; default Node's zlib in Node, CompressionStream elsewhere. */
  deflate?: Deflate;
}

const TAG = {
  NewSubfileType: 254,
  ImageWidth: 256,
  ImageLength: 257,
  BitsPerSample: 258,
  Compression: 259,
  Photometric: 262,
  SamplesPerPixel: 277,
  PlanarConfiguration: 284,
  Predictor: 317,
  TileWidth: 322,
  TileLength: 323,
  TileOffsets: 324,
  TileByteCounts: 325,
  SampleFormat: 339,
  ModelPixelScale: 33550,
  ModelTiepoint: 33922,
  GdalNoData: 42113,
} as const;

/** GDAL's COG ghost header (GDAL 3.6 writes exactly this, 140 bytes after the size line). */
const GHOST_BODY =
  'LAYOUT=IFDS_BEFORE_DATA\n' +
  'BLOCK_ORDER=ROW_MAJOR\n' +
  'BLOCK_LEADER=SIZE_AS_UINT4\n' +
  'BLOCK_TRAILER=LAST_4_BYTES_REPEATED\n' +
  'KNOWN_INCOMPATIBLE_EDITION=NO\n ';
const GHOST = `GDAL_STRUCTURAL_METADATA_SIZE=${String(GHOST_BODY.length).padStart(6, '0')} bytes\n${GHOST_BODY}`;

interface SampleInfo {
  bits: number;
  format: 1 | 2 | 3; // uint, int, float
  predictor: 2 | 3;
}

function sampleInfo(data: RasterArray): SampleInfo {
  if (data instanceof Float32Array) return { bits: 32, format: 3, predictor: 3 };
  if (data instanceof Float64Array) return { bits: 64, format: 3, predictor: 3 };
  if (data instanceof Int8Array) return { bits: 8, format: 2, predictor: 2 };
  if (data instanceof Uint8Array) return { bits: 8, format: 1, predictor: 2 };
  if (data instanceof Int16Array) return { bits: 16, format: 2, predictor: 2 };
  if (data instanceof Uint16Array) return { bits: 16, format: 1, predictor: 2 };
  if (data instanceof Int32Array) return { bits: 32, format: 2, predictor: 2 };
  throw new Error('encodeCog: unsupported data array type');
}

/** GDAL_NODATA text: 'nan', or the shortest decimal that reads back as the same double. */
export function noDataText(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return String(v);
}

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Cut tile (tx, ty) out of a level, padding beyond the image with `fill`. */
function cutTile(data: RasterArray, width: number, height: number, tx: number, ty: number, ts: number, fill: number): RasterArray {
  const Ctor = data.constructor as new (n: number) => RasterArray;
  const tile = new Ctor(ts * ts);
  const x0 = tx * ts;
  const y0 = ty * ts;
  const w = Math.min(ts, width - x0);
  const h = Math.min(ts, height - y0);
  if (w < ts || h < ts) tile.fill(fill);
  for (let y = 0; y < h; y++) {
    const src = (y0 + y) * width + x0;
    tile.set(data.subarray(src, src + w), y * ts);
  }
  return tile;
}

function tileBytes(tile: RasterArray, ts: number, info: SampleInfo): Uint8Array {
  if (info.predictor === 2) {
    encodeHorizontal(tile as IntArray, ts, ts);
    return new Uint8Array(tile.buffer, tile.byteOffset, tile.byteLength);
  }
  return encodeFloatingPoint(new Uint8Array(tile.buffer, tile.byteOffset, tile.byteLength), ts, ts, info.bits / 8);
}

interface Level {
  width: number;
  height: number;
  data: RasterArray;
  tilesAcross: number;
  tilesDown: number;
  tiles: Uint8Array[];
}

function check(cond: boolean, msg: string): void {
  if (!cond) throw new Error(`encodeCog: ${msg}`);
}

export async function encodeCog(input: CogInput, opts: CogOptions = {}): Promise<Uint8Array> {
  const { width, height, data, geoTransform: gt, noData } = input;
  const ts = input.tileSize ?? 256;
  check(littleEndianHost, 'a little-endian host is required');
  check(Number.isInteger(width) && width > 0 && Number.isInteger(height) && height > 0, `bad size ${width} × ${height}`);
  check(data.length === width * height, `data has ${data.length} values, ${width * height} expected`);
  check(Number.isInteger(ts) && ts >= 16 && ts % 16 === 0 && ts <= 65535, `tileSize ${ts} is not a multiple of 16`);
  check(gt.length === 6 && gt.every(Number.isFinite), 'geoTransform must be 6 finite numbers');
  check(gt[2] === 0 && gt[4] === 0, 'rotated geotransforms are not supported');
  check(gt[1] !== 0 && gt[5] !== 0, 'zero pixel size in geoTransform');
  const info = sampleInfo(data);
  const float = info.format === 3;
  const method: OverviewResampling = input.overviewResampling ?? (float ? 'average' : 'nearest');
  const deflate = opts.deflate ?? (await defaultDeflate());
  const fill = noData !== null && (float || Number.isInteger(noData)) ? noData : 0;

  // Levels: full resolution, then overviews.
  const levels: Level[] = [];
  const addLevel = (w: number, h: number, d: RasterArray) =>
    levels.push({ width: w, height: h, data: d, tilesAcross: Math.ceil(w / ts), tilesDown: Math.ceil(h / ts), tiles: [] });
  addLevel(width, height, data);
  for (const ov of makeOverviews(data, width, height, ts, method, noData)) addLevel(ov.width, ov.height, ov.data);

  // Compress every tile (all at once, so asynchronous deflaters can overlap).
  await Promise.all(
    levels.map(async (lv) => {
      const jobs: Promise<Uint8Array>[] = [];
      for (let ty = 0; ty < lv.tilesDown; ty++) {
        for (let tx = 0; tx < lv.tilesAcross; tx++) {
          const tile = cutTile(lv.data, lv.width, lv.height, tx, ty, ts, fill);
          jobs.push(Promise.resolve(deflate(tileBytes(tile, ts, info))));
        }
      }
      lv.tiles = await Promise.all(jobs);
    }),
  );

  // Tags per IFD (offsets filled in once the layout is known).
  const geo = encodeGeoKeys({ ...input.geoKeys, GTRasterTypeGeoKey: 1 });
  const tagsOf = (lv: Level, index: number, offsets: number[], counts: number[]): TiffTag[] => {
    const tags: TiffTag[] = [
      { tag: TAG.ImageWidth, type: TIFF_LONG, values: [lv.width] },
      { tag: TAG.ImageLength, type: TIFF_LONG, values: [lv.height] },
      { tag: TAG.BitsPerSample, type: TIFF_SHORT, values: [info.bits] },
      { tag: TAG.Compression, type: TIFF_SHORT, values: [8] },
      { tag: TAG.Photometric, type: TIFF_SHORT, values: [1] },
      { tag: TAG.SamplesPerPixel, type: TIFF_SHORT, values: [1] },
      { tag: TAG.PlanarConfiguration, type: TIFF_SHORT, values: [1] },
      { tag: TAG.Predictor, type: TIFF_SHORT, values: [info.predictor] },
      { tag: TAG.TileWidth, type: TIFF_SHORT, values: [ts] },
      { tag: TAG.TileLength, type: TIFF_SHORT, values: [ts] },
      { tag: TAG.TileOffsets, type: TIFF_LONG, values: offsets },
      { tag: TAG.TileByteCounts, type: TIFF_LONG, values: counts },
      { tag: TAG.SampleFormat, type: TIFF_SHORT, values: [info.format] },
    ];
    if (index > 0) tags.push({ tag: TAG.NewSubfileType, type: TIFF_LONG, values: [1] });
    if (index === 0) {
      tags.push(
        { tag: TAG.ModelPixelScale, type: TIFF_DOUBLE, values: [gt[1], -gt[5], 0] },
        { tag: TAG.ModelTiepoint, type: TIFF_DOUBLE, values: [0, 0, 0, gt[0], gt[3], 0] },
        { tag: TAG_GEO_KEY_DIRECTORY, type: TIFF_SHORT, values: geo.directory },
      );
      if (geo.doubles) tags.push({ tag: TAG_GEO_DOUBLE_PARAMS, type: TIFF_DOUBLE, values: geo.doubles });
      if (geo.ascii) tags.push({ tag: TAG_GEO_ASCII_PARAMS, type: TIFF_ASCII, values: geo.ascii });
    }
    if (noData !== null) tags.push({ tag: TAG.GdalNoData, type: TIFF_ASCII, values: noDataText(noData) });
    return tags;
  };

  // Layout: header, ghost, IFDs, then tiles from the smallest level to the full resolution.
  const ghostEnd = 8 + GHOST.length;
  let pos = ghostEnd + (ghostEnd & 1);
  const ifdOffsets: number[] = [];
  for (let i = 0; i < levels.length; i++) {
    const n = levels[i].tiles.length;
    const zeros = new Array<number>(n).fill(0);
    ifdOffsets.push(pos);
    pos += ifdByteLength(tagsOf(levels[i], i, zeros, zeros));
  }
  const tileOffsets: number[][] = levels.map(() => []);
  for (let i = levels.length - 1; i >= 0; i--) {
    for (const t of levels[i].tiles) {
      tileOffsets[i].push(pos + 4);
      pos += 4 + t.length + 4;
    }
  }
  if (pos > 0xffffffff) throw new Error(`encodeCog: ${pos} bytes is beyond classic TIFF's 4 GiB (BigTIFF is not supported)`);

  const out = new Uint8Array(pos);
  const view = new DataView(out.buffer);
  out.set([0x49, 0x49, 42, 0]);
  view.setUint32(4, ifdOffsets[0], true);
  for (let i = 0; i < GHOST.length; i++) out[8 + i] = GHOST.charCodeAt(i);
  levels.forEach((lv, i) => {
    const tags = tagsOf(lv, i, tileOffsets[i], lv.tiles.map((t) => t.length));
    const end = writeIfd(view, ifdOffsets[i], tags, i + 1 < levels.length ? ifdOffsets[i + 1] : 0);
    if (end !== ifdOffsets[i] + ifdByteLength(tags)) throw new Error('encodeCog: IFD size mismatch');
  });
  levels.forEach((lv, i) => {
    lv.tiles.forEach((t, k) => {
      const at = tileOffsets[i][k];
      view.setUint32(at - 4, t.length, true);
      out.set(t, at);
      out.set(t.subarray(Math.max(0, t.length - 4)), at + t.length);
    });
  });
  return out;
}
