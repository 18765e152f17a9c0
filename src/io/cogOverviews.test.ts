import { describe, expect, it } from 'vitest';
import { makeOverviews, nearestStep, overviewLevels, reduceBlocks } from './cogOverviews';

describe('overviewLevels', () => {
  it('halves (rounding up) until one tile holds the image', () => {
    expect(overviewLevels(1000, 1000, 256).map((l) => [l.factor, l.width, l.height])).toEqual([[2, 500, 500], [4, 250, 250]]);
    expect(overviewLevels(257, 3, 256).map((l) => [l.width, l.height])).toEqual([[129, 2]]);
    expect(overviewLevels(256, 256, 256)).toEqual([]);
    expect(overviewLevels(1, 1, 256)).toEqual([]);
    expect(overviewLevels(3, 1025, 256).map((l) => [l.width, l.height])).toEqual([[2, 513], [1, 257], [1, 129]]);
  });
});

describe('reduceBlocks', () => {
  // 3 × 3, factor 2 → 2 × 2 with partial blocks at the right and bottom edges
  const a = Float32Array.of(1, 2, 3, 4, NaN, 6, 7, 8, -9);
  const level = { factor: 2, width: 2, height: 2 };
  it('averages valid pixels, ignoring NaN and noData', () => {
    // blocks: {1, 2, 4, NaN}, {3, 6}, {7, 8}, {−9}
    expect(Array.from(reduceBlocks(a, 3, 3, level, 'average', null))).toEqual([Math.fround(7 / 3), 4.5, 7.5, -9]);
    // with noData −9 the last block has no valid pixel and gets −9
    const withNoData = Float32Array.of(1, 2, 3, 4, -9, 6, 7, 8, -9);
    expect(Array.from(reduceBlocks(withNoData, 3, 3, level, 'average', -9))).toEqual([Math.fround(7 / 3), 4.5, 7.5, -9]);
  });
  it('gives noData (or NaN) to blocks with no valid pixel', () => {
    const b = Float32Array.of(NaN, NaN, 5, NaN);
    expect(Array.from(reduceBlocks(b, 2, 2, { factor: 2, width: 1, height: 1 }, 'average', null))).toEqual([5]);
    expect(Array.from(reduceBlocks(Float32Array.of(NaN, NaN), 2, 1, { factor: 2, width: 1, height: 1 }, 'average', null))).toEqual([NaN]);
    expect(Array.from(reduceBlocks(Int16Array.of(-1, -1), 2, 1, { factor: 2, width: 1, height: 1 }, 'average', -1))).toEqual([-1]);
  });
  it('rounds integer averages', () => {
    expect(Array.from(reduceBlocks(Int16Array.of(1, 2, 2, 2), 2, 2, { factor: 2, width: 1, height: 1 }, 'average', null))).toEqual([2]);
  });
  it('takes the most frequent valid value for mode', () => {
    const m = Uint8Array.of(3, 3, 1, 255, 255, 1, 255, 255, 2, 1, 1, 1, 255, 255, 2, 2);
    // 4 × 4, factor 4: 255 is noData; 1 ×5, 2 ×3, 3 ×2 → 1
    expect(Array.from(reduceBlocks(m, 4, 4, { factor: 4, width: 1, height: 1 }, 'mode', 255))).toEqual([1]);
    expect(Array.from(reduceBlocks(m, 4, 4, { factor: 4, width: 1, height: 1 }, 'mode', null))).toEqual([255]);
  });
});

describe('nearestStep and makeOverviews', () => {
  it('picks pixel floor(0.5 + i · ratio), as GDAL (9 × 7 → 5 × 4 picks columns 0 2 4 5 7, rows 0 2 4 5)', () => {
    // expected values printed by GDAL 3.6: BuildOverviews('NEAREST', [2, 4]) on arange(63).reshape(7, 9)
    const a = Int16Array.from({ length: 63 }, (_, i) => i);
    const ovs = makeOverviews(a, 9, 7, 4, 'nearest', null);
    expect(ovs.map((o) => [o.width, o.height])).toEqual([[5, 4], [3, 2]]);
    expect(Array.from(ovs[0].data)).toEqual([0, 2, 4, 5, 7, 18, 20, 22, 23, 25, 36, 38, 40, 41, 43, 45, 47, 49, 50, 52]);
    expect(Array.from(ovs[1].data)).toEqual([0, 4, 5, 36, 40, 41]);
    expect(Array.from(nearestStep(Int16Array.of(5), 1, 1, 1, 1))).toEqual([5]);
  });
  it('averages each level from full resolution', () => {
    const a = Float32Array.from({ length: 16 }, (_, i) => i);
    const ovs = makeOverviews(a, 4, 4, 1, 'average', null);
    expect(ovs.map((o) => Array.from(o.data))).toEqual([[2.5, 4.5, 10.5, 12.5], [7.5]]);
  });
});
