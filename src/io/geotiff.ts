/**
 * Opening a GeoTIFF with geotiff.js from a local path (Node), a URL (http(s), read with
 * range requests), a Blob/File or an ArrayBuffer; every failure becomes one DatasetError.
 */
import { fromBlob, fromFile, fromUrl, GeoTIFF } from 'geotiff';
import { DatasetError } from './errors';
import { registerNativeDecoders } from './decoders';

/** A path or URL, a Blob, or the file's bytes (an ArrayBuffer, or a view: an entry of a ZIP in memory). */
export type RasterInput = string | URL | Blob | ArrayBuffer | Uint8Array;

const isNode = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';

/**
 * Blobs up to this size are read into memory whole when opened (see openTiff): a park's yearly
 * files (a few hundred KB) then decode without a read per tile, while the engine's workers, which
 * keep every file of a dataset open, hold at most this much per file of a large one (MODIS tiles
 * of 10–40 MB are read tile by tile from the Blob instead).
 */
export const WHOLE_BLOB_BYTES = 4 << 20;

export interface OpenedTiff {
  tiff: GeoTIFF;
  /** The size of the whole file in bytes when known (null for URLs). */
  byteLength: number | null;
}

/** Turns whatever geotiff.js / fs / fetch threw into a one-line problem description. */
export function describeReadError(e: unknown): string {
  const err = e as { code?: string; message?: string } | undefined;
  const msg = String(err?.message ?? e);
  if (err?.code === 'ENOENT') return 'file not found';
  if (err?.code === 'EISDIR') return 'is a directory, not a file';
  if (err?.code === 'EACCES') return 'permission denied';
  if (/byte order|Invalid magic|not a (valid )?tiff/i.test(msg)) return 'not a TIFF file';
  if (/outside the bounds|out of range|Offset is outside|beyond|RangeError|Invalid typed array length|unexpected end|incorrect header check|invalid (stored|block|distance|code)|buffer error/i.test(msg)) {
    return `damaged or truncated file (${msg})`;
  }
  if (/Unknown compression|Unsupported|not supported/i.test(msg)) return `unsupported TIFF variant (${msg})`;
  if (/fetch|network|Failed to fetch|HTTP|status/i.test(msg)) return `could not be downloaded (${msg})`;
  return `cannot be read as a GeoTIFF (${msg})`;
}

/**
 * The first 4 bytes must be "II*\0" / "MM\0*" (TIFF) or "II+\0" / "MM\0+" (BigTIFF), and the
 * first image directory must start inside the file.
 */
function checkSignature(bytes: Uint8Array, size: number, name: string): void {
  if (bytes.length < 8) throw new DatasetError(name, size < 8 && size > 0 ? `not a TIFF file (only ${size} bytes)` : size === 0 ? 'empty file' : 'not a TIFF file');
  const le = bytes[0] === 0x49 && bytes[1] === 0x49 && (bytes[2] === 42 || bytes[2] === 43) && bytes[3] === 0;
  const be = bytes[0] === 0x4d && bytes[1] === 0x4d && bytes[2] === 0 && (bytes[3] === 42 || bytes[3] === 43);
  if (!le && !be) throw new DatasetError(name, 'not a TIFF file');
  const big = (le ? bytes[2] : bytes[3]) === 43;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let ifd: number;
  if (big) {
    if (bytes.length < 16) throw new DatasetError(name, 'truncated file (incomplete BigTIFF header)');
    ifd = Number(dv.getBigUint64(8, le));
  } else {
    ifd = dv.getUint32(4, le);
  }
  if (ifd + 2 > size) throw new DatasetError(name, `truncated file (${size} bytes, its first image directory is at byte ${ifd})`);
}

async function localHead(path: string): Promise<{ head: Uint8Array; size: number }> {
  // getBuiltinModule (Node >= 20.16) keeps bundlers from seeing a Node import in browser builds
  const proc = (globalThis as unknown as { process: { getBuiltinModule: (id: string) => unknown } }).process;
  const fs = proc.getBuiltinModule('node:fs/promises') as typeof import('node:fs/promises');
  const st = await fs.stat(path);
  if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  const fh = await fs.open(path, 'r');
  try {
    const head = new Uint8Array(16);
    const { bytesRead } = await fh.read(head, 0, 16, 0);
    return { head: head.subarray(0, bytesRead), size: st.size };
  } finally {
    await fh.close();
  }
}

function isUrlString(s: string): boolean {
  return /^(https?|blob|data):/i.test(s);
}

/**
 * A geotiff.js source over bytes that need not start their buffer (an entry of a ZIP held whole):
 * geotiff.js's own ArrayBuffer source wants the file at offset 0, which cost a copy of every
 * file (the demo's 9 MB, on the page's thread, as it starts). Each slice read is a copy, as there;
 * rasterBlocks decodes tiles from views of `bytes` instead (its directTiles). Files read whole use it too.
 */
function bytesSource(bytes: Uint8Array): Parameters<typeof GeoTIFF.fromSource>[0] {
  return {
    fetch: async (slices: { offset: number; length: number }[]) => slices.map(({ offset, length }) => bytes.slice(offset, offset + length).buffer),
    close() {},
    // The file's bytes: rasterBlocks decodes tiles from views of them (its directTiles).
    bytes,
  } as unknown as Parameters<typeof GeoTIFF.fromSource>[0];
}

/** Opens a GeoTIFF; throws DatasetError(name, problem) for anything that is not a readable TIFF. */
export async function openTiff(input: RasterInput, name: string): Promise<OpenedTiff> {
  registerNativeDecoders();
  try {
    if (input instanceof ArrayBuffer) {
      checkSignature(new Uint8Array(input, 0, Math.min(16, input.byteLength)), input.byteLength, name);
      return { tiff: await GeoTIFF.fromSource(bytesSource(new Uint8Array(input))), byteLength: input.byteLength };
    }
    if (input instanceof Uint8Array) {
      checkSignature(input.subarray(0, 16), input.length, name);
      return { tiff: await GeoTIFF.fromSource(bytesSource(input)), byteLength: input.length };
    }
    if (typeof Blob !== 'undefined' && input instanceof Blob) {
      // geotiff.js reads Blobs with FileReader, which Node lacks: there, read the Blob whole. A
      // small Blob is read whole anyway: one read instead of an async FileReader round trip per
      // tag and per tile (the engine decodes every tile of it).
      if (typeof FileReader === 'undefined' || input.size <= WHOLE_BLOB_BYTES) {
        const bytes = await input.arrayBuffer();
        checkSignature(new Uint8Array(bytes, 0, Math.min(16, bytes.byteLength)), input.size, name);
        return { tiff: await GeoTIFF.fromSource(bytesSource(new Uint8Array(bytes))), byteLength: input.size };
      }
      checkSignature(new Uint8Array(await input.slice(0, 16).arrayBuffer()), input.size, name);
      return { tiff: await fromBlob(input), byteLength: input.size };
    }
    const s = input instanceof URL ? input.href : String(input);
    if (isNode && !isUrlString(s)) {
      const path = s.startsWith('file:') ? new URL(s).pathname : s;
      const { head, size } = await localHead(path);
      checkSignature(head, size, name);
      return { tiff: await fromFile(path), byteLength: size };
    }
    const tiff = await fromUrl(s, { allowFullFile: true });
    return { tiff, byteLength: null };
  } catch (e) {
    if (e instanceof DatasetError) throw e;
    throw new DatasetError(name, describeReadError(e));
  }
}
