import { describe, expect, it } from 'vitest';
import { csvBlob, csvField, toCsv, UTF8_BOM } from './csv';

describe('csvField', () => {
  it('leaves plain text and numbers as they are', () => {
    expect(csvField('Temperature')).toBe('Temperature');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(0.125)).toBe('0.125');
    expect(csvField('祁连山东段')).toBe('祁连山东段');
  });
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
  });
  it('defuses text that a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
  });
  it('writes missing values as empty fields', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(NaN)).toBe('');
    expect(csvField(Infinity)).toBe('');
  });
});

describe('toCsv and csvBlob', () => {
  it('joins fields with commas and ends every line with CRLF', () => {
    expect(toCsv([['year', 'nep'], [2000, -1.5], [2001, null]])).toBe('year,nep\r\n2000,-1.5\r\n2001,\r\n');
  });
  it('makes UTF-8 with a byte-order mark', async () => {
    const blob = csvBlob([['名称'], ['a']]);
    expect(blob.type).toBe('text/csv;charset=utf-8');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    // EF BB BF, then 名 (E5 90 8D) 称 (E7 A7 B0), CR LF, a, CR LF
    expect([...bytes]).toEqual([0xef, 0xbb, 0xbf, 0xe5, 0x90, 0x8d, 0xe7, 0xa7, 0xb0, 0x0d, 0x0a, 0x61, 0x0d, 0x0a]);
    expect(UTF8_BOM).toBe('\uFEFF');
  });
});
