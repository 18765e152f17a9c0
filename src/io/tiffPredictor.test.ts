import { describe, expect, it } from 'vitest';
import { encodeFloatingPoint, encodeHorizontal } from './tiffPredictor';

describe('encodeHorizontal (TIFF predictor 2)', () => {
  it('differences each row on its own', () => {
    const t = Int16Array.of(1, 3, 6, 10, 10, 10);
    encodeHorizontal(t, 3, 2);
    expect(Array.from(t)).toEqual([1, 2, 3, 10, 0, 0]);
  });
  it('wraps modulo 2^bits', () => {
    const t = Int8Array.of(-128, 127, -128);
    encodeHorizontal(t, 3, 1);
    expect(Array.from(t)).toEqual([-128, -1, 1]); // 127 − (−128) = 255 ≡ −1; −128 − 127 = −255 ≡ 1
    const u = Uint16Array.of(0, 65535);
    encodeHorizontal(u, 2, 1);
    expect(Array.from(u)).toEqual([0, 65535]);
  });
});

describe('encodeFloatingPoint (TIFF predictor 3, Adobe Tech Note 3)', () => {
  it('splits bytes into planes, most significant first, then differences them', () => {
    // 1.0f = 3F800000, 2.0f = 40000000; planes: 3F 40 | 80 00 | 00 00 | 00 00
    const row = new Uint8Array(Float32Array.of(1, 2).buffer);
    expect(Array.from(encodeFloatingPoint(row, 2, 1, 4))).toEqual([0x3f, 0x01, 0x40, 0x80, 0x00, 0x00, 0x00, 0x00]);
  });
  it('restarts at each row', () => {
    const rows = new Uint8Array(Float32Array.of(1, 2, 1, 2).buffer);
    const out = Array.from(encodeFloatingPoint(rows, 2, 2, 4));
    expect(out.slice(0, 8)).toEqual(out.slice(8));
  });
});
