/**
 * CSV as RFC 4180 has it: comma-separated fields, records ending in CRLF or LF, fields in
 * double quotes may hold commas, line breaks and doubled quotes (""). A UTF-8 BOM is dropped;
 * blank lines are skipped. Each record keeps the line number it starts on, for messages.
 */
import { DatasetError } from './errors';

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  fields: string[];
}

/** Parses CSV text. Throws DatasetError(file, 'line N: …') for an unclosed quote or text after a closing quote. */
export function parseCsv(text: string, file: string): CsvRecord[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = s.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let blank = true;
    for (;;) {
      // One field.
      let value = '';
      if (s[i] === '"') {
        blank = false;
        const quoteLine = line;
        i++;
        for (;;) {
          if (i >= n) throw new DatasetError(file, `line ${quoteLine}: a quoted field is not closed`);
          const ch = s[i];
          if (ch === '"') {
            if (s[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\n') line++;
          value += ch;
          i++;
        }
        if (i < n && s[i] !== ',' && s[i] !== '\n' && s[i] !== '\r') {
          throw new DatasetError(file, `line ${line}: unexpected text after a closing quote`);
        }
      } else {
        const from = i;
        while (i < n && s[i] !== ',' && s[i] !== '\n' && s[i] !== '\r') i++;
        value = s.slice(from, i);
        if (value !== '') blank = false;
      }
      fields.push(value);
      if (i < n && s[i] === ',') {
        blank = false;
        i++;
        continue;
      }
      // End of record: CRLF, LF, lone CR or end of text.
      if (s[i] === '\r') i++;
      if (s[i] === '\n') i++;
      line++;
      break;
    }
    if (!blank) out.push({ line: start, fields });
  }
  return out;
}
