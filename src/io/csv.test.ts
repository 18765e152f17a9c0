import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';

describe('parseCsv', () => {
  it('splits records and fields', () => {
    expect(parseCsv('a,b,c\n1,2,3\n', 'f.csv')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2', '3'] },
    ]);
  });
  it('handles CRLF, a missing final newline, empty fields and blank lines', () => {
    expect(parseCsv('a,b\r\n\r\n1,\r\n,2', 'f.csv')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', ''] },
      { line: 4, fields: ['', '2'] },
    ]);
  });
  it('reads quoted fields with commas, doubled quotes and line breaks (RFC 4180)', () => {
    const r = parseCsv('year,zone\n2000,"Qilian, east"\n2001,"say ""hi"""\n2002,"two\nlines"\n2003,x\n', 'f.csv');
    expect(r.map((x) => x.fields[1])).toEqual(['zone', 'Qilian, east', 'say "hi"', 'two\nlines', 'x']);
    expect(r.map((x) => x.line)).toEqual([1, 2, 3, 4, 6]);
  });
  it('drops a BOM and keeps non-ASCII text', () => {
    expect(parseCsv('\uFEFFunit,year\n祁连,2005\n', 'f.csv')[1].fields).toEqual(['祁连', '2005']);
  });
  it('keeps a line of commas only as empty fields', () => {
    expect(parseCsv(',,\n', 'f.csv')).toEqual([{ line: 1, fields: ['', '', ''] }]);
  });
  it('rejects an unclosed quote and text after a closing quote', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n', 'c.csv')).toThrow('c.csv: line 2: a quoted field is not closed');
    expect(() => parseCsv('a,b\n1,"x"y\n', 'c.csv')).toThrow('c.csv: line 2: unexpected text after a closing quote');
  });
});
