import { describe, expect, it } from 'vitest';
import { accumulateBlock, createZonalSums, mergeZonalSums } from './zonal';

/** Four pixels, two years, hand-checkable. */
function block() {
  return {
    n: 4,
    area: Float64Array.from([1, 2, 3, 4]),
    zone: Int16Array.from([0, 1, 0, -1]),
    included: Uint8Array.from([1, 1, 1, 0]),
    // year-major: [y0 p0..p3, y1 p0..p3]
    values: { temperature: Float32Array.from([10, 20, NaN, 99, 11, 21, 31, 99]) },
    nep: Float32Array.from([5, -1, 0, 9, 6, 2, -3, 9]),
    mean: Float32Array.from([5.5, 0.5, -1.5, 9]),
    cls: Int8Array.from([3, -1, -128, 2]),
  };
}

describe('zonal sums', () => {
  it('accumulates the whole region and each zone over included pixels, skipping NaN values', () => {
    const s = createZonalSums(2, 2, ['temperature']);
    expect(Object.keys(s.weight).sort()).toEqual(['nep', 'temperature']);
    accumulateBlock(s, block());
    expect(Array.from(s.area)).toEqual([6, 4, 2]);
    expect(Array.from(s.pixels)).toEqual([3, 2, 1]);
    // region r, year i at [r*2 + i]
    expect(Array.from(s.sink)).toEqual([1, 3, 1, 1, 0, 2]);
    expect(Array.from(s.source)).toEqual([2, 3, 0, 3, 2, 0]);
    expect(Array.from(s.meanSink)).toEqual([3, 1, 2]);
    expect(Array.from(s.meanSource)).toEqual([3, 3, 0]);
    expect(Array.from(s.weight.temperature)).toEqual([3, 6, 1, 4, 2, 2]);
    expect(Array.from(s.weighted.temperature)).toEqual([50, 146, 10, 104, 40, 42]);
    expect(Array.from(s.weighted.nep)).toEqual([3, 1, 5, -3, -2, 4]); // from b.nep: values has no 'nep'
    // classes: index r*7 + cls + 3; −128 counts nowhere
    expect(s.cls[0 * 7 + 6]).toBe(1);
    expect(s.cls[0 * 7 + 2]).toBe(2);
    expect(s.cls.reduce((a, b) => a + b, 0)).toBe(1 + 2 + 1 + 2); // all: 3 area; z0: 1; z1: 2
  });

  it('merge adds by name and equals accumulating both blocks in one', () => {
    const a = createZonalSums(2, 2, ['temperature']);
    accumulateBlock(a, block());
    const b = createZonalSums(2, 2, ['temperature']);
    accumulateBlock(b, block());
    const c = createZonalSums(2, 2, ['nep', 'temperature']);
    mergeZonalSums(c, a);
    mergeZonalSums(c, structuredClone(b));
    accumulateBlock(a, block());
    expect(c).toEqual(a);
  });

  it('only Float64Arrays inside (postMessage-able)', () => {
    const s = createZonalSums(1, 3, ['npp']);
    const leaves: unknown[] = [];
    const walk = (o: unknown) => {
      if (o instanceof Float64Array) leaves.push(o);
      else if (o && typeof o === 'object') Object.values(o).forEach(walk);
      else throw new Error(`not a Float64Array: ${String(o)}`);
    };
    walk(s);
    expect(leaves.length).toBe(11);
  });
});
