import { describe, expect, it } from 'vitest';
import { checkCoefficients, fieldsOf } from './settings';

const ok = { a: '0.22', b: '0.0913', c: '0.3145', k: '13.95' };

describe('checkCoefficients', () => {
  it('parses valid numbers', () => {
    expect(checkCoefficients(ok)).toEqual({ values: { a: 0.22, b: 0.0913, c: 0.3145, k: 13.95 }, errors: {}, warnings: {} });
    expect(checkCoefficients({ ...ok, a: ' 2.2e-1 ', b: '-.5' }).values).toEqual({ a: 0.22, b: -0.5, c: 0.3145, k: 13.95 });
  });
  it('names the field and the problem', () => {
    const r = checkCoefficients({ a: '', b: 'abc', c: '0,3145', k: '-1' });
    expect(r.values).toBeNull();
    expect(r.errors).toEqual({
      a: 'a is required.',
      b: 'b must be a number, e.g. 0.22.',
      c: 'c must use a decimal point, not a comma (e.g. 0.3145).',
      k: 'k must be greater than 0.',
    });
  });
  it('rejects hexadecimal, Infinity and zero where positive is needed', () => {
    expect(checkCoefficients({ ...ok, a: '0x10' }).errors.a).toBe('a must be a number, e.g. 0.22.');
    expect(checkCoefficients({ ...ok, k: '1e999' }).errors.k).toBe('k is too large.');
    expect(checkCoefficients({ ...ok, c: '0' }).errors.c).toBe('c must be greater than 0.');
  });
  it("warns, without blocking, about the study's b typo", () => {
    const r = checkCoefficients({ ...ok, b: '0.913' });
    expect(r.values?.b).toBe(0.913);
    expect(r.warnings.b).toMatch(/0\.0913/);
  });
  it('round-trips the defaults through the fields', () => {
    expect(fieldsOf({ a: 0.22, b: 0.0913, c: 0.3145, k: 13.95 })).toEqual(ok);
  });
});
