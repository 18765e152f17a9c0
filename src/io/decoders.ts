/**
 * Native DEFLATE for geotiff.js: decompression dominates our run time, and geotiff.js's
 * default DEFLATE decoder is pako (pure JS). We register, for TIFF compressions 8 and 32946:
 *   - in Node: zlib.inflateSync (C zlib, synchronous, in the calling thread);
 *   - in browsers: wasmInflate.ts (WebAssembly, from wasm/inflate.c), or inflate.ts (the same
 *     algorithm in plain JS) without WebAssembly; synchronous. Measured in Chromium on the
 *     demo's tiles they beat both DecompressionStream (async stream plumbing per tile: ~6 ms a
 *     tile) and pako (byte-by-byte match copies) several times over. StreamDeflateDecoder
 *     (DecompressionStream) stays available.
 * Decoding happens in the calling thread (preferWorker = false): in our engine each worker
 * thread reads its own rows, so a geotiff.js Pool would only add message passing.
 *
 * ZSTD (50000) keeps geotiff.js's own decoder (zstddec, WebAssembly inlined in the JS, so it
 * works in Node and under Vite without extra configuration). LZW (5) gets our own decoder
 * (lzwDecode below), ~60x faster than geotiff.js's.
 */
import { addDecoder, BaseDecoder } from 'geotiff';
import { inflate } from './inflate';
import { wasmInflate } from './wasmInflate';
import { takeTile } from './tilePool';

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

interface DecoderParams { tileWidth: number; tileHeight: number; bitsPerSample: number | ArrayLike<number>; planarConfiguration: number }

interface PredictorParams extends DecoderParams { predictor: number }

let scratch = new Uint8Array(0);

/**
 * Undoes a TIFF predictor in place, as geotiff.js's applyPredictor does (same results, host
 * little-endian): 2 = horizontal differencing of 8/16/32-bit samples, 3 = floating point
 * (byte-wise differencing, then the byte planes of each row put back into samples). geotiff.js's
 * own version runs ~20x slower in Chromium (a megamorphic per-row loop, a fresh copy per row):
 * it was most of a worker's time on the demo.
 */
export function undoPredictor(block: ArrayBufferLike, p: PredictorParams): ArrayBufferLike {
  const predictor = p.predictor;
  if (!predictor || predictor === 1) return block;
  const bits = typeof p.bitsPerSample === 'number' ? [p.bitsPerSample] : Array.from(p.bitsPerSample);
  for (const b of bits) {
    if (b % 8 !== 0) throw new Error('When decoding with predictor, only multiple of 8 bits are supported.');
    if (b !== bits[0]) throw new Error('When decoding with predictor, all samples must have the same size.');
  }
  const bytes = bits[0] / 8;
  const stride = p.planarConfiguration === 2 ? 1 : bits.length;
  const rowElems = p.tileWidth * stride;
  const rowBytes = rowElems * bytes;
  const rows = Math.min(p.tileHeight, Math.floor(block.byteLength / rowBytes));
  if (predictor === 2) {
    if (bytes === 1) accumulate8(new Uint8Array(block, 0, rows * rowElems), rows, rowElems, stride);
    else if (bytes === 2) accumulate16(new Uint16Array(block, 0, rows * rowElems), rows, rowElems, stride);
    else if (bytes === 4) accumulate32(new Uint32Array(block, 0, rows * rowElems), rows, rowElems, stride);
    else throw new Error(`Predictor 2 not allowed with ${bits[0]} bits per sample.`);
  } else if (predictor === 3) {
    floatingPoint(new Uint8Array(block, 0, rows * rowBytes), rows, rowBytes, stride, bytes);
  }
  return block;
}

function accumulate8(a: Uint8Array, rows: number, n: number, stride: number): void {
  for (let r = 0, o = 0; r < rows; r++, o += n) {
    for (let j = o + stride, e = o + n; j < e; j++) a[j] = (a[j] + a[j - stride]) & 0xff;
  }
}

function accumulate16(a: Uint16Array, rows: number, n: number, stride: number): void {
  for (let r = 0, o = 0; r < rows; r++, o += n) {
    if (stride === 1) {
      let v = a[o];
      for (let j = o + 1, e = o + n; j < e; j++) a[j] = v = (v + a[j]) & 0xffff;
    } else {
      for (let j = o + stride, e = o + n; j < e; j++) a[j] = (a[j] + a[j - stride]) & 0xffff;
    }
  }
}

function accumulate32(a: Uint32Array, rows: number, n: number, stride: number): void {
  for (let r = 0, o = 0; r < rows; r++, o += n) {
    for (let j = o + stride, e = o + n; j < e; j++) a[j] = (a[j] + a[j - stride]) >>> 0;
  }
}

