import { describe, expect, it } from 'vitest';
import { balancedBlockRows } from './blockRows';

describe('balancedBlockRows', () => {
  it('is one tile row when there are six tile rows or more', () => {
    expect(balancedBlockRows(2000, 756, 512, 128)).toBe(128); // the demo: six 128-row tile rows
    expect(balancedBlockRows(2400, 2400, 256, 256)).toBe(256);
    expect(balancedBlockRows(2400, 1200, 256, 256)).toBe(27); // five tile rows are too few
  });

  it('is one engine sub-block (65,536 pixels) of rows with fewer, never above the plan and never zero', () => {
    expect(balancedBlockRows(2000, 756, 512, 512)).toBe(32); // two 512-row tile rows for two workers
    expect(balancedBlockRows(1440, 1000, 512, 512)).toBe(45);
    expect(balancedBlockRows(100, 1000, 512, 512)).toBe(512); // narrow grids keep the plan's tile-aligned blocks
    expect(balancedBlockRows(100_000, 1000, 256, 256)).toBe(1);
    expect(balancedBlockRows(2000, 756, 512, 0)).toBe(32); // tile height unknown
  });
});
