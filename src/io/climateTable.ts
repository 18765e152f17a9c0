/**
 * The climate table of SPEC §2 (`"climate": {"table": "climate.csv"}`): one row per year and
 * zone, header `year,zone,temperature,precipitation,humidity,sunshine` (any of the last four
 * may be absent; columns in any order; RFC 4180 quoting; UTF-8, a BOM is dropped).
 *
 * An empty `zone` is the whole region; a zone's row overrides the region row for the pixels of
 * that zone. An empty cell (or NA / NaN) is "not given": a zone falls back to the region value,
 * the region to NaN. Rows for years outside the analysis are checked, then left out.
 *
 * Tables in another layout (e.g. `unit,year,precip_mm,temp_c`) load with `columns`, a mapping
 * from the file's column names to ours, and `regionZone`, the zone value that means the whole
 * region.
 */
import { parseCsv } from './csv';
import { DatasetError } from './errors';
import { CLIMATE_VARS, type ClimateVar } from '../core/summary';

export interface ClimateSeries {
  /** Whole-region value for each analysis year; NaN where the table gives none. */
  region: Float64Array;
  /**
   * zone id → value for each analysis year, for every zone with at least one row: the zone's
   * own value where given, else the region value (so a pixel of the zone reads this array alone).
   */
  zones: Map<string, Float64Array>;
}

export interface ClimateTable {
  years: number[];
  /** The variables that have a column, in CLIMATE_VARS order. */
  variables: ClimateVar[];
  vars: Partial<Record<ClimateVar, ClimateSeries>>;
}

type Column = 'year' | 'zone' | ClimateVar;
const COLUMNS: readonly Column[] = ['year', 'zone', ...CLIMATE_VARS];

