import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { defaultDeflate, streamDeflate } from './tiffDeflate';

const input = new Uint8Array(5000).map((_, i) => (i * 7) % 13);

describe('DEFLATE for TIFF (zlib format)', () => {
  it('CompressionStream path inflates back with zlib', async () => {
    const z = await streamDeflate(input);
    expect(z[0]).toBe(0x78); // zlib header, not raw deflate or gzip
    expect(Array.from(inflateSync(z))).toEqual(Array.from(input));
  });
  it('default in Node is synchronous zlib and round-trips', async () => {
    const deflate = await defaultDeflate();
    const z = deflate(input);
    expect(z).toBeInstanceOf(Uint8Array);
    expect(Array.from(inflateSync(z as Uint8Array))).toEqual(Array.from(input));
  });
});
