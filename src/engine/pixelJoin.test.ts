import { describe, expect, it } from 'vitest';
import { hasSeries, joinPixels } from './pixelJoin';
import type { PixelPart } from './blockCompute';
import type { DatasetPlan } from './plan';

const plan = { grid: { width: 10, height: 10 }, years: [2000, 2001, 2002] } as unknown as DatasetPlan;

/** A part of pixels `ids`; year i of pixel id holds 100·i + id, so every value says where it belongs. */
function part(ids: number[]): PixelPart {
  const m = ids.length;
  const series = (base: number) => Float32Array.from({ length: 3 * m }, (_, j) => base + 100 * Math.floor(j / m) + ids[j % m]);
  return {
    index: Uint32Array.from(ids),
    zone: Int16Array.from(ids, (k) => k % 3),
    mean: Float32Array.from(ids, (k) => k + 0.5),
    slope: Float32Array.from(ids, (k) => -k),
    p: Float32Array.from(ids, (k) => k / 100),
    cls: Int8Array.from(ids, (k) => (k % 7) - 3),
    rho: { temperature: Float32Array.from(ids, (k) => k / 10) },
    nep: series(0),
    npp: series(1000),
    rh: null,
    climate: { temperature: series(2000) },
  };
}

// The joined maps of pixels 1, 2, 5, 7, 8 (written out by hand).
const want = {
  index: [1, 2, 5, 7, 8],
  zone: [1, 2, 2, 1, 2],
  mean: [1.5, 2.5, 5.5, 7.5, 8.5],
  cls: [-2, -1, 2, -3, -2],
  nep: [1, 2, 5, 7, 8, 101, 102, 105, 107, 108, 201, 202, 205, 207, 208],
  npp: [1001, 1002, 1005, 1007, 1008, 1101, 1102, 1105, 1107, 1108, 1201, 1202, 1205, 1207, 1208],
  temperature: [2001, 2002, 2005, 2007, 2008, 2101, 2102, 2105, 2107, 2108, 2201, 2202, 2205, 2207, 2208],
};

describe('joinPixels', () => {
  it('joins parts in block order, year-major', () => {
    const m = joinPixels(plan, [[1, 2], [], [5], [7, 8]].map(part));
    expect(Array.from(m.index)).toEqual(want.index);
    expect(Array.from(m.zone)).toEqual(want.zone);
    expect(Array.from(m.mean)).toEqual(want.mean);
    expect(Array.from(m.cls)).toEqual(want.cls);
    expect(Array.from(m.nep)).toEqual(want.nep);
    expect(Array.from(m.npp!)).toEqual(want.npp);
    expect(m.rh).toBeNull();
    expect(Array.from(m.climate.temperature!)).toEqual(want.temperature);
    expect(Array.from(m.rho.temperature!)).toEqual([1, 2, 5, 7, 8].map((k) => Math.fround(k / 10)));
    expect(m.grid).toBe(plan.grid);
  });

  it('without a part: empty maps', () => {
    const m = joinPixels(plan, []);
    expect(m.index.length).toBe(0);
    expect(m.nep.length).toBe(0);
    expect(m.npp).toBeNull();
  });
});

describe('joinPixels: series joined when first read', () => {
  it('joins a series once, on first read; hasSeries answers without joining', () => {
    const m = joinPixels(plan, [[1, 2], [5], [7, 8]].map(part));
    expect(Object.getOwnPropertyDescriptor(m, 'npp')!.get).toBeTypeOf('function'); // not joined yet
    expect(hasSeries(m, 'npp')).toBe(true);
    expect(hasSeries(m, 'rh')).toBe(false);
    expect(hasSeries(m.climate, 'temperature')).toBe(true);
    expect(hasSeries(m.climate, 'humidity')).toBe(false);
    expect(m.npp).toBe(m.npp); // the same array each time: joined once
    expect(Array.from(m.npp!)).toEqual(want.npp);
    // A plain PixelMaps (not from PixelJoin) answers the same way.
    expect(hasSeries({ npp: new Float32Array(1), rh: null }, 'npp')).toBe(true);
    expect(hasSeries({ npp: new Float32Array(1), rh: null }, 'rh')).toBe(false);
  });
});
