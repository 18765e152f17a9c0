import { constants, deflateRawSync, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflate as jsInflate } from './inflate';
import { hasWasmInflate, wasmInflate } from './wasmInflate';

/** Deterministic test data: random bytes, runs, repeats with short and long periods, Int16 rasters after predictor 2. */
function samples(): [string, Uint8Array][] {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) / 65536;
  const out: [string, Uint8Array][] = [];
  out.push(['empty', new Uint8Array(0)]);
  out.push(['one byte', new Uint8Array([42])]);
  out.push(['random 100 KB', Uint8Array.from({ length: 100_000 }, () => (rnd() * 256) | 0)]);
  out.push(['zeros 300 KB', new Uint8Array(300_000)]);
  const mixed = new Uint8Array(200_000);
  for (let i = 0; i < mixed.length;) {
    const kind = rnd();
    const n = 1 + ((rnd() * 600) | 0);
    const period = 1 + ((rnd() * 40) | 0);
    for (let k = 0; k < n && i < mixed.length; k++, i++) {
      mixed[i] = kind < 0.3 ? (rnd() * 256) | 0 : kind < 0.6 ? 7 : i >= period ? mixed[i - period] : 3;
    }
  }
  out.push(['runs and repeats', mixed]);
  // a smooth Int16 field, horizontally differenced as TIFF predictor 2 stores it
  const w = 512, h = 64;
  const field = new Int16Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) field[y * w + x] = Math.round(300 * Math.sin(x / 37) * Math.cos(y / 23) + (x > 200 && x < 260 ? 0 : rnd() * 4));
  for (let y = 0; y < h; y++) for (let x = w - 1; x > 0; x--) field[y * w + x] -= field[y * w + x - 1];
  out.push(['Int16 predictor-2 raster', new Uint8Array(field.buffer)]);
  return out;
}

// The same tests for both implementations: inflate.ts and wasm/inflate.c (wasmInflate.ts).
const implementations: [string, typeof jsInflate][] = [
  ['inflate.ts', jsInflate],
  ['wasm/inflate.c', (src, capacity, raw, into) => wasmInflate(src, capacity, raw, into)!],
];

it('WebAssembly is there (in Node as in the browsers we support)', () => {
  expect(hasWasmInflate()).toBe(true);
});

for (const [impl, inflate] of implementations) describe(`inflate (${impl})`, () => {
  const cases = samples();
  it('gives back exactly what zlib deflated, at every level and strategy', () => {
    const strategies = [constants.Z_DEFAULT_STRATEGY, constants.Z_FILTERED, constants.Z_HUFFMAN_ONLY, constants.Z_RLE, constants.Z_FIXED];
    for (const [name, data] of cases) {
      for (const level of [0, 1, 6, 9]) {
        for (const strategy of strategies) {
          const z = deflateSync(data, { level, strategy });
          const got = inflate(new Uint8Array(z.buffer, z.byteOffset, z.byteLength), data.length);
          expect(got.length, `${name} level ${level} strategy ${strategy}`).toBe(data.length);
          expect(Buffer.from(got).equals(Buffer.from(data)), `${name} level ${level} strategy ${strategy}`).toBe(true);
        }
      }
    }
  });

  it('raw DEFLATE, and outputs larger than the expected size', () => {
    for (const [name, data] of cases) {
      const z = deflateRawSync(data);
      const got = inflate(new Uint8Array(z), 10, true);
      expect(Buffer.from(got).equals(Buffer.from(data)), name).toBe(true);
    }
  });

  it('corrupt or truncated data throws', () => {
    const data = cases[4][1];
    const z = new Uint8Array(deflateSync(data));
    expect(() => inflate(z.subarray(0, z.length >> 1), data.length)).toThrow(/unexpected end|invalid/);
    expect(() => inflate(new Uint8Array([0x78, 0x9c, 0xff, 0xff, 0xff]), 10)).toThrow(/invalid|unexpected end/);
    expect(() => inflate(new Uint8Array([0x12, 0x34, 0, 0]), 10)).toThrow(/incorrect header check/);
    // fixed Huffman block: literal 'a', then a match of length 3 at distance 2 (before the start)
    // bits: BFINAL 1, BTYPE 01, 'a' = 0x61 -> 8-bit code 10010001, length 3 = 7-bit 0000001, distance code 1 = 00001
    const bits = '1' + '10' + '10010001' + '0000001' + '00001' + '0000000';
    const bad = new Uint8Array(4);
    let k = 0;
    const put = (b: string, msbFirst: boolean) => {
      const s = msbFirst ? b : [...b].reverse().join('');
      for (const c of s) { if (c === '1') bad[k >> 3] |= 1 << (k & 7); k++; }
    };
    put('1', false); put('01', false); put('10010001', true); put('0000001', true); put('00001', true); put('0000000', true);
    expect(bits.length).toBe(k);
    expect(() => inflate(bad, 10, true)).toThrow(/too far back/);
    // random damage: an error or some output, never a hang
    let seed = 3;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16);
    for (let t = 0; t < 300; t++) {
      const c = z.slice();
      for (let j = 0; j < 3; j++) c[2 + (rnd() % (c.length - 2))] ^= 1 << (rnd() % 8);
      try { inflate(c, data.length); } catch (e) { expect((e as Error).message).toMatch(/invalid|unexpected end|incorrect/); }
    }
  });
});
