import { describe, expect, it } from 'vitest';
import { formatFixed, formatP, formatPercent, formatScientific, parseFormatted, significanceMark } from './number';

describe('formatFixed', () => {
  it('prints the stated decimals with a typographic minus', () => {
    expect(formatFixed(2.3125, 2)).toBe('2.31');
    expect(formatFixed(221.61, 2)).toBe('221.61');
    expect(formatFixed(-3650.25, 1)).toBe('\u22123650.3');
    expect(formatFixed(5097, 2)).toBe('5097.00');
  });
  it('never prints a negative zero', () => {
    expect(formatFixed(-0.001, 2)).toBe('0.00');
    expect(formatFixed(-0, 0)).toBe('0');
  });
  it('prints a dash for values that cannot be computed', () => {
    expect(formatFixed(null, 2)).toBe('–');
    expect(formatFixed(NaN, 2)).toBe('–');
    expect(formatFixed(Infinity, 2)).toBe('–');
  });
});

describe('formatP', () => {
  it('uses three decimals from 0.001 up', () => {
    expect(formatP(0.0123)).toBe('0.012');
    expect(formatP(0.5)).toBe('0.500');
    expect(formatP(0.001)).toBe('0.001');
  });
  it('uses scientific notation below 0.001', () => {
    expect(formatP(0.000321)).toBe('3.21 × 10⁻⁴');
    expect(formatP(1.5e-12)).toBe('1.50 × 10⁻¹²');
    expect(formatScientific(-12345, 1)).toBe('\u22121.2 × 10⁴');
  });
  it('prints 0 and missing values plainly', () => {
    expect(formatP(0)).toBe('0');
    expect(formatP(null)).toBe('–');
  });
});

describe('formatPercent and significanceMark', () => {
  it('prints shares as percentages', () => {
    expect(formatPercent(0.734)).toBe('73.40 %');
    expect(formatPercent(0.004656, 4)).toBe('0.4656 %');
    expect(formatPercent(null)).toBe('–');
  });
  it('marks significance as in print', () => {
    expect(significanceMark(0.009)).toBe('**');
    expect(significanceMark(0.01)).toBe('*');
    expect(significanceMark(0.049)).toBe('*');
    expect(significanceMark(0.05)).toBe('');
    expect(significanceMark(null)).toBe('');
  });
});

describe('parseFormatted', () => {
  it('reads back what the formatters print', () => {
    expect(parseFormatted('\u22123650.3')).toBe(-3650.3);
    expect(parseFormatted('3.21 × 10⁻⁴')).toBeCloseTo(0.000321, 12);
    expect(parseFormatted('1.50 × 10¹²')).toBe(1.5e12);
    expect(parseFormatted('73.40 %')).toBe(73.4);
    expect(parseFormatted('–')).toBeNaN();
  });
});
