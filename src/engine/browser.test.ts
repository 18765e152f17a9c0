import { describe, expect, it } from 'vitest';
import { blockWeights, slugify } from './browser';

describe('slugify', () => {
  it('makes a file-name-safe slug', () => {
    expect(slugify('Qilian Mountain NP (demo)')).toBe('qilian-mountain-np-demo');
    expect(slugify('***')).toBe('dataset');
  });
});

describe('blockWeights', () => {
  it('counts the pixels of a half-resolution level in the full grid’s blocks', () => {
    // Level 4 × 5 px of a grid 10 rows high in blocks of 4 rows: level row r covers rows 2r, 2r+1.
    const level = { width: 4, height: 5 };
    const at = (r: number, c: number) => r * 4 + c;
    const index = Uint32Array.from([at(0, 0), at(0, 3), at(1, 1), at(2, 2), at(3, 0), at(3, 1), at(3, 2), at(4, 3)]);
    // rows (centres at 2r + 1): 1, 1, 3 → block 0; 5, 7, 7, 7 → block 1; 9 → block 2
    expect(blockWeights(index, level, 10, 4)).toEqual([3, 4, 1]);
    expect(blockWeights(new Uint32Array(0), level, 10, 4)).toEqual([0, 0, 0]);
  });
});
