import { describe, expect, it } from 'vitest';
import { charsThatFit, gridCells, panelLetter, wrapTitle, yAxisMargin } from './smallMultiples';

describe('gridCells', () => {
  it('lays six panels in two columns, three rows, spanning the width exactly', () => {
    const { cells, height, rows } = gridCells(6, { width: 420, columns: 2, cellHeight: 150, gapX: 10, gapY: 8, top: 20, bottom: 16 });
    expect(rows).toBe(3);
    expect(cells.map((c) => [c.row, c.col])).toEqual([[0, 0], [0, 1], [1, 0], [1, 1], [2, 0], [2, 1]]);
    // (420 − 10) / 2 = 205 per cell; the right column starts at 205 + 10.
    expect(cells[0]).toEqual({ index: 0, row: 0, col: 0, x: 0, y: 20, width: 205, height: 150 });
    expect(cells[5]).toEqual({ index: 5, row: 2, col: 1, x: 215, y: 20 + 2 * (150 + 8), width: 205, height: 150 });
    expect(cells[1].x + cells[1].width).toBe(420);
    // 20 + 3·150 + 2·8 + 16
    expect(height).toBe(502);
  });
  it('leaves the last row half full for an odd count', () => {
    const { cells, rows, height } = gridCells(3, { width: 100, columns: 2, cellHeight: 40, gapY: 5 });
    expect(rows).toBe(2);
    expect(cells[2]).toMatchObject({ row: 1, col: 0, x: 0, y: 45, width: 50 });
    expect(height).toBe(85);
  });
  it('is empty without panels and keeps one column at least', () => {
    expect(gridCells(0, { width: 100, columns: 2, cellHeight: 40, top: 7, bottom: 3 })).toEqual({ cells: [], height: 10, rows: 0 });
    const one = gridCells(2, { width: 100, columns: 0, cellHeight: 40 });
    expect(one.cells.map((c) => [c.x, c.y, c.width])).toEqual([[0, 0, 100], [0, 40, 100]]);
  });
});

describe('panelLetter', () => {
  it('counts a…z then aa, ab like spreadsheet columns', () => {
    expect([0, 1, 5, 25, 26, 27, 51, 52].map(panelLetter)).toEqual(['a', 'b', 'f', 'z', 'aa', 'ab', 'az', 'ba']);
  });
});

describe('charsThatFit', () => {
  it('divides the width by the average glyph width', () => {
    // 200 / (10 · 0.5) = 40
    expect(charsThatFit(200, 10, 0.5)).toBe(40);
    expect(charsThatFit(199, 10, 0.5)).toBe(39);
    expect(charsThatFit(1, 10)).toBe(1);
  });
});

describe('wrapTitle', () => {
  it('keeps a short title on one line with its suffix', () => {
    expect(wrapTitle('(a) Whole region', ' · all', 40, 2)).toEqual(['(a) Whole region · all']);
  });
  it('wraps at word boundaries and appends the suffix to the last line', () => {
    expect(wrapTitle('(d) Qaidam Basin Desert Ecological Region', ' · III-2', 30, 2)).toEqual([
      '(d) Qaidam Basin Desert',
      'Ecological Region · III-2',
    ]);
  });
  it('puts the suffix on its own line when the last line is full and a line is left', () => {
    expect(wrapTitle('abcd efgh', ' · X-1', 9, 2)).toEqual(['abcd efgh', '· X-1']);
  });
  it('cuts a long name with an ellipsis and always keeps the suffix', () => {
    const lines = wrapTitle('(b) Eastern Qilian Mountains Spruce Forest–Alpine Meadow Ecological Subzone', ' · III-1-2', 38, 2);
    expect(lines).toEqual(['(b) Eastern Qilian Mountains Spruce', 'Forest–Alpine Meadow… · III-1-2']);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(38);
  });
  it('breaks a word longer than a line', () => {
    expect(wrapTitle('abcdefghij', '', 4, 3)).toEqual(['abcd', 'efgh', 'ij']);
  });
  it('counts code points, not UTF-16 units', () => {
    const lines = wrapTitle('𠀀𠀀𠀀𠀀𠀀𠀀', ' (Z)', 6, 1);
    expect(lines).toEqual(['𠀀… (Z)']);
  });
});

describe('yAxisMargin', () => {
  it('makes room for the title, the widest tick label and the tick', () => {
    // 18 + 5 · 10 · 0.5 + 9 = 52
    expect(yAxisMargin(['1,400', '1,500', '900'], 10, 18, 9, 0, 0.5)).toBe(52);
    // code points: '−5' is two characters → 18 + 2 · 10 · 0.5 + 9 = 37
    expect(yAxisMargin(['\u22125', '0'], 10, 18, 9, 0, 0.5)).toBe(37);
  });
  it('keeps the minimum for short labels and rounds up', () => {
    expect(yAxisMargin(['0', '5'], 10, 18, 9, 40, 0.5)).toBe(40);
    expect(yAxisMargin(['10'], 8.5, 18, 9, 0, 0.56)).toBe(37); // 18 + 9.52 + 9 = 36.52
    expect(yAxisMargin([], 10, 18, 9)).toBe(27);
  });
});
