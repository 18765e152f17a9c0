import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BaseDecoder, fromFile } from 'geotiff';
import { deflateBackend, JsDeflateDecoder, lzwDecode, NodeDeflateDecoder, registerNativeDecoders, StreamDeflateDecoder, undoPredictor } from './decoders';
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
    for (const D of [NodeDeflateDecoder, StreamDeflateDecoder, JsDeflateDecoder]) {
      const out = await new D(params).decode(input);
      expect(Array.from(new Uint8Array(out))).toEqual(Array.from(raw));
    }
  });
  it('with predictor 2 (horizontal differencing, 16-bit)', async () => {
    // rows of 4 Int16: differences 5,1,1,1 -> 5,6,7,8
    const diffs = new Uint16Array([5, 1, 1, 1, 100, 65535, 65535, 2]);
    const z = deflateSync(new Uint8Array(diffs.buffer));
    const input = z.buffer.slice(z.byteOffset, z.byteOffset + z.byteLength);
    for (const D of [NodeDeflateDecoder, StreamDeflateDecoder, JsDeflateDecoder]) {
      const out = await new D({ ...params, predictor: 2 }).decode(input);
      expect(Array.from(new Int16Array(out))).toEqual([5, 6, 7, 8, 100, 99, 98, 100]);
    }
  });
  it('decodeView: the same from a view of bytes inside a larger buffer (predictor undone)', () => {
    const diffs = new Uint16Array([5, 1, 1, 1, 100, 65535, 65535, 2]);
    const z = deflateSync(new Uint8Array(diffs.buffer));
    const held = new Uint8Array(z.length + 9).fill(0xee);
    held.set(z, 4);
    for (const D of [NodeDeflateDecoder, JsDeflateDecoder]) {
      const out = new D({ ...params, predictor: 2 }).decodeView(held.subarray(4, 4 + z.length));
      expect(Array.from(new Int16Array(out)), D.name).toEqual([5, 6, 7, 8, 100, 99, 98, 100]);
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

/** geotiff.js's own predictor step (BaseDecoder.decode → applyPredictor), the reference for undoPredictor. */
class GeotiffPredictor extends BaseDecoder {
  override decodeBlock(buffer: ArrayBufferLike): ArrayBufferLike {
    return buffer;
  }
}

describe('undoPredictor', () => {
  it('gives what geotiff.js\'s applyPredictor gives (predictors 2 and 3, 8–64 bits, 1 and 3 samples per pixel, short last strip)', async () => {
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    const cases: [number, number, number][] = [[2, 8, 1], [2, 16, 1], [2, 32, 1], [2, 16, 3], [2, 8, 3], [2, 32, 3], [3, 32, 1], [3, 64, 1], [3, 16, 1], [3, 32, 3]];
    for (const [predictor, bits, spp] of cases) {
      for (const [w, h, rows] of [[7, 5, 5], [16, 4, 3]]) {
        const params = { tileWidth: w, tileHeight: h, planarConfiguration: 1, bitsPerSample: Array(spp).fill(bits), predictor };
        const n = w * rows * spp * (bits / 8);
        const data = Uint8Array.from({ length: n }, rnd);
        const want = new Uint8Array(await new GeotiffPredictor(params).decode(data.slice().buffer));
        const got = new Uint8Array(undoPredictor(data.slice().buffer, params));
        expect(Array.from(got), `predictor ${predictor}, ${bits} bits × ${spp}, ${w}×${rows}`).toEqual(Array.from(want));
      }
    }
  });

  it('GDAL-written DEFLATE files with predictors 2 and 3 decode, through both DEFLATE decoders, to the values GDAL reads', async () => {
    registerNativeDecoders();
    const files = (expected.files as { file: string; compression: string; predictor: number }[]).filter((x) => x.compression === 'DEFLATE' && x.predictor > 1);
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      const image = await (await fromFile(fixture(f.file))).getImage(0);
      // geotiff.js's own reader, with our registered (Node zlib) decoder and its predictor step
      const [band] = (await image.readRasters({ samples: [0] })) as unknown as ArrayLike<number>[];
      const want = expected.values[(await openRaster(fixture(f.file), f.file)).dtype];
      expect(Array.from(band, (v) => (Number.isNaN(v) ? null : v)), f.file).toEqual(want);
      // the browser's decoders (inflate.ts, DecompressionStream) give the same tiles
      const fd = image.fileDirectory;
      const params = {
        tileWidth: image.getTileWidth(), tileHeight: image.getTileHeight(), planarConfiguration: image.planarConfiguration,
        bitsPerSample: (await fd.loadValue('BitsPerSample')) as number[], predictor: f.predictor,
      };
      const across = Math.ceil(image.getWidth() / params.tileWidth);
      const down = Math.ceil(image.getHeight() / params.tileHeight);
      for (let ty = 0; ty < down; ty++) {
        for (let tx = 0; tx < across; tx++) {
          const a = await image.getTileOrStrip(tx, ty, 0, new NodeDeflateDecoder(params) as never);
          const b = await image.getTileOrStrip(tx, ty, 0, new StreamDeflateDecoder(params) as never);
          expect(new Uint8Array(b.data)).toEqual(new Uint8Array(a.data));
          const c = await image.getTileOrStrip(tx, ty, 0, new JsDeflateDecoder(params) as never);
          expect(new Uint8Array(c.data)).toEqual(new Uint8Array(a.data));
        }
      }
    }
  });
});
