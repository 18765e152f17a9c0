import { describe, expect, it } from 'vitest';
import { TIFF_ASCII, TIFF_DOUBLE, TIFF_LONG, TIFF_SHORT, ifdByteLength, writeIfd, type TiffTag } from './tiffIfd';

describe('writeIfd', () => {
  const tags: TiffTag[] = [
    { tag: 42113, type: TIFF_ASCII, values: 'nan' }, // 4 bytes with NUL: inline
    { tag: 256, type: TIFF_LONG, values: [70000] },
    { tag: 33550, type: TIFF_DOUBLE, values: [0.5, 2, 0] }, // 24 bytes: out of line
    { tag: 258, type: TIFF_SHORT, values: [16] },
    { tag: 34737, type: TIFF_ASCII, values: 'WGS 84|' }, // 8 bytes: out of line
  ];
  it('writes sorted entries, inline small values and out-of-line larger ones', () => {
    const len = ifdByteLength(tags);
    expect(len).toBe(2 + 5 * 12 + 4 + 24 + 8);
    const buf = new ArrayBuffer(10 + len);
    const v = new DataView(buf);
    expect(writeIfd(v, 10, tags, 1234)).toBe(10 + len);
    expect(v.getUint16(10, true)).toBe(5);
    const entry = (i: number) => [0, 2, 4, 8].map((o, k) => (k < 2 ? v.getUint16(12 + i * 12 + o, true) : v.getUint32(12 + i * 12 + o, true)));
    expect([0, 1, 2, 3, 4].map((i) => entry(i)[0])).toEqual([256, 258, 33550, 34737, 42113]);
    expect(entry(0)).toEqual([256, 4, 1, 70000]);
    expect(entry(1)).toEqual([258, 3, 1, 16]);
    expect(entry(2)).toEqual([33550, 12, 3, 10 + 66]);
    expect(v.getFloat64(76, true)).toBe(0.5);
    expect(v.getFloat64(84, true)).toBe(2);
    expect(entry(3)).toEqual([34737, 2, 8, 10 + 66 + 24]);
    expect(new TextDecoder().decode(new Uint8Array(buf, 100, 8))).toBe('WGS 84|\0');
    expect(entry(4).slice(0, 3)).toEqual([42113, 2, 4]);
    expect(new TextDecoder().decode(new Uint8Array(buf, 12 + 4 * 12 + 8, 4))).toBe('nan\0');
    expect(v.getUint32(12 + 60, true)).toBe(1234);
  });
  it('refuses odd offsets and duplicate tags', () => {
    const v = new DataView(new ArrayBuffer(200));
    expect(() => writeIfd(v, 1, tags, 0)).toThrow(/even/);
    expect(() => writeIfd(v, 0, [tags[1], tags[1]], 0)).toThrow(/twice/);
  });
});
