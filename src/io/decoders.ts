/**
 * Native DEFLATE for geotiff.js: decompression dominates our run time, and geotiff.js's
 * default DEFLATE decoder is pako (pure JS). We register, for TIFF compressions 8 and 32946:
 *   - in Node: zlib.inflateSync (C zlib, synchronous, in the calling thread);
 *   - in browsers: DecompressionStream('deflate') (the browser's own zlib).
 * Decoding happens in the calling thread (preferWorker = false): in our engine each worker
 * thread reads its own rows, so a geotiff.js Pool would only add message passing.
 *
 * ZSTD (50000) keeps geotiff.js's own decoder (zstddec, WebAssembly inlined in the JS, so it
 * works in Node and under Vite without extra configuration). LZW (5) gets our own decoder
 * (lzwDecode below), ~60x faster than geotiff.js's.
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

interface DecoderParams { tileWidth: number; tileHeight: number; bitsPerSample: number | ArrayLike<number>; planarConfiguration: number }

/** Decoded size of a full tile/strip in bytes (the output buffer's initial capacity). */
function blockBytes(p: DecoderParams): number {
  const bits = typeof p.bitsPerSample === 'number' ? [p.bitsPerSample] : Array.from(p.bitsPerSample);
  const pixelBits = p.planarConfiguration === 2 ? bits[0] : bits.reduce((a, b) => a + b, 0);
  return Math.ceil((p.tileWidth * pixelBits) / 8) * p.tileHeight;
}

/**
 * TIFF LZW (MSB-first codes, 9-12 bits, "early change"), as libtiff's LZWDecode. geotiff.js's
 * decoder builds strings in JS arrays and runs ~60x slower (900 ms for a 1000x1000 Int16 COG);
 * this one writes each string backwards straight into the output.
 */
export function lzwDecode(input: Uint8Array, capacity: number): Uint8Array {
  const prefix = new Uint16Array(4096);
  const suffix = new Uint8Array(4096);
  const length = new Uint16Array(4096);
  for (let i = 0; i < 256; i++) {
    suffix[i] = i;
    length[i] = 1;
  }
  let out: Uint8Array = new Uint8Array(Math.max(capacity, 16));
  let op = 0;
  let bitPos = 0;
  const totalBits = input.length * 8;
  let nbits = 9;
  let next = 258;
  let old = -1;
  while (bitPos + nbits <= totalBits) {
    const b = bitPos >>> 3;
    const v = (input[b] << 16) | ((input[b + 1] | 0) << 8) | (input[b + 2] | 0);
    const code = (v >>> (24 - (bitPos & 7) - nbits)) & ((1 << nbits) - 1);
    bitPos += nbits;
    if (code === 257) break;
    if (code === 256) {
      nbits = 9;
      next = 258;
      old = -1;
      continue;
    }
    if (old === -1) {
      if (code > 255) throw new Error('LZW: invalid code after clear (corrupt data)');
      if (op >= out.length) out = grow(out, op + 1);
      out[op++] = code;
      old = code;
      continue;
    }
    let len: number;
    let c: number;
    if (code < next) {
      len = length[code];
      c = code;
    } else if (code === next) {
      len = length[old] + 1;
      c = old;
    } else {
      throw new Error(`LZW: invalid code ${code} (corrupt data)`);
    }
    if (op + len > out.length) out = grow(out, op + len);
    // write the string of c backwards; for code === next its last byte is the first byte of old
    let k = code < next ? op + len - 1 : op + len - 2;
    while (c >= 256) {
      out[k--] = suffix[c];
      c = prefix[c];
    }
    out[k] = c;
    const first = c;
    if (code === next) out[op + len - 1] = first;
    op += len;
    if (next < 4096) {
      prefix[next] = old;
      suffix[next] = first;
      length[next] = length[old] + 1;
      next++;
      if (next >= (1 << nbits) - 1 && nbits < 12) nbits++;
    }
    old = code;
  }
  return op === out.length ? out : out.subarray(0, op);
}

function grow(a: Uint8Array, min: number): Uint8Array {
  const b = new Uint8Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

export class FastLzwDecoder extends BaseDecoder {
  override decodeBlock(buffer: ArrayBufferLike): ArrayBufferLike {
    const out = lzwDecode(new Uint8Array(buffer), blockBytes(this.parameters as unknown as DecoderParams));
    return toArrayBuffer(out);
  }
}

/** Which DEFLATE decoder is in use: 'node-zlib', 'decompression-stream' or 'pako' (geotiff.js's own). */
export let deflateBackend: 'node-zlib' | 'decompression-stream' | 'pako' = 'pako';

let registered = false;

/** Registers the native DEFLATE decoder with geotiff.js (idempotent). openRaster calls it. */
export function registerNativeDecoders(): void {
  if (registered) return;
  registered = true;
  addDecoder(5, async () => FastLzwDecoder, undefined, false);
  if (inflateSync) {
    addDecoder([8, 32946], async () => NodeDeflateDecoder, undefined, false);
    deflateBackend = 'node-zlib';
  } else if (typeof DecompressionStream === 'function') {
    addDecoder([8, 32946], async () => StreamDeflateDecoder, undefined, false);
    deflateBackend = 'decompression-stream';
  }
}
