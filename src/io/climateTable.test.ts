import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseClimateTable } from './climateTable';
import { DatasetError } from './errors';

const FIX = new URL('../../test/fixtures/vector/', import.meta.url);
const years3 = [2000, 2001, 2002];

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DatasetError);
    return (e as Error).message;
  }
  throw new Error('expected a DatasetError');
}

const arr = (a: Float64Array | undefined) => (a ? Array.from(a) : a);

describe('parseClimateTable', () => {
  it('reads region rows and zone overrides', () => {
    const csv = [
      'year,zone,temperature,precipitation',
      '2000,,1.5,200',
      '2001,,2.5,210',
      '2002,,3.5,220',
      '2001,east,-1,400',
      '2002,east,,450', // temperature not given: the region's
    ].join('\n');
    const t = parseClimateTable(csv, 'c.csv', years3);
    expect(t.variables).toEqual(['temperature', 'precipitation']);
    expect(arr(t.vars.temperature!.region)).toEqual([1.5, 2.5, 3.5]);
    expect(arr(t.vars.precipitation!.region)).toEqual([200, 210, 220]);
    expect(arr(t.vars.temperature!.zones.get('east'))).toEqual([1.5, -1, 3.5]);
    expect(arr(t.vars.precipitation!.zones.get('east'))).toEqual([200, 400, 450]);
    expect(t.vars.humidity).toBeUndefined();
    expect(t.vars.sunshine).toBeUndefined();
  });

  it('takes columns in any order, quoted fields, a BOM, CRLF and leaves out other years', () => {
    const csv = '\uFEFFsunshine,"zone",year,humidity\r\n2600,"Qilian, east",2000,55\r\n2500,,2000,50\r\n2400,,2001,51\r\n2300,,2002,52\r\n9,,1999,9\r\n';
    const t = parseClimateTable(csv, 'c.csv', years3);
    expect(t.variables).toEqual(['humidity', 'sunshine']);
    expect(arr(t.vars.sunshine!.region)).toEqual([2500, 2400, 2300]);
    expect(arr(t.vars.humidity!.zones.get('Qilian, east'))).toEqual([55, 51, 52]);
  });

  it('gives NaN where the region value is missing (empty, NA or NaN)', () => {
    const csv = 'year,zone,temperature,humidity\n2000,,1,NA\n2001,,2,\n2002,,3,NaN\n';
    const t = parseClimateTable(csv, 'c.csv', years3);
    expect(arr(t.vars.humidity!.region)).toEqual([NaN, NaN, NaN]);
    expect(arr(t.vars.temperature!.region)).toEqual([1, 2, 3]);
  });

  it('accepts rows for every zone instead of a region row', () => {
    const csv = 'year,zone,temperature\n2000,a,1\n2000,b,2\n2001,a,3\n2001,b,4\n2002,,9\n';
    const t = parseClimateTable(csv, 'c.csv', years3);
    expect(arr(t.vars.temperature!.region)).toEqual([NaN, NaN, 9]);
    expect(arr(t.vars.temperature!.zones.get('a'))).toEqual([1, 3, 9]);
    expect(arr(t.vars.temperature!.zones.get('b'))).toEqual([2, 4, 9]);
  });

  it('reads a table without a zone column', () => {
    const t = parseClimateTable('year,precipitation\n2000,1\n2001,2\n2002,3\n', 'c.csv', years3);
    expect(arr(t.vars.precipitation!.region)).toEqual([1, 2, 3]);
    expect(t.vars.precipitation!.zones.size).toBe(0);
  });

  it('rejects bad tables with the file and line', () => {
    const ok = '2000,,1\n2001,,2\n2002,,3\n';
    const p = (text: string, opts = {}) => errorOf(() => parseClimateTable(text, 'c.csv', years3, opts));
    expect(p('year,zone,temperature\n2000,,1\n2001,,x\n2002,,3\n')).toBe('c.csv: line 3: temperature "x" is not a number');
    expect(p('year,zone,temperature\n2000,,1\n2001,,0x10\n2002,,3\n')).toBe('c.csv: line 3: temperature "0x10" is not a number');
    expect(p('year,zone,temperature\n2000.5,,1\n')).toBe('c.csv: line 2: year "2000.5" is not a whole number');
    expect(p('year,zone,temperature\n2000,,1\n2002,,3\n')).toBe(
      'c.csv: no row for 2001: each analysis year needs a whole-region row (empty zone) or a row for every zone',
    );
    expect(p('year,zone,temperature\n2000,a,1\n2000,b,1\n2001,a,1\n2001,b,1\n2002,a,1\n')).toBe(
      'c.csv: no row for 2002: each analysis year needs a whole-region row (empty zone) or a row for every zone (missing: "b")',
    );
    expect(p('year,zone,temp\n' + ok)).toBe(
      'c.csv: line 1: unknown column "temp" (expected year, zone, temperature, precipitation, humidity, sunshine)',
    );
    expect(p('year,zone,temperature,Temperature\n')).toBe('c.csv: line 1: columns "temperature" and "Temperature" are both temperature');
    expect(p('zone,temperature\n,1\n')).toBe('c.csv: line 1: no "year" column');
    expect(p('year,zone\n2000,\n')).toBe(
      'c.csv: line 1: no climate column (expected one or more of temperature, precipitation, humidity, sunshine)',
    );
    expect(p('year,zone,temperature\n' + ok, { required: ['temperature', 'precipitation'] })).toBe(
      'c.csv: line 1: no "precipitation" column (needed to compute Rh)',
    );
    expect(p('year,zone,temperature\n2000,,1\n2001,a,2\n2002,,3\n2001,"a",5\n')).toBe(
      'c.csv: line 5: a second row for 2001 and zone "a" (the first is on line 3)',
    );
    expect(p('year,zone,temperature\n2000,,1\n2000,,2\n')).toBe('c.csv: line 3: a second row for 2000 and the whole region (the first is on line 2)');
    expect(p('year,zone,temperature\n2000,,1,5\n')).toBe('c.csv: line 2: 4 fields, but the header has 3');
    expect(p('')).toBe('c.csv: the table is empty (expected a header: year,zone,temperature,precipitation,…)');
    expect(p('year,zone,temperature\n' + ok + '2001,north,1\n', { zones: ['a', 'b'] })).toBe('c.csv: line 5: zone "north" is not in the zones file');
  });

  it('with the zones of the zones file, needs each of them in a year without a region row', () => {
    const csv = 'year,zone,temperature\n2000,,1\n2001,a,1\n2002,,1\n';
    expect(() => parseClimateTable(csv, 'c.csv', years3)).not.toThrow();
    expect(errorOf(() => parseClimateTable(csv, 'c.csv', years3, { zones: ['a', 'b'] }))).toBe(
      'c.csv: no row for 2001: each analysis year needs a whole-region row (empty zone) or a row for every zone (missing: "b")',
    );
  });

  it('rejects the real CRU table as it is (its columns are not ours)', () => {
    const text = readFileSync(new URL('qilian_climate.csv', FIX), 'utf8');
    expect(errorOf(() => parseClimateTable(text, 'qilian_climate.csv', [2005, 2006, 2007]))).toBe(
      'qilian_climate.csv: line 1: unknown column "unit" (expected year, zone, temperature, precipitation, humidity, sunshine)',
    );
  });

  it('loads the real CRU table through a column mapping, with its Chinese unit names intact', () => {
    // Expected values: test/fixtures/vector/make_climate_expected.py (Python's csv module).
    const expected = JSON.parse(readFileSync(new URL('qilian_climate_expected.json', FIX), 'utf8')) as {
      years: number[];
      units: Record<string, { precipitation: number[]; temperature: number[] }>;
    };
    const text = readFileSync(new URL('qilian_climate.csv', FIX), 'utf8');
    const REGION = '区域(祁连山盒)';
    const t = parseClimateTable(text, 'qilian_climate.csv', expected.years, {
      columns: { unit: 'zone', precip_mm: 'precipitation', temp_c: 'temperature' },
      regionZone: REGION,
    });
    expect(expected.years).toEqual(Array.from({ length: 19 }, (_, i) => 2005 + i));
    expect(t.variables).toEqual(['temperature', 'precipitation']);
    expect(arr(t.vars.precipitation!.region)).toEqual(expected.units[REGION].precipitation);
    expect(arr(t.vars.temperature!.region)).toEqual(expected.units[REGION].temperature);
    const counties = Object.keys(expected.units).filter((u) => u !== REGION);
    expect(counties).toHaveLength(11);
    expect(counties).toContain('祁连');
    expect([...t.vars.temperature!.zones.keys()]).toEqual(counties);
    for (const c of counties) {
      expect(arr(t.vars.precipitation!.zones.get(c))).toEqual(expected.units[c].precipitation);
      expect(arr(t.vars.temperature!.zones.get(c))).toEqual(expected.units[c].temperature);
    }
    // A subset of the years, as an analysis of 2010–2012 would ask.
    const sub = parseClimateTable(text, 'q.csv', [2010, 2011, 2012], {
      columns: { unit: 'zone', precip_mm: 'precipitation', temp_c: 'temperature' },
      regionZone: REGION,
    });
    expect(arr(sub.vars.temperature!.zones.get('门源'))).toEqual(expected.units['门源'].temperature.slice(5, 8));
  });

  it('can leave a column out with a null mapping', () => {
    const t = parseClimateTable('year,zone,temperature,notes\n2000,,1,a\n2001,,2,b\n2002,,3,c\n', 'c.csv', years3, { columns: { notes: null } });
    expect(t.variables).toEqual(['temperature']);
  });
});
