import { describe, expect, it } from 'vitest';
import { balancedBlockRows, slugify } from './browser';

describe('balancedBlockRows', () => {
  it('is one engine sub-block (65,536 pixels) of rows, never above the plan and never zero', () => {
    expect(balancedBlockRows(2000, 512)).toBe(32); // the demo: 24 blocks of 756 rows for two workers
    expect(balancedBlockRows(1440, 512)).toBe(45);
    expect(balancedBlockRows(100, 512)).toBe(512); // narrow grids keep the plan's tile-aligned blocks
    expect(balancedBlockRows(100_000, 256)).toBe(1);
  });
});

describe('slugify', () => {
  it('makes a file-name-safe slug', () => {
    expect(slugify('Qilian Mountain NP (demo)')).toBe('qilian-mountain-np-demo');
    expect(slugify('***')).toBe('dataset');
  });
});
