/** Writing one classic (32-bit offset), little-endian TIFF Image File Directory. */

export const TIFF_ASCII = 2;
export const TIFF_SHORT = 3;
export const TIFF_LONG = 4;
export const TIFF_DOUBLE = 12;
export type TiffType = typeof TIFF_ASCII | typeof TIFF_SHORT | typeof TIFF_LONG | typeof TIFF_DOUBLE;

export interface TiffTag {
  tag: number;
  type: TiffType;
  /** Numbers for SHORT/LONG/DOUBLE; a string for ASCII (a NUL terminator is added). */
  values: ArrayLike<number> | string;
}

const TYPE_SIZE: Record<TiffType, number> = { 2: 1, 3: 2, 4: 4, 12: 8 };

function count(t: TiffTag): number {
  return typeof t.values === 'string' ? t.values.length + 1 : t.values.length;
}

function valueBytes(t: TiffTag): number {
  return count(t) * TYPE_SIZE[t.type];
}

const even = (n: number) => n + (n & 1);

/** Bytes taken by the IFD (entry count, entries, next offset) and its out-of-line values. */
export function ifdByteLength(tags: readonly TiffTag[]): number {
  let n = 2 + tags.length * 12 + 4;
  for (const t of tags) {
    const b = valueBytes(t);
    if (b > 4) n += even(b);
  }
  return n;
}

function putValues(view: DataView, at: number, t: TiffTag): void {
  if (typeof t.values === 'string') {
    for (let i = 0; i < t.values.length; i++) {
      const c = t.values.charCodeAt(i);
      if (c > 0x7f) throw new Error(`TIFF tag ${t.tag}: non-ASCII text`);
      view.setUint8(at + i, c);
    }
    view.setUint8(at + t.values.length, 0);
    return;
  }
  const v = t.values;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (t.type === TIFF_SHORT) view.setUint16(at + 2 * i, x, true);
    else if (t.type === TIFF_LONG) view.setUint32(at + 4 * i, x, true);
    else view.setFloat64(at + 8 * i, x, true);
  }
}

/**
 * Writes the IFD at `offset` (must be even) with its out-of-line values right after it.
 * Tags are written in ascending order, as TIFF requires. Returns the end offset.
 */
export function writeIfd(view: DataView, offset: number, tags: readonly TiffTag[], nextIfd: number): number {
  if (offset & 1) throw new Error('IFD offset must be even');
  const sorted = [...tags].sort((a, b) => a.tag - b.tag);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].tag === sorted[i - 1].tag) throw new Error(`TIFF tag ${sorted[i].tag} given twice`);
  }
  view.setUint16(offset, sorted.length, true);
  let extra = offset + 2 + sorted.length * 12 + 4;
  sorted.forEach((t, i) => {
    const e = offset + 2 + i * 12;
    view.setUint16(e, t.tag, true);
    view.setUint16(e + 2, t.type, true);
    view.setUint32(e + 4, count(t), true);
    const b = valueBytes(t);
    if (b <= 4) {
      putValues(view, e + 8, t);
    } else {
      view.setUint32(e + 8, extra, true);
      putValues(view, extra, t);
      extra += even(b);
    }
  });
  view.setUint32(offset + 2 + sorted.length * 12, nextIfd, true);
  return extra;
}
