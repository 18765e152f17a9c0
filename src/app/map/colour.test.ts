import { describe, expect, it } from 'vitest';
import { lookupSpans } from './lookup';
import { colourOf, makeLut, niceCeil, packRgba, quantileOf, renderLayer, robustRange, robustSymmetricLimit, scaleFor } from './colour';
import { layerDef, TREND_CLASS_NAMES } from '../state/layers';
import * as d3 from 'd3';

describe('colour tables', () => {
  it('spans ColorBrewer BrBG from #543005 to #003c30 (the published end colours)', () => {
    const lut = makeLut(d3.interpolateBrBG);
    expect(lut.length).toBe(256);
    expect(lut[0]).toBe(packRgba(0x54, 0x30, 0x05));
    expect(lut[255]).toBe(packRgba(0x00, 0x3c, 0x30));
  });

  it('packs RGBA in ImageData byte order', () => {
    const u32 = new Uint32Array([packRgba(1, 2, 3, 4)]);
    expect(Array.from(new Uint8Array(u32.buffer))).toEqual([1, 2, 3, 4]);
  });
});

describe('quantileOf', () => {
  it('is numpy.percentile (linear) without sorting: np.percentile(x, [0, 2, 25, 50, 90, 98, 100])', () => {
    const x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8.5, -2.25, 7, 0.5];
    const want = [-2.25, -1.48, 1.5, 4.0, 7.8999999999999995, 8.86, 9.0];
    [0, 0.02, 0.25, 0.5, 0.9, 0.98, 1].forEach((q, i) => expect(quantileOf(Float64Array.from(x), q)).toBeCloseTo(want[i], 12));
    expect(quantileOf(new Float64Array(0), 0.5)).toBeNaN();
    expect(quantileOf(Float64Array.of(4), 0.98)).toBe(4);
  });
  it('equals d3.quantileSorted on the sorted values, exactly: ties, constant runs, heavy tails, every q', () => {
    let seed = 11;
    const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
    const sets: number[][] = [
      Array.from({ length: 5000 }, () => rnd() * 1000 - 300),
      Array.from({ length: 5000 }, () => Math.round(rnd() * 20)), // many ties
      Array.from({ length: 3000 }, (_, i) => (i < 2900 ? 7 : rnd() * 1e6)), // one value, and a tail
      Array.from({ length: 4000 }, () => Math.exp(rnd() * 30) * (rnd() < 0.5 ? -1 : 1)), // heavy tails
      [5, 5],
      [1, 2],
    ];
    for (const x of sets) {
      const sorted = Float64Array.from(x).sort();
      for (const q of [0, 0.001, 0.02, 0.25, 0.5, 0.75, 0.98, 0.999, 1]) {
        expect(quantileOf(Float64Array.from(x), q), `n ${x.length}, q ${q}`).toBe(d3.quantileSorted(Array.from(sorted), q));
      }
    }
  });
});

describe('robust limits', () => {
  it('uses the 98th percentile of |v| (numpy: np.percentile(np.abs(v), 98) = 98.02 for v = ±1…100), rounded up', () => {
    const v = Float32Array.from({ length: 100 }, (_, i) => (i % 2 ? 1 : -1) * (i + 1));
    expect(robustSymmetricLimit(v)).toBe(100);
    expect(niceCeil(98.02)).toBe(100);
    expect(niceCeil(0.31)).toBe(0.4);
    expect(niceCeil(2.1)).toBe(2.5);
  });

  it('ignores NaN and nicens a sequential range', () => {
    const v = Float32Array.from({ length: 101 }, (_, i) => (i === 50 ? NaN : i));
    const [lo, hi] = robustRange(v);
    expect(lo).toBeLessThanOrEqual(2);
    expect(hi).toBeGreaterThanOrEqual(98);
    expect(hi).toBeLessThanOrEqual(100);
  });
});

describe('renderLayer', () => {
  it('colours each canvas pixel from its included pixel; transparent outside and for NaN', () => {
    const scale = scaleFor(layerDef('nep'), [-10, 10], TREND_CLASS_NAMES);
    expect(scale.type).toBe('linear');
    const values = new Float32Array([-1000, 0, 1000, NaN]);
    const lookup = new Int32Array([-1, 0, 1, 2, 3, 2]);
    const out = new Uint32Array(lookup.length);
    renderLayer(lookup, values, scale, out);
    expect(out[0]).toBe(0);
    expect(out[1]).toBe(makeLut(d3.interpolateBrBG)[0]); // clamped low end
    expect(out[3]).toBe(makeLut(d3.interpolateBrBG)[255]); // clamped high end
    expect(out[4]).toBe(0);
    expect(out[5]).toBe(out[3]);
    expect(out[2]).toBe(colourOf(scale, 0));
  });

  it('with spans, writes the spans only and leaves the rest of the buffer as it was', () => {
    const scale = scaleFor(layerDef('nep'), [-10, 10], TREND_CLASS_NAMES);
    const lookup = new Int32Array([-1, 0, 1, -1, -1, 2, -1]);
    const spans = lookupSpans(lookup);
    expect(Array.from(spans)).toEqual([1, 3, 5, 6]);
    const full = new Uint32Array(lookup.length);
    renderLayer(lookup, new Float32Array([-5, 5, NaN]), scale, full);
    const out = new Uint32Array(lookup.length).fill(7); // stands for what a previous paint left
    renderLayer(lookup, new Float32Array([-5, 5, NaN]), scale, out, spans);
    expect(Array.from(out)).toEqual([7, full[1], full[2], 7, 7, 0, 7]);
    const cls = scaleFor(layerDef('trend-class'), [], TREND_CLASS_NAMES);
    renderLayer(lookup, new Int8Array([3, -3, 0]), cls, out, spans);
    expect(out[1]).toBe(packRgba(0x1a, 0x78, 0x37));
    expect(out[0]).toBe(7);
  });

  it('colours trend classes and sink/source categorically', () => {
    const cls = scaleFor(layerDef('trend-class'), [], TREND_CLASS_NAMES);
    const out = new Uint32Array(3);
    renderLayer(new Int32Array([0, 1, 2]), new Int8Array([3, -3, 0]), cls, out);
    expect(out[0]).toBe(packRgba(0x1a, 0x78, 0x37)); // '3': #1a7837
    expect(out[1]).toBe(packRgba(0x8c, 0x51, 0x0a)); // '-3': #8c510a
    expect(out[2]).toBe(packRgba(0xf0, 0xf0, 0xf0));
    expect(cls.type === 'classes' && cls.names[0]).toBe('Extremely significant increase');
    const sign = scaleFor(layerDef('sink-source'), [], TREND_CLASS_NAMES);
    renderLayer(new Int32Array([0, 1, 2]), new Float32Array([5, -0.1, 0]), sign, out);
    expect(new Set(out).size).toBe(3);
    expect(out[0]).toBe(packRgba(0x1a, 0x78, 0x37));
  });
});
