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
import { getDecoder, type GeoTIFFImage } from 'geotiff';
import type { RasterArray, RasterDtype } from './raster';

type Decoder = Awaited<ReturnType<typeof getDecoder>>;

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

export interface RowReader {
  readRows(y0: number, y1: number): Promise<RasterArray>;
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
  const decoder: Decoder = await getDecoder(compression, {
    tileWidth: tileW,
    tileHeight: tileH,
    planarConfiguration: planar,
    bitsPerSample: bits as number[],
    predictor: Number(await fd.loadValue('Predictor')) || 1,
  });
  const tilesAcross = Math.ceil(width / tileW);
  const stride = planar === 1 ? spp : 1; // samples between two pixels of band 1 in a decoded block
  /** tile row -> decoded tiles (promises, so concurrent reads share one decode) */
  const cache = new Map<number, Promise<RasterArray>[]>();

  const tileRow = (ty: number): Promise<RasterArray>[] => {
    let row = cache.get(ty);
    if (!row) {
      row = [];
      for (let tx = 0; tx < tilesAcross; tx++) {
        row.push(image.getTileOrStrip(tx, ty, 0, decoder).then((t) => viewOf(dtype, t.data)));
      }
      cache.set(ty, row);
    }
    return row;
  };

  return {
    blockHeight: tileH,
    async readRows(y0, y1) {
      const out = newArray(dtype, (y1 - y0) * width);
      if (y1 <= y0) return out;
      const ty0 = Math.floor(y0 / tileH);
      const ty1 = Math.floor((y1 - 1) / tileH);
      for (let ty = ty0; ty <= ty1; ty++) {
        const tiles = await Promise.all(tileRow(ty));
        const r0 = Math.max(y0, ty * tileH);
        const r1 = Math.min(y1, (ty + 1) * tileH);
        for (let tx = 0; tx < tilesAcross; tx++) {
          const t = tiles[tx];
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
      for (const k of cache.keys()) if (k !== keep) cache.delete(k);
      return out;
    },
  };
}
