/**
 * Native DEFLATE for geotiff.js: decompression dominates our run time, and geotiff.js's
 * default DEFLATE decoder is pako (pure JS). We register, for TIFF compressions 8 and 32946:
 *   - in Node: zlib.inflateSync (C zlib, synchronous, in the calling thread);
 *   - in browsers: DecompressionStream('deflate') (the browser's own zlib).
 * Decoding happens in the calling thread (preferWorker = false): in our engine each worker
 * thread reads its own rows, so a geotiff.js Pool would only add message passing.
 *
 * ZSTD (50000) keeps geotiff.js's own decoder (zstddec, WebAssembly inlined in the JS, so it
 * works in Node and under Vite without extra configuration); LZW keeps geotiff.js's decoder.
 */
import { addDecoder, BaseDecoder } from 'geotiff';

type InflateSync = (buf: Uint8Array) => Uint8Array;

function nodeInflate(): InflateSync | null {
  const proc = (globalThis as { process?: { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown } }).process;
  if (!proc?.versions?.node || typeof proc.getBuiltinModule !== 'function') return null;
  const zlib = proc.getBuiltinModule('node:zlib') as { inflateSync: InflateSync } | undefined;
  return zlib ? (buf) => zlib.inflateSync(buf) : null;
}

/** The exact bytes of a (possibly offset) Uint8Array as an ArrayBuffer. */
function toArrayBuffer(u: Uint8Array): ArrayBuffer {
  if (u.byteOffset === 0 && u.byteLength === u.buffer.byteLength && u.buffer instanceof ArrayBuffer) return u.buffer;
  // a copy (Node's Buffer#slice would be a view onto the same, larger, buffer)
  return new Uint8Array(u).buffer as ArrayBuffer;
}

const inflateSync = nodeInflate();

export class NodeDeflateDecoder extends BaseDecoder {
  override decodeBlock(buffer: ArrayBufferLike): ArrayBufferLike {
    return toArrayBuffer(inflateSync!(new Uint8Array(buffer)));
  }
}

export class StreamDeflateDecoder extends BaseDecoder {
  override async decodeBlock(buffer: ArrayBufferLike): Promise<ArrayBufferLike> {
    const stream = new Blob([new Uint8Array(buffer as ArrayBuffer)]).stream().pipeThrough(new DecompressionStream('deflate'));
    return new Response(stream).arrayBuffer();
  }
}

/** Which DEFLATE decoder is in use: 'node-zlib', 'decompression-stream' or 'pako' (geotiff.js's own). */
export let deflateBackend: 'node-zlib' | 'decompression-stream' | 'pako' = 'pako';

let registered = false;

/** Registers the native DEFLATE decoder with geotiff.js (idempotent). openRaster calls it. */
export function registerNativeDecoders(): void {
  if (registered) return;
  registered = true;
  if (inflateSync) {
    addDecoder([8, 32946], async () => NodeDeflateDecoder, undefined, false);
    deflateBackend = 'node-zlib';
  } else if (typeof DecompressionStream === 'function') {
    addDecoder([8, 32946], async () => StreamDeflateDecoder, undefined, false);
    deflateBackend = 'decompression-stream';
  }
}
