import { describe, expect, it } from 'vitest';
import { ScratchArrays } from './scratchArrays';

describe('ScratchArrays', () => {
  it('hands the same memory back under a name while it is long enough', () => {
    const s = new ScratchArrays();
    const a = s.take('nep', Float64Array, 100);
    a[5] = 42;
    const b = s.take('nep', Float64Array, 60);
    expect(b.length).toBe(60);
    expect(b.buffer).toBe(a.buffer);
    expect(b[5]).toBe(42);
    expect(s.take('nep', Float64Array, 100)).toBe(a);
  });

  it('makes a new array when asked for more, another type or another name', () => {
    const s = new ScratchArrays();
    const a = s.take('nep', Float64Array, 10);
    const longer = s.take('nep', Float64Array, 11);
    expect(longer.buffer).not.toBe(a.buffer);
    expect(longer.length).toBe(11);
    const f32 = s.take('nep', Float32Array, 5);
    expect(f32).toBeInstanceOf(Float32Array);
    expect(s.take('rh', Float64Array, 5).buffer).not.toBe(s.take('nep', Float32Array, 5).buffer);
  });

  it('forgets everything on clear', () => {
    const s = new ScratchArrays();
    const a = s.take('zone', Int16Array, 8);
    s.clear();
    expect(s.take('zone', Int16Array, 8).buffer).not.toBe(a.buffer);
  });
});
