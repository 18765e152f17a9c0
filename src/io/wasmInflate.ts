/**
 * DEFLATE through WebAssembly (wasm/inflate.c, the algorithm of inflate.ts), for TIFF tiles in
 * the browser's engine workers. The JS inflate decodes as fast once V8 has optimized it, but
 * V8 optimizes it again in every worker (and in OSR and regular versions): on the demo, its
 * optimizing compiler spent more time on inflate.ts than the workers spent decoding. The module
 * (3.6 KB) compiles in about a millisecond, before the first tile.
 *
 * wasmInflate returns null where WebAssembly is not available (or refused): callers then use
 * inflate.ts, which gives the same bytes.
 */
import { INFLATE_WASM_BASE64 } from './wasm/inflateWasm';

interface Exports {
  memory: WebAssembly.Memory;
  __heap_base: WebAssembly.Global;
  inflate(src: number, srcLen: number, out: number, outCap: number, raw: number): number;
}

const ERRORS: Record<number, string> = {
  [-1]: 'unexpected end of data',
  [-2]: 'incorrect header check',
  [-3]: 'invalid zlib header: preset dictionary',
  [-4]: 'invalid stored block lengths',
  [-5]: 'invalid code lengths (too many length or distance symbols)',
  [-6]: 'invalid code lengths set',
  [-7]: 'invalid bit length repeat',
  [-8]: 'invalid code -- missing end-of-block',
  [-9]: 'invalid block type',
  [-10]: 'invalid literal/length code',
  [-11]: 'invalid distance code',
  [-12]: 'invalid distance too far back',
  [-13]: 'invalid code lengths set (over-subscribed)',
};
const OUTPUT_FULL = -100;

let exports: Exports | null | undefined;

function load(): Exports | null {
  if (exports !== undefined) return exports;
  try {
    const bin = atob(INFLATE_WASM_BASE64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as unknown as Exports;
  } catch {
    exports = null; // no WebAssembly here (or a policy against it): inflate.ts does the work
  }
  return exports;
}

/** Whether wasmInflate works here. */
export function hasWasmInflate(): boolean {
  return load() !== null;
}

/**
 * As inflate.ts's inflate: `src` (zlib-wrapped unless `raw`) inflated into `into` when it is
 * large enough, else into a new array; `capacity`, the expected size. null without WebAssembly.
 * Corrupt data throws, with zlib's messages.
 */
export function wasmInflate(src: Uint8Array, capacity: number, raw = false, into?: Uint8Array): Uint8Array | null {
  const x = load();
  if (!x) return null;
  const base = (x.__heap_base.value as number + 15) & ~15;
  const srcPtr = base;
  const outPtr = (srcPtr + src.length + 15) & ~15;
  let cap = Math.max(capacity, into?.length ?? 0, 64);
  for (;;) {
    const need = outPtr + cap;
    const have = x.memory.buffer.byteLength;
    if (need > have) x.memory.grow(Math.ceil((need - have) / 65536));
    const mem = new Uint8Array(x.memory.buffer);
    mem.set(src, srcPtr);
    const n = x.inflate(srcPtr, src.length, outPtr, cap, raw ? 1 : 0);
    if (n === OUTPUT_FULL) {
      cap *= 2;
      continue;
    }
    if (n < 0) throw new Error(ERRORS[n] ?? `inflate failed (${n})`);
    const out = into && into.length >= n ? into : new Uint8Array(n);
    out.set(mem.subarray(outPtr, outPtr + n));
    return out.length === n ? out : out.subarray(0, n);
  }
}
