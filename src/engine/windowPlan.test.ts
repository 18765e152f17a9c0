import { describe, expect, it } from 'vitest';
import { chooseWindow, levelWindow } from './windowPlan';

const full = { width: 2400, height: 2400 };
const levels = [full, { width: 1200, height: 1200 }, { width: 600, height: 600 }, { width: 300, height: 300 }];
const budget = { pixelYears: 10e6, pixels: 4e6 };

describe('levelWindow', () => {
  it('covers the box in level pixels, one pixel of margin, clipped to the level', () => {
    // box 100.5…300.2 × 0…50 at full resolution = 50.25…150.1 × 0…25 at half: 49…152 × 0…26
    expect(levelWindow(full, levels[1], { x0: 100.5, y0: 0, x1: 300.2, y1: 50 })).toEqual({ x0: 49, y0: 0, width: 103, height: 26 });
    expect(levelWindow(full, levels[1], { x0: -500, y0: 2300, x1: 9000, y1: 9000 })).toEqual({ x0: 0, y0: 1149, width: 1200, height: 51 });
  });
  it('is null for a box off the grid', () => {
    expect(levelWindow(full, full, { x0: 3000, y0: 0, x1: 3100, y1: 10 })).toBeNull();
  });
});

describe('chooseWindow', () => {
  it('takes full resolution when its window fits (23 years: 434,782 px at most)', () => {
    const c = chooseWindow(levels, { x0: 1000, y0: 1000, x1: 1600, y1: 1600 }, 23, budget, levels[2]);
    expect(c).toEqual({ index: 0, level: full, window: { x0: 999, y0: 999, width: 602, height: 602 } });
  });
  it('takes the finest level that fits, when full resolution does not', () => {
    // 1000 px square: 1002² × 23 > 10 M; at half resolution 502² × 23 = 5.8 M
    const c = chooseWindow(levels, { x0: 1000, y0: 1000, x1: 2000, y1: 2000 }, 23, budget, levels[2]);
    expect(c?.index).toBe(1);
    expect(c?.window).toEqual({ x0: 499, y0: 499, width: 502, height: 502 });
  });
  it('is null when nothing finer than the map fits (zoomed out)', () => {
    expect(chooseWindow(levels, { x0: 0, y0: 0, x1: 2400, y1: 2400 }, 23, budget, levels[2])).toBeNull();
    expect(chooseWindow(levels, { x0: 0, y0: 0, x1: 10, y1: 10 }, 23, budget, full)).toBeNull();
  });
});
