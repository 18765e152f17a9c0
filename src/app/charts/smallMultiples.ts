/**
 * Geometry of a figure of small multiples (study Figure 4: one panel per region): a grid of
 * equal cells, panel letters, and titles wrapped to the cell width. Pure functions (no DOM):
 * SVG text does not wrap, so titles are wrapped here by an estimate of the glyph width.
 */

export interface GridOptions {
  /** Width of the whole figure (viewBox units). */
  width: number;
  columns: number;
  cellHeight: number;
  /** Space between columns and between rows. */
  gapX?: number;
  gapY?: number;
  /** Space above the first row (e.g. for a legend) and below the last (e.g. for a shared axis label). */
  top?: number;
  bottom?: number;
}

export interface Cell {
  index: number;
  row: number;
  col: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * `count` equal cells, filled row by row, spanning `width` exactly (columns × cell width +
 * gaps = width). Returns the cells and the figure's total height (top + rows + gaps + bottom).
 */
export function gridCells(count: number, o: GridOptions): { cells: Cell[]; height: number; rows: number } {
  const columns = Math.max(1, Math.floor(o.columns));
  const gapX = o.gapX ?? 0;
  const gapY = o.gapY ?? 0;
  const top = o.top ?? 0;
  const bottom = o.bottom ?? 0;
  const n = Math.max(0, Math.floor(count));
  const cellWidth = (o.width - gapX * (columns - 1)) / columns;
  const rows = Math.ceil(n / columns);
  const cells: Cell[] = [];
  for (let i = 0; i < n; i++) {
    const row = Math.floor(i / columns);
    const col = i % columns;
    cells.push({ index: i, row, col, x: col * (cellWidth + gapX), y: top + row * (o.cellHeight + gapY), width: cellWidth, height: o.cellHeight });
  }
  const height = top + rows * o.cellHeight + Math.max(0, rows - 1) * gapY + bottom;
  return { cells, height, rows };
}

/** Panel letters as a paper labels them: 0 → 'a', 25 → 'z', 26 → 'aa', 27 → 'ab', … */
export function panelLetter(i: number): string {
  let n = Math.floor(i) + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(97 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** About how many characters of a sans-serif font of `fontSize` fit in `width` (average glyph ≈ `em` × size). */
export function charsThatFit(width: number, fontSize: number, em = 0.56): number {
  return Math.max(1, Math.floor(width / (fontSize * em)));
}

const ELLIPSIS = '\u2026';

/**
 * `text` word-wrapped to lines of at most `maxChars` characters, at most `maxLines` lines, with
 * `suffix` (e.g. " III-1-2") kept whole at the end of the last line. What does not fit is cut
 * with an ellipsis before the suffix; a word longer than a line is broken. Characters are
 * counted as code points (so CJK names are not split inside a surrogate pair).
 */
export function wrapTitle(text: string, suffix: string, maxChars: number, maxLines: number): string[] {
  const width = Math.max(1, Math.floor(maxChars));
  const linesMax = Math.max(1, Math.floor(maxLines));
  const len = (s: string) => [...s].length;
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    let word = w;
    while (len(word) > width) {
      // A word longer than a line: fill the current line (or a new one) and carry the rest.
      const room = cur ? width - len(cur) - 1 : width;
      if (room <= 0) {
        lines.push(cur);
        cur = '';
        continue;
      }
      const head = [...word].slice(0, room).join('');
      lines.push(cur ? `${cur} ${head}` : head);
      cur = '';
      word = [...word].slice(room).join('');
    }
    if (!cur) cur = word;
    else if (len(cur) + 1 + len(word) <= width) cur += ` ${word}`;
    else {
      lines.push(cur);
      cur = word;
    }
  }
  if (cur) lines.push(cur);
  if (lines.length === 0) lines.push('');

  const sfx = suffix;
  const fitsLast = (l: string) => len(l) + len(sfx) <= width;
  if (lines.length <= linesMax && fitsLast(lines[lines.length - 1])) {
    lines[lines.length - 1] += sfx;
    return lines.map((l) => l.trim());
  }
  if (lines.length < linesMax) {
    // The suffix goes on a line of its own.
    lines.push(sfx.trim());
    return lines.map((l) => l.trim());
  }
  // Too long: keep maxLines lines, cut the last so that "…" and the suffix fit.
  const kept = lines.slice(0, linesMax);
  const last = kept[linesMax - 1];
  const room = Math.max(0, width - len(sfx) - 1);
  let cut = [...last].slice(0, room).join('').replace(/[\s\-–—,;:·]+$/u, '');
  const cutAtSpace = cut.lastIndexOf(' ');
  // Prefer cutting between words unless that would throw away most of the line.
  if (len(cut) < len(last) && cutAtSpace > room / 2) cut = cut.slice(0, cutAtSpace).replace(/[\s\-–—,;:·]+$/u, '');
  kept[linesMax - 1] = `${cut}${ELLIPSIS}${sfx}`;
  return kept.map((l) => l.trim());
}

/**
 * The left margin that fits a y axis: the axis title's room (`titleRoom`, from the edge to
 * where tick labels may start), the widest tick label (≈ `em` × `fontSize` per character),
 * and the tick plus its gap (`tickGap`); at least `minimum`.
 */
export function yAxisMargin(tickLabels: readonly string[], fontSize: number, titleRoom: number, tickGap: number, minimum = 0, em = 0.56): number {
  const widest = tickLabels.reduce((m, t) => Math.max(m, [...t].length), 0);
  return Math.max(minimum, Math.ceil(titleRoom + widest * fontSize * em + tickGap));
}