export interface ClimateTableOptions {
  /**
   * The file's column name → our column name ('year', 'zone', 'temperature', …), or null to
   * leave a column out. Names not in the mapping must be ours.
   * Example (qilian_climate.csv): { unit: 'zone', precip_mm: 'precipitation', temp_c: 'temperature' }.
   */
  columns?: Record<string, Column | null>;
  /** A zone value that also means the whole region (e.g. '区域(祁连山盒)'), besides the empty one. */
  regionZone?: string;
  /** The zone ids of the zones file: a row for another zone is an error, and a year without a
   *  region row needs a row for each of these (by default: for each zone named in the table). */
  zones?: readonly string[];
  /** Variables that must have a column (e.g. temperature and precipitation for Rh). */
  required?: readonly ClimateVar[];
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const MISSING = /^(|na|nan|n\/a)$/i;

/** Parses a climate table for the analysis years. Errors name the file and, where there is one, the line. */
export function parseClimateTable(text: string, file: string, years: number[], opts: ClimateTableOptions = {}): ClimateTable {
  const records = parseCsv(text, file);
  if (records.length === 0) throw new DatasetError(file, 'the table is empty (expected a header: year,zone,temperature,precipitation,…)');
  const header = records[0];
  const colOf: (Column | null)[] = [];
  const seen = new Map<Column, string>();
  for (const raw of header.fields) {
    const name = raw.trim();
    let col: Column | null;
    if (opts.columns && Object.prototype.hasOwnProperty.call(opts.columns, name)) col = opts.columns[name];
    else if ((COLUMNS as readonly string[]).includes(name.toLowerCase())) col = name.toLowerCase() as Column;
    else throw new DatasetError(file, `line ${header.line}: unknown column "${name}" (expected ${COLUMNS.join(', ')})`);
    if (col !== null) {
      if (seen.has(col)) throw new DatasetError(file, `line ${header.line}: columns "${seen.get(col)}" and "${name}" are both ${col}`);
      seen.set(col, name);
    }
    colOf.push(col);
  }
  if (!seen.has('year')) throw new DatasetError(file, `line ${header.line}: no "year" column`);
  const variables = CLIMATE_VARS.filter((v) => seen.has(v));
  if (variables.length === 0) {
    throw new DatasetError(file, `line ${header.line}: no climate column (expected one or more of ${CLIMATE_VARS.join(', ')})`);
  }
  for (const v of opts.required ?? []) {
    if (!seen.has(v)) throw new DatasetError(file, `line ${header.line}: no "${v}" column (needed to compute Rh)`);
  }

  const yearIndex = new Map(years.map((y, i) => [y, i]));
  const knownZones = opts.zones ? new Set(opts.zones) : null;
  // Per analysis year: the region row's values and each zone's row values (NaN = not given).
  const regionRows: (Float64Array | null)[] = years.map(() => null);
  const zoneRows = new Map<string, (Float64Array | null)[]>();
  const firstLine = new Map<string, number>();
  const zoneOrder: string[] = [];

  for (const rec of records.slice(1)) {
    const at = `line ${rec.line}`;
    if (rec.fields.length !== colOf.length) {
      throw new DatasetError(file, `${at}: ${rec.fields.length} fields, but the header has ${colOf.length}`);
    }
    let year = NaN;
    let zone = '';
    const values = new Float64Array(variables.length).fill(NaN);
    for (let c = 0; c < colOf.length; c++) {
      const col = colOf[c];
      if (col === null) continue;
      const cell = rec.fields[c].trim();
      if (col === 'year') {
        if (!/^[+-]?\d+$/.test(cell)) throw new DatasetError(file, `${at}: year ${JSON.stringify(cell)} is not a whole number`);
        year = Number(cell);
      } else if (col === 'zone') {
        zone = cell;
      } else {
        if (MISSING.test(cell)) continue;
        if (!NUMBER.test(cell)) {
          throw new DatasetError(file, `${at}: ${seen.get(col)} ${JSON.stringify(cell)} is not a number`);
        }
        values[variables.indexOf(col)] = Number(cell);
      }
    }
    if (opts.regionZone !== undefined && zone === opts.regionZone) zone = '';
    if (zone !== '' && knownZones && !knownZones.has(zone)) {
      throw new DatasetError(file, `${at}: zone ${JSON.stringify(zone)} is not in the zones file`);
    }
    const key = `${year}\u0000${zone}`;
    const before = firstLine.get(key);
    if (before !== undefined) {
      const who = zone === '' ? 'the whole region' : `zone ${JSON.stringify(zone)}`;
      throw new DatasetError(file, `${at}: a second row for ${year} and ${who} (the first is on line ${before})`);
    }
    firstLine.set(key, rec.line);
    if (zone !== '' && !zoneRows.has(zone)) {
      zoneRows.set(zone, years.map(() => null));
      zoneOrder.push(zone);
    }
    const yi = yearIndex.get(year);
    if (yi === undefined) continue; // outside the analysis
    if (zone === '') regionRows[yi] = values;
    else zoneRows.get(zone)![yi] = values;
  }

  // Each analysis year: a region row, or a row for every zone.
  const mustCover = opts.zones ? [...opts.zones] : zoneOrder;
  for (let yi = 0; yi < years.length; yi++) {
    if (regionRows[yi]) continue;
    const missing = mustCover.filter((z) => !zoneRows.get(z)?.[yi]);
    if (mustCover.length === 0 || missing.length > 0) {
      const list = missing.slice(0, 5).map((z) => JSON.stringify(z)).join(', ') + (missing.length > 5 ? `, … (${missing.length} zones)` : '');
      throw new DatasetError(
        file,
        `no row for ${years[yi]}: each analysis year needs a whole-region row (empty zone) or a row for every zone` +
          (missing.length > 0 && mustCover.length > 0 ? ` (missing: ${list})` : ''),
      );
    }
  }

  const vars: Partial<Record<ClimateVar, ClimateSeries>> = {};
  variables.forEach((v, vi) => {
    const region = new Float64Array(years.length);
    for (let yi = 0; yi < years.length; yi++) region[yi] = regionRows[yi]?.[vi] ?? NaN;
    const zones = new Map<string, Float64Array>();
    for (const z of zoneOrder) {
      const rows = zoneRows.get(z)!;
      const a = new Float64Array(years.length);
      for (let yi = 0; yi < years.length; yi++) {
        const own = rows[yi]?.[vi] ?? NaN;
        a[yi] = Number.isNaN(own) ? region[yi] : own;
      }
      zones.set(z, a);
    }
    vars[v] = { region, zones };
  });
  return { years: [...years], variables, vars };
}
