import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflateBackend, lzwDecode, NodeDeflateDecoder, registerNativeDecoders, StreamDeflateDecoder } from './decoders';
import { openRaster } from './raster';
import { expected, fixture } from './rasterFixtures';

const params = { tileWidth: 4, tileHeight: 2, planarConfiguration: 1, bitsPerSample: [16], predictor: 1 };

describe('native DEFLATE decoders', () => {
  it('uses Node zlib in Node', () => {
    registerNativeDecoders();
    expect(deflateBackend).toBe('node-zlib');
  });
  it('NodeDeflateDecoder and StreamDeflateDecoder (the browser one; Node has DecompressionStream too) inflate zlib data', async () => {
    const raw = new Uint8Array(16).map((_, i) => i * 7);
    const z = deflateSync(raw);
    const input = z.buffer.slice(z.byteOffset, z.byteOffset + z.byteLength);
    for (const D of [NodeDeflateDecoder, StreamDeflateDecoder]) {
      const out = await new D(params).decode(input);
      expect(Array.from(new Uint8Array(out))).toEqual(Array.from(raw));
    }
  });
  it('with predictor 2 (horizontal differencing, 16-bit)', async () => {
    // rows of 4 Int16: differences 5,1,1,1 -> 5,6,7,8
    const diffs = new Uint16Array([5, 1, 1, 1, 100, 65535, 65535, 2]);
    const z = deflateSync(new Uint8Array(diffs.buffer));
    const input = z.buffer.slice(z.byteOffset, z.byteOffset + z.byteLength);
    for (const D of [NodeDeflateDecoder, StreamDeflateDecoder]) {
      const out = await new D({ ...params, predictor: 2 }).decode(input);
      expect(Array.from(new Int16Array(out))).toEqual([5, 6, 7, 8, 100, 99, 98, 100]);
    }
  });
  it('DEFLATE and ZSTD fixtures read the same as GDAL through openRaster', async () => {
    for (const f of ['uint16_deflate_p2_strips.tif', 'uint16_zstd_p2_tiled.tif', 'float32_zstd_p3_tiled.tif']) {
      const r = await openRaster(fixture(f), f);
      const got = Array.from(await r.readRows(0, r.grid.height), (v) => (Number.isNaN(v) ? null : v));
      expect(got).toEqual(expected.values[r.dtype]);
    }
  });
  it('LZW: GDAL-written LZW fixtures (predictors 2 and 3, every dtype) decode as GDAL reads them', async () => {
    for (const f of (expected.files as { file: string; compression: string }[]).filter((x) => x.compression === 'LZW')) {
      const r = await openRaster(fixture(f.file), f.file);
      const got = Array.from(await r.readRows(0, r.grid.height), (v) => (Number.isNaN(v) ? null : v));
      expect(got, f.file).toEqual(expected.values[r.dtype]);
    }
  });
  it('LZW: corrupt data is an error, not garbage', () => {
    // first code after the start is 300 (9 bits 100101100): not a literal
    expect(() => lzwDecode(new Uint8Array([0x96, 0x00, 0x00]), 16)).toThrow(/LZW/);
    // clear (256), literal 65, EOI (257): "A"
    // 100000000 001000001 100000001 -> bits packed MSB-first
    const bits = '100000000' + '001000001' + '100000001';
    const bytes = new Uint8Array(4);
    for (let i = 0; i < bits.length; i++) if (bits[i] === '1') bytes[i >> 3] |= 0x80 >> (i & 7);
    expect(Array.from(lzwDecode(bytes, 1))).toEqual([65]);
  });
});
