/**
 * zlib/DEFLATE decompression (RFC 1950/1951) in plain JS, for TIFF tiles in the browser.
 *
 * Why not DecompressionStream: each tile is then a stream with async chunks (a few ms of
 * plumbing per 512 KB tile in Chromium, ~10x what zlib itself needs). Why not pako: it copies
 * matches byte by byte; raster tiles are mostly long matches (flat areas, predictor zeros), which
 * here are one copyWithin/fill each. Huffman codes decode through a 10-bit lookup table, longer
 * codes canonically (puff's method). The Adler-32 checksum is not verified.
 */

const LEN_BASE = new Uint16Array([3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]);
const LEN_EXTRA = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]);
const DIST_BASE = new Uint16Array([1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]);
const DIST_EXTRA = new Uint8Array([0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]);
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

const FAST = 10;
const FAST_MASK = (1 << FAST) - 1;

/** A canonical Huffman code: a FAST-bit lookup (sym << 4 | length, 0 = longer code) and puff's count/symbol lists. */
interface Huffman {
  fast: Int32Array;
  count: Uint16Array;
  symbol: Uint16Array;
}

function newHuffman(n: number): Huffman {
  return { fast: new Int32Array(1 << FAST), count: new Uint16Array(16), symbol: new Uint16Array(n) };
}

/** Scratch for the tables of dynamic blocks, reused by every block (inflate runs to the end, never interleaved). */
const dynCl = newHuffman(19);
const dynLit = newHuffman(288);
const dynDist = newHuffman(32);
const offs = new Uint16Array(16);
const next = new Uint16Array(16);
const codeLengths = new Uint8Array(320);

/** The code of `lengths[0 … n)` into `h` (its arrays of at least n symbols), or a new one. */
function buildHuffman(lengths: Uint8Array, n: number, h: Huffman = newHuffman(n)): Huffman {
  const { count, symbol, fast } = h;
  count.fill(0);
  for (let s = 0; s < n; s++) count[lengths[s]]++;
  count[0] = 0;
  let left = 1;
  for (let len = 1; len <= 15; len++) {
    left = (left << 1) - count[len];
    if (left < 0) throw new Error('invalid code lengths set (over-subscribed)');
  }
  offs.fill(0);
  for (let len = 1; len < 15; len++) offs[len + 1] = offs[len] + count[len];
  for (let s = 0; s < n; s++) if (lengths[s]) symbol[offs[lengths[s]]++] = s;
  // The lookup: canonical codes, bit-reversed (DEFLATE sends Huffman codes MSB first).
  fast.fill(0);
  let code = 0;
  next.fill(0);
  for (let len = 1; len <= 15; len++) {
    code = (code + count[len - 1]) << 1;
    next[len] = code;
  }
  for (let s = 0; s < n; s++) {
    const len = lengths[s];
    if (len === 0 || len > FAST) continue;
    let c = next[len]++;
    let rev = 0;
    for (let i = 0; i < len; i++) {
      rev = (rev << 1) | (c & 1);
      c >>= 1;
    }
    for (let k = rev; k < 1 << FAST; k += 1 << len) fast[k] = (s << 4) | len;
  }
  return h;
}

let fixedLit: Huffman | null = null;
let fixedDist: Huffman | null = null;

function fixedTables(): [Huffman, Huffman] {
  if (!fixedLit || !fixedDist) {
    const l = new Uint8Array(288);
    l.fill(8, 0, 144);
    l.fill(9, 144, 256);
    l.fill(7, 256, 280);
    l.fill(8, 280, 288);
    fixedLit = buildHuffman(l, 288);
    fixedDist = buildHuffman(new Uint8Array(30).fill(5), 30);
  }
  return [fixedLit, fixedDist];
}

/**
 * Inflates `src` (zlib-wrapped unless `raw`) into a new Uint8Array, or into `into` when given (a
 * reused buffer: a new one only if the data outgrows it); `capacity` is the expected output size
 * (the output grows past it when needed). Corrupt data throws.
 */
