/**
 * Fast row reading for band 1 of a GeoTIFF image.
 *
 * geotiff.js's readRasters copies every pixel through a DataView getter, which costs more
 * than native inflate itself; here each decoded tile/strip row is copied with one
 * TypedArray.set (little-endian files, the norm: GDAL writes them; big-endian files fall back
 * to readRasters). Decoded tiles of the tile row that holds the last row read are kept, so
 * an engine reading consecutive row blocks that do not line up with tiles decodes each tile
 * once. Decoding runs in the calling thread (no geotiff.js Pool): each engine worker reads
 * its own rows.
 */
import { BaseDecoder, getDecoder, type GeoTIFFImage } from 'geotiff';
import type { RasterArray, RasterDtype } from './raster';
import { releaseTile } from './tilePool';
import { isViewDecoder, undoPredictor } from './decoders';

type Decoder = Awaited<ReturnType<typeof getDecoder>>;

type Inflate = (buf: Uint8Array, opts: { chunkSize: number }) => Uint8Array;

/** Node's zlib.inflateSync, or null outside Node. */
const nodeInflate: Inflate | null = (() => {
  const proc = (globalThis as { process?: { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown } }).process;
  if (!proc?.versions?.node || typeof proc.getBuiltinModule !== 'function') return null;
  const zlib = proc.getBuiltinModule('node:zlib') as { inflateSync: Inflate } | undefined;
  return zlib ? (buf, opts) => zlib.inflateSync(buf, opts) : null;
})();

/**
 * DEFLATE tiles with Node's zlib, its output buffer sized to the whole tile: zlib then writes the
 * tile straight into one buffer that becomes the tile's ArrayBuffer (the default 16 KB chunks are
 * allocated one by one and concatenated: twice the time, and garbage). Predictors are applied
 * by BaseDecoder.decode as for any decoder.
 */
class TileInflateDecoder extends BaseDecoder {
  constructor(params: ConstructorParameters<typeof BaseDecoder>[0], private readonly bytes: number) {
    super(params);
  }

  override decodeBlock(buffer: ArrayBufferLike): ArrayBufferLike {
    return this.inflateTile(new Uint8Array(buffer));
  }

  /** decoders.ViewDecoder: a tile's bytes in memory, inflated and its predictor undone. */
  decodeView(bytes: Uint8Array): ArrayBufferLike {
    return undoPredictor(this.inflateTile(bytes), this.parameters as unknown as Parameters<typeof undoPredictor>[1]);
  }

  private inflateTile(src: Uint8Array): ArrayBufferLike {
    const out = nodeInflate!(src, { chunkSize: Math.max(64, this.bytes) });
    if (out.byteOffset === 0 && out.byteLength === out.buffer.byteLength) return out.buffer;
    return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength); // a short last strip
  }
}

/**
 * Arrays that readRows' caller has finished with (recycleRows), reused by the next readRows of
 * the same type and length: an engine reading block after block then allocates nothing.
 */
const spare = new Map<string, RasterArray[]>();
const SPARE_PER_KIND = 4;

/** Gives back an array that readRows returned and that the caller no longer uses (optional). */
export function recycleRows(a: RasterArray): void {
  if (a.byteOffset !== 0 || a.byteLength !== a.buffer.byteLength) return;
  const key = `${a.constructor.name}:${a.length}`;
  let list = spare.get(key);
  if (!list) spare.set(key, (list = []));
  if (list.length < SPARE_PER_KIND && !list.includes(a)) list.push(a);
}

/** An array for readRows' result: one given back by recycleRows when there is one of the kind (its old values stay until written). */
export function takeArray(dtype: RasterDtype, n: number): RasterArray {
  const list = spare.get(`${CTORS[dtype].name}:${n}`);
  return list?.pop() ?? newArray(dtype, n);
}

const CTORS = {
  int8: Int8Array, uint8: Uint8Array, int16: Int16Array, uint16: Uint16Array,
  int32: Int32Array, uint32: Uint32Array, float32: Float32Array, float64: Float64Array,
} as const;

export function newArray(dtype: RasterDtype, n: number): RasterArray {
  return new CTORS[dtype](n);
}

function viewOf(dtype: RasterDtype, buf: ArrayBufferLike): RasterArray {
  return new CTORS[dtype](buf as ArrayBuffer);
}

