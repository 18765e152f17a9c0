import { describe, expect, it } from 'vitest';
import { pixelSeries } from './pixelSeries';

describe('pixelSeries', () => {
  it('reads one pixel from year-major storage', () => {
    // 3 pixels × 2 years: year 0 = [1, 2, 3], year 1 = [4, 5, 6]
    const maps = { index: new Uint32Array([7, 8, 9]), years: [2000, 2001], nep: new Float32Array([1, 2, 3, 4, 5, 6]) };
    expect([...pixelSeries(maps, 1)]).toEqual([2, 5]);
    expect([...pixelSeries(maps, 2)]).toEqual([3, 6]);
  });
});
