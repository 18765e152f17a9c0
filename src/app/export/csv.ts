/**
 * CSV as RFC 4180 (comma-separated, CRLF line ends, fields with a comma, a quote or a line
 * break in double quotes, quotes doubled), as UTF-8 with a byte-order mark so that Excel
 * opens Chinese names correctly. Text cells are treated as user strings: one starting with
 * = + - @ (or a tab or CR) gets a leading apostrophe so that a spreadsheet does not run it as
 * a formula (OWASP "CSV injection"). Numbers are written as numbers, negative ones included.
 */

/** A cell: a number (written as is, empty when null/NaN/±Infinity), text (escaped), or empty. */
export type CsvCell = number | string | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell's text, quoted if needed. */
export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  let s = cell;
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV text of the rows (each line ends with CRLF, the last one included). */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(csvField).join(',') + '\r\n').join('');
}

/** The UTF-8 byte-order mark Excel looks for. */
export const UTF8_BOM = '\uFEFF';

/** A text/csv Blob of the rows, UTF-8 with a BOM. */
export function csvBlob(rows: readonly (readonly CsvCell[])[]): Blob {
  return new Blob([UTF8_BOM + toCsv(rows)], { type: 'text/csv;charset=utf-8' });
}
