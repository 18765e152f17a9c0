import { describe, expect, it } from 'vitest';
import { roleFromValues } from './roleFromValues';

describe('roleFromValues', () => {
  it('recognises raw MOD17 NPP and proposes its scale and valid range', () => {
    const g = roleFromValues({ dtype: 'int16', min: 0, max: 32767, mean: 1800, count: 100 });
    expect(g).toMatchObject({ role: 'npp', scale: 0.1, valid: [0, 32700] });
    // The Hawaiʻi files: Float32 raw counts, NaN ocean, no fills.
    expect(roleFromValues({ dtype: 'float32', min: 12, max: 21500, mean: 5200, count: 100 }).role).toBe('npp');
  });
  it('recognises climate variables by their ranges', () => {
    expect(roleFromValues({ dtype: 'float32', min: -12, max: 9, mean: 1.5, count: 9 }).role).toBe('temperature');
    expect(roleFromValues({ dtype: 'float32', min: 20, max: 80, mean: 45, count: 9 }).role).toBe('humidity');
    expect(roleFromValues({ dtype: 'float32', min: 2200, max: 3300, mean: 2800, count: 9 }).role).toBe('sunshine');
    expect(roleFromValues({ dtype: 'float32', min: 40, max: 700, mean: 230, count: 9 }).role).toBe('precipitation');
    expect(roleFromValues({ dtype: 'float32', min: 0, max: 0, mean: 0, count: 0 }).role).toBeNull();
  });
});
