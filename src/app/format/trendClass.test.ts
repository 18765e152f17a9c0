import { describe, expect, it } from 'vitest';
import { TREND_CLASS_KEYS, trendClassCode, trendClassName } from './trendClass';

describe('trend classes', () => {
  it('lists the seven SPEC classes highest first', () => {
    expect(TREND_CLASS_KEYS).toEqual(['3', '2', '1', '0', '-1', '-2', '-3']);
  });
  it('names them as the study does', () => {
    expect(trendClassName(3)).toBe('Extremely significant increase');
    expect(trendClassName(-2)).toBe('Significant decrease');
    expect(trendClassName(0)).toBe('No change');
    expect(trendClassName(-128)).toBe('Not classified');
  });
  it('codes them with signs', () => {
    expect(trendClassCode('3')).toBe('+3');
    expect(trendClassCode(-1)).toBe('\u22121');
    expect(trendClassCode('0')).toBe('0');
  });
});