function floatingPoint(a: Uint8Array, rows: number, rowBytes: number, stride: number, bytes: number): void {
  if (scratch.length < rowBytes) scratch = new Uint8Array(rowBytes);
  const t = scratch;
  const wc = rowBytes / bytes;
  for (let r = 0, o = 0; r < rows; r++, o += rowBytes) {
    // byte-wise running sums (step = samples per pixel) into the scratch row
    for (let j = 0; j < stride; j++) t[j] = a[o + j];
    for (let j = stride; j < rowBytes; j++) t[j] = (a[o + j] + t[j - stride]) & 0xff;
    // the row holds byte planes, most significant first: sample i's byte b is plane (bytes-1-b)
    if (bytes === 4) {
      const p0 = 3 * wc, p1 = 2 * wc, p2 = wc;
      for (let i = 0, d = o; i < wc; i++, d += 4) {
        a[d] = t[p0 + i];
        a[d + 1] = t[p1 + i];
        a[d + 2] = t[p2 + i];
        a[d + 3] = t[i];
      }
    } else {
      for (let i = 0; i < wc; i++) {
        for (let b = 0; b < bytes; b++) a[o + bytes * i + b] = t[(bytes - b - 1) * wc + i];
      }
    }
  }
}

/** A decoder whose predictor step is undoPredictor instead of geotiff.js's applyPredictor. */
abstract class PredictingDecoder extends BaseDecoder {
  override async decode(buffer: ArrayBufferLike): Promise<ArrayBufferLike> {
    const decoded = await this.decodeBlock(buffer);
    return undoPredictor(decoded, this.parameters as unknown as PredictorParams);
  }
}

/**
 * A decoder that decodes a tile from a view of bytes held in memory, synchronously, predictor
 * undone: rasterBlocks reads the tiles of a file held in memory (a ZIP's entry) straight from
 * the archive's bytes with it, without geotiff.js's copy of each tile's bytes.
 */
export interface ViewDecoder {
  decodeView(bytes: Uint8Array): ArrayBufferLike;
}

export function isViewDecoder(d: unknown): d is ViewDecoder {
  return typeof (d as Partial<ViewDecoder> | null)?.decodeView === 'function';
}

export class NodeDeflateDecoder extends PredictingDecoder implements ViewDecoder {
  override decodeBlock(buffer: ArrayBufferLike): ArrayBufferLike {
    return toArrayBuffer(inflateSync!(new Uint8Array(buffer)));
  }

  decodeView(bytes: Uint8Array): ArrayBufferLike {
    return undoPredictor(toArrayBuffer(inflateSync!(bytes)), this.parameters as unknown as PredictorParams);
  }
}

/**
 * DEFLATE in the browser: WebAssembly (wasmInflate.ts, the algorithm of inflate.ts compiled from
 * C: no JIT warm-up in each worker, ~1.7x faster warm), or inflate.ts where WebAssembly is not
 * available; both several times faster in Chromium than a DecompressionStream per tile.
 */
export class JsDeflateDecoder extends PredictingDecoder implements ViewDecoder {
  override decodeBlock(buffer: ArrayBufferLike): ArrayBufferLike {
    return this.inflateTile(new Uint8Array(buffer));
  }

  decodeView(bytes: Uint8Array): ArrayBufferLike {
    return undoPredictor(this.inflateTile(bytes), this.parameters as unknown as PredictorParams);
  }

  /** Into a reused buffer (io/tilePool.ts; rasterBlocks gives it back once its tile row is read). */
  private inflateTile(src: Uint8Array): ArrayBufferLike {
    const size = blockBytes(this.parameters as unknown as DecoderParams);
    const into = takeTile(size);
    return toArrayBuffer(wasmInflate(src, size, false, into) ?? inflate(src, size, false, into));
  }
}

export class StreamDeflateDecoder extends PredictingDecoder {
  override async decodeBlock(buffer: ArrayBufferLike): Promise<ArrayBufferLike> {
    const stream = new Blob([new Uint8Array(buffer as ArrayBuffer)]).stream().pipeThrough(new DecompressionStream('deflate'));
    return new Response(stream).arrayBuffer();
  }
}


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

export class FastLzwDecoder extends PredictingDecoder {
  override decodeBlock(buffer: ArrayBufferLike): ArrayBufferLike {
    const out = lzwDecode(new Uint8Array(buffer), blockBytes(this.parameters as unknown as DecoderParams));
    return toArrayBuffer(out);
  }
}

/** Which DEFLATE decoder is in use: 'node-zlib', 'js-inflate' (inflate.ts) or 'pako' (geotiff.js's own, before registering). */
export let deflateBackend: 'node-zlib' | 'js-inflate' | 'pako' = 'pako';

let registered = false;

/** Registers the native DEFLATE decoder with geotiff.js (idempotent). openRaster calls it. */
export function registerNativeDecoders(): void {
  if (registered) return;
  registered = true;
  addDecoder(5, async () => FastLzwDecoder, undefined, false);
  if (inflateSync) {
    addDecoder([8, 32946], async () => NodeDeflateDecoder, undefined, false);
    deflateBackend = 'node-zlib';
  } else {
    addDecoder([8, 32946], async () => JsDeflateDecoder, undefined, false);
    deflateBackend = 'js-inflate';
  }
}
