import { describe, expect, it } from 'vitest';
import { defaultWorkerCount } from './nodePool';

describe('defaultWorkerCount', () => {
  it('one worker per core unless the load is at least cores + 2', () => {
    expect(defaultWorkerCount(2, 0)).toBe(2);
    expect(defaultWorkerCount(2, 3.9)).toBe(2);
    expect(defaultWorkerCount(2, 4)).toBe(1);
    expect(defaultWorkerCount(2, 12)).toBe(1);
    expect(defaultWorkerCount(8, 9.5)).toBe(8);
    expect(defaultWorkerCount(8, 10)).toBe(1);
  });
  it('at least one worker; an unknown load (Windows reports 0, NaN) counts as idle', () => {
    expect(defaultWorkerCount(1, 0)).toBe(1);
    expect(defaultWorkerCount(0, 0)).toBe(1);
    expect(defaultWorkerCount(4, NaN)).toBe(4);
  });
});
