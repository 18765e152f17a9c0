import { describe, expect, it } from 'vitest';
import { slugify } from './browser';

describe('slugify', () => {
  it('makes a file-name-safe slug', () => {
    expect(slugify('Qilian Mountain NP (demo)')).toBe('qilian-mountain-np-demo');
    expect(slugify('***')).toBe('dataset');
  });
});