export function inflate(src: Uint8Array, capacity: number, raw = false, into?: Uint8Array): Uint8Array {
  const end = src.length;
  let pos = 0;
  if (!raw) {
    if (end < 2) throw new Error('unexpected end of data');
    const cmf = src[0], flg = src[1];
    if ((cmf & 15) !== 8 || ((cmf << 8) | flg) % 31 !== 0) throw new Error('incorrect header check');
    if (flg & 32) throw new Error('invalid zlib header: preset dictionary');
    pos = 2;
  }
  let out: Uint8Array = into && into.length > 0 ? into : new Uint8Array(Math.max(capacity, 64));
  let op = 0;
  let bb = 0; // bit buffer (LSB first)
  let bc = 0; // bits in it
  const lengths = new Uint8Array(320);

  let final = 0;
  while (!final) {
    while (bc < 3) { bb |= (pos < end ? src[pos] : 0) << bc; pos++; bc += 8; }
    final = bb & 1;
    const type = (bb >>> 1) & 3;
    bb >>>= 3;
    bc -= 3;
    if (type === 0) {
      // stored: drop to a byte boundary, give back whole bytes still in the bit buffer
      const drop = bc & 7;
      bb >>>= drop;
      bc -= drop;
      pos -= bc >> 3;
      bb = 0;
      bc = 0;
      if (pos + 4 > end) throw new Error('unexpected end of data');
      const len = src[pos] | (src[pos + 1] << 8);
      const nlen = src[pos + 2] | (src[pos + 3] << 8);
      if ((len ^ 0xffff) !== nlen) throw new Error('invalid stored block lengths');
      pos += 4;
      if (pos + len > end) throw new Error('unexpected end of data');
      if (op + len > out.length) out = grow(out, op + len);
      out.set(src.subarray(pos, pos + len), op);
      op += len;
      pos += len;
      continue;
    }
    let lit: Huffman, dist: Huffman;
    if (type === 1) {
      [lit, dist] = fixedTables();
    } else if (type === 2) {
      while (bc < 14) { bb |= (pos < end ? src[pos] : 0) << bc; pos++; bc += 8; }
      const nlen = (bb & 31) + 257;
      const ndist = ((bb >>> 5) & 31) + 1;
      const ncode = ((bb >>> 10) & 15) + 4;
      bb >>>= 14;
      bc -= 14;
      if (nlen > 286 || ndist > 30) throw new Error('invalid code lengths (too many length or distance symbols)');
      lengths.fill(0);
      for (let i = 0; i < ncode; i++) {
        while (bc < 3) { bb |= (pos < end ? src[pos] : 0) << bc; pos++; bc += 8; }
        lengths[CL_ORDER[i]] = bb & 7;
        bb >>>= 3;
        bc -= 3;
      }
      const cl = buildHuffman(lengths.subarray(0, 19), 19, dynCl);
      const all = codeLengths.subarray(0, nlen + ndist); // every entry is written below
      for (let i = 0; i < nlen + ndist;) {
        while (bc < 24) { bb |= (pos < end ? src[pos] : 0) << bc; pos++; bc += 8; }
        let sym: number;
        const e = cl.fast[bb & FAST_MASK];
        if (e) {
          sym = e >> 4;
          bb >>>= e & 15;
          bc -= e & 15;
        } else throw new Error('invalid code lengths set');
        if (sym < 16) {
          all[i++] = sym;
          continue;
        }
        let rep: number, val = 0;
        if (sym === 16) {
          if (i === 0) throw new Error('invalid bit length repeat');
          val = all[i - 1];
          rep = 3 + (bb & 3);
          bb >>>= 2;
          bc -= 2;
        } else if (sym === 17) {
          rep = 3 + (bb & 7);
          bb >>>= 3;
          bc -= 3;
        } else {
          rep = 11 + (bb & 127);
          bb >>>= 7;
          bc -= 7;
        }
        if (i + rep > nlen + ndist) throw new Error('invalid bit length repeat');
        all.fill(val, i, i + rep);
        i += rep;
      }
      if (all[256] === 0) throw new Error('invalid code -- missing end-of-block');
      lit = buildHuffman(all.subarray(0, nlen), nlen, dynLit);
      dist = buildHuffman(all.subarray(nlen), ndist, dynDist);
    } else {
      throw new Error('invalid block type');
    }

    // The codes of the block.
    const lf = lit.fast, df = dist.fast;
    for (;;) {
      while (bc < 24) { bb |= (pos < end ? src[pos] : 0) << bc; pos++; bc += 8; }
      if (pos > end + 8) throw new Error('unexpected end of data');
      let sym: number;
      let e = lf[bb & FAST_MASK];
      if (e) {
        sym = e >> 4;
        bb >>>= e & 15;
        bc -= e & 15;
      } else {
        // a code longer than FAST bits: canonical decode, bit by bit (bc >= 24 > 15)
        let code = 0, first = 0, index = 0;
        sym = -1;
        for (let len = 1; len <= 15; len++) {
          code |= bb & 1;
          bb >>>= 1;
          bc--;
          const count = lit.count[len];
          if (code - count < first) { sym = lit.symbol[index + (code - first)]; break; }
          index += count;
          first = (first + count) << 1;
          code <<= 1;
        }
        if (sym < 0) throw new Error('invalid literal/length code');
      }
      if (sym < 256) {
        if (op >= out.length) out = grow(out, op + 1);
        out[op++] = sym;
        continue;
      }
      if (sym === 256) break;
      sym -= 257;
      if (sym >= 29) throw new Error('invalid literal/length code');
      const le = LEN_EXTRA[sym];
      const len = LEN_BASE[sym] + (bb & ((1 << le) - 1));
      bb >>>= le;
      bc -= le;
      while (bc < 24) { bb |= (pos < end ? src[pos] : 0) << bc; pos++; bc += 8; }
      e = df[bb & FAST_MASK];
      let ds: number;
      if (e) {
        ds = e >> 4;
        bb >>>= e & 15;
        bc -= e & 15;
      } else {
        let code = 0, first = 0, index = 0;
        ds = -1;
        for (let l = 1; l <= 15; l++) {
          code |= bb & 1;
          bb >>>= 1;
          bc--;
          const count = dist.count[l];
          if (code - count < first) { ds = dist.symbol[index + (code - first)]; break; }
          index += count;
          first = (first + count) << 1;
          code <<= 1;
        }
        if (ds < 0) throw new Error('invalid distance code');
      }
      if (ds >= 30) throw new Error('invalid distance code');
      const de = DIST_EXTRA[ds];
      if (bc < de) { bb |= (pos < end ? src[pos] : 0) << bc; pos++; bc += 8; }
      const d = DIST_BASE[ds] + (bb & ((1 << de) - 1));
      bb >>>= de;
      bc -= de;
      if (d > op) throw new Error('invalid distance too far back');
      if (op + len > out.length) out = grow(out, op + len);
      const s = op - d;
      if (len < 12) {
        for (let k = 0; k < len; k++) out[op + k] = out[s + k];
        op += len;
      } else if (d === 1) {
        out.fill(out[s], op, op + len);
        op += len;
      } else if (d >= len) {
        out.copyWithin(op, s, s + len);
        op += len;
      } else {
        // overlapping: the period d repeats; each copy doubles what can be copied at once
        let rem = len;
        while (rem > 0) {
          const c = Math.min(op - s, rem);
          out.copyWithin(op, s, s + c);
          op += c;
          rem -= c;
        }
      }
    }
  }
  if (pos - (bc >> 3) > end) throw new Error('unexpected end of data');
  return op === out.length ? out : out.subarray(0, op);
}

function grow(a: Uint8Array, min: number): Uint8Array {
  const b = new Uint8Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}