const HOST_LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Compressions whose decoder needs only the default parameters. */
const SIMPLE = new Set([1, 5, 8, 32773, 32946, 50000]);

/**
 * The pixels a caller will look at in rows y0 … y1-1: pairs [start, end) of indices into the
 * rows' array (0 = column 0 of row y0), as many as `count`. Tiles that hold none of them are not
 * decoded, and the array's values there are undefined.
 */
export interface PixelRuns {
  runs: Int32Array;
  count: number;
}

/** Each run of `need` split at the ends of rows `width` long: fn(row, first column, end column). */
export function forEachRowSpan(need: PixelRuns, width: number, fn: (row: number, c0: number, c1: number) => void): void {
  for (let q = 0; q < need.count; q++) {
    let a = need.runs[2 * q];
    const e = need.runs[2 * q + 1];
    while (a < e) {
      const r = Math.floor(a / width);
      const end = Math.min(e, (r + 1) * width);
      fn(r, a - r * width, end - r * width);
      a = end;
    }
  }
}

export interface RowReader {
  readRows(y0: number, y1: number, need?: PixelRuns): Promise<RasterArray>;
  /** Rows per tile or strip: reading blocks of a multiple of it avoids decoding a tile twice. */
  blockHeight: number;
}

export async function makeRowReader(image: GeoTIFFImage, dtype: RasterDtype): Promise<RowReader> {
  const width = image.getWidth();
  const height = image.getHeight();
  const fd = image.fileDirectory;
  const compression = Number(fd.getValue('Compression') ?? 1);
  const tileW = image.getTileWidth();
  const tileH = image.getTileHeight();
  const spp = image.getSamplesPerPixel();
  const planar = image.planarConfiguration;
  const bytes = image.getBitsPerSample(0) / 8;
  const fast = SIMPLE.has(compression) && (image.littleEndian === HOST_LE || bytes === 1) && (spp === 1 || planar === 1 || planar === 2);

  if (!fast) {
    return {
      blockHeight: tileH,
      async readRows(y0, y1) {
        const r = await image.readRasters({ window: [0, y0, width, y1], samples: [0] });
        return (r as unknown as RasterArray[])[0];
      },
    };
  }

  const bits = await fd.loadValue('BitsPerSample');
  const params = {
    tileWidth: tileW,
    tileHeight: tileH,
    planarConfiguration: planar,
    bitsPerSample: bits as number[],
    predictor: Number(await fd.loadValue('Predictor')) || 1,
  };
  const blockBytes = tileW * tileH * (planar === 2 ? bytes : (Array.from(bits as ArrayLike<number>).reduce((a, b) => a + b, 0) / 8));
  const decoder: Decoder =
    (compression === 8 || compression === 32946) && nodeInflate
      ? new TileInflateDecoder(params, blockBytes)
      : await getDecoder(compression, params);
  const tilesAcross = Math.ceil(width / tileW);
  const stride = planar === 1 ? spp : 1; // samples between two pixels of band 1 in a decoded block
  /** tile row -> its decoded tiles (promises, so concurrent reads share one decode), each made when first needed */
  const cache = new Map<number, (Promise<RasterArray> | undefined)[]>();

  const direct = await directTiles(image, decoder);
  const tile = (tx: number, ty: number): Promise<RasterArray> => {
    let row = cache.get(ty);
    if (!row) cache.set(ty, (row = new Array(tilesAcross)));
    const kept = row[tx];
    if (kept) return kept;
    const d = direct?.(ty * tilesAcross + tx);
    return (row[tx] = d ? Promise.resolve(viewOf(dtype, d)) : image.getTileOrStrip(tx, ty, 0, decoder).then((t) => viewOf(dtype, t.data)));
  };

  return {
    blockHeight: tileH,
    async readRows(y0, y1, need) {
      const out = takeArray(dtype, (y1 - y0) * width);
      if (y1 <= y0) return out;
      const ty0 = Math.floor(y0 / tileH);
      const ty1 = Math.floor((y1 - 1) / tileH);
      const wanted = need ? neededTiles(need, y0, y1, width, tileW, tileH, tilesAcross) : null;
      for (let ty = ty0; ty <= ty1; ty++) {
        const want = wanted?.subarray((ty - ty0) * tilesAcross, (ty - ty0 + 1) * tilesAcross);
        const tiles = await Promise.all(Array.from({ length: tilesAcross }, (_, tx) => (want && !want[tx] ? null : tile(tx, ty))));
        const r0 = Math.max(y0, ty * tileH);
        const r1 = Math.min(y1, (ty + 1) * tileH);
        for (let tx = 0; tx < tilesAcross; tx++) {
          const t = tiles[tx];
          if (!t) continue;
          const x0 = tx * tileW;
          const w = Math.min(tileW, width - x0);
          for (let y = r0; y < r1; y++) {
            const src = (y - ty * tileH) * tileW * stride;
            const dst = (y - y0) * width + x0;
            if (stride === 1) {
              out.set(t.subarray(src, src + w), dst);
            } else {
              for (let x = 0; x < w; x++) out[dst + x] = t[src + x * stride];
            }
          }
        }
      }
      // keep only the tile row holding row y1 (the next block of a sequential reader starts there)
      const keep = Math.floor(y1 / tileH);
      for (const [k, row] of cache) {
        if (k === keep) continue;
        cache.delete(k);
        // Its decoded tiles are read: their buffers may be reused (io/tilePool.ts).
        for (const t of row) t?.then((a) => releaseTile(a.buffer), () => {});
      }
      return out;
    },
  };
}

/**
 * For a file whose bytes this thread holds (io/geotiff.ts bytesSource: a ZIP's entry, or a file
 * read whole) and a decoder that decodes from a view (decoders.ViewDecoder): tile (or strip)
 * `index` of band 1 decoded straight from a view of those bytes, or null for one to read through
 * geotiff.js (none stored, or past the end: its error names the problem). geotiff.js copies each
 * tile's bytes out of the file's and goes through four promises a tile; the demo decodes ~10,000.
 * null (no such file or decoder): every tile through geotiff.js.
 */
async function directTiles(image: GeoTIFFImage, decoder: Decoder): Promise<((index: number) => ArrayBufferLike | null) | null> {
  const bytes = (image as unknown as { source?: { bytes?: Uint8Array } }).source?.bytes;
  if (!(bytes instanceof Uint8Array) || !isViewDecoder(decoder)) return null;
  const fd = image.fileDirectory;
  const tiled = image.isTiled;
  const offsets = (await fd.loadValue(tiled ? 'TileOffsets' : 'StripOffsets')) as ArrayLike<number | bigint> | undefined;
  const counts = (await fd.loadValue(tiled ? 'TileByteCounts' : 'StripByteCounts')) as ArrayLike<number | bigint> | undefined;
  if (!offsets || !counts || typeof offsets.length !== 'number') return null;
  return (index) => {
    const at = Number(offsets[index]);
    const len = Number(counts[index]);
    if (!(len > 0 && at >= 0 && at + len <= bytes.length)) return null;
    return decoder.decodeView(bytes.subarray(at, at + len));
  };
}

/**
 * Which tiles of the tile rows under rows y0 … y1-1 hold a pixel of `need`: one flag per tile,
 * tile rows one after the other (the first is the one holding row y0).
 */
export function neededTiles(need: PixelRuns, y0: number, y1: number, width: number, tileW: number, tileH: number, tilesAcross: number): Uint8Array {
  const ty0 = Math.floor(y0 / tileH);
  const flags = new Uint8Array((Math.floor((y1 - 1) / tileH) - ty0 + 1) * tilesAcross);
  const { runs, count } = need;
  for (let r = 0; r < count; r++) {
    const a = runs[2 * r], e = runs[2 * r + 1];
    if (e <= a) continue;
    const rowA = Math.floor(a / width), rowE = Math.floor((e - 1) / width);
    for (let row = rowA; row <= rowE; row++) {
      const c0 = row === rowA ? a - row * width : 0;
      const c1 = row === rowE ? e - 1 - row * width : width - 1;
      const o = (Math.floor((y0 + row) / tileH) - ty0) * tilesAcross;
      for (let tx = Math.floor(c0 / tileW), t1 = Math.floor(c1 / tileW); tx <= t1; tx++) flags[o + tx] = 1;
    }
  }
  return flags;
}
