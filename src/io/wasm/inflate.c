/*
 * zlib/DEFLATE decompression (RFC 1950/1951) for WebAssembly: the algorithm of ../inflate.ts
 * (a 10-bit Huffman lookup, longer codes canonically as puff does), in C so that a worker gets
 * it compiled in a millisecond instead of JIT-compiling the JS version (V8's optimizing
 * compilers spent about as long on inflate.ts in each worker as decoding the demo's tiles).
 * Built by scripts/build-wasm.sh (clang --target=wasm32, no libc); io/wasmInflate.ts loads it.
 *
 * inflate(src, srcLen, out, outCap, raw) returns the output length, or a negative error code
 * (ERR_* below; ERR_OUTPUT_FULL: outCap too small, the caller retries with more room).
 */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;

#define ERR_END -1
#define ERR_HEADER -2
#define ERR_DICT -3
#define ERR_STORED -4
#define ERR_TOO_MANY -5
#define ERR_CL_SET -6
#define ERR_REPEAT -7
#define ERR_NO_EOB -8
#define ERR_BLOCK_TYPE -9
#define ERR_LITLEN -10
#define ERR_DIST -11
#define ERR_TOO_FAR -12
#define ERR_OVERSUB -13
#define ERR_OUTPUT_FULL -100

#define FAST 10
#define FAST_MASK ((1 << FAST) - 1)

static const u16 LEN_BASE[29] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const u8 LEN_EXTRA[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const u16 DIST_BASE[30] = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const u8 DIST_EXTRA[30] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
static const u8 CL_ORDER[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

/* A canonical Huffman code: the FAST-bit lookup (sym << 4 | length; 0 = a longer code) and puff's count/symbol lists. */
typedef struct {
  int fast[1 << FAST];
  u16 count[16];
  u16 symbol[288];
} Huffman;

static Huffman dynCl, dynLit, dynDist, fixedLit, fixedDist;
static int fixedBuilt = 0;
static u8 lengths[320];

static int buildHuffman(const u8 *len, int n, Huffman *h) {
  u16 offs[16], next[16];
  for (int i = 0; i < 16; i++) h->count[i] = 0;
  for (int s = 0; s < n; s++) h->count[len[s]]++;
  h->count[0] = 0;
  int left = 1;
  for (int l = 1; l <= 15; l++) {
    left = (left << 1) - h->count[l];
    if (left < 0) return ERR_OVERSUB;
  }
  offs[0] = offs[1] = 0;
  for (int l = 1; l < 15; l++) offs[l + 1] = offs[l] + h->count[l];
  for (int s = 0; s < n; s++) if (len[s]) h->symbol[offs[len[s]]++] = (u16)s;
  for (int k = 0; k < (1 << FAST); k++) h->fast[k] = 0;
  int code = 0;
  next[0] = 0;
  for (int l = 1; l <= 15; l++) {
    code = (code + h->count[l - 1]) << 1;
    next[l] = (u16)code;
  }
  for (int s = 0; s < n; s++) {
    int l = len[s];
    if (l == 0 || l > FAST) continue;
    int c = next[l]++;
    int rev = 0;
    for (int i = 0; i < l; i++) {
      rev = (rev << 1) | (c & 1);
      c >>= 1;
    }
    for (int k = rev; k < (1 << FAST); k += 1 << l) h->fast[k] = (s << 4) | l;
  }
  return 0;
}

static void buildFixed(void) {
  u8 l[288];
  for (int i = 0; i < 144; i++) l[i] = 8;
  for (int i = 144; i < 256; i++) l[i] = 9;
  for (int i = 256; i < 280; i++) l[i] = 7;
  for (int i = 280; i < 288; i++) l[i] = 8;
  buildHuffman(l, 288, &fixedLit);
  for (int i = 0; i < 30; i++) l[i] = 5;
  buildHuffman(l, 30, &fixedDist);
  fixedBuilt = 1;
}

/* Up to 8 more bytes into the bit buffer (zeros past the end, counted by pos as the JS does). */
#define NEED(nbits)                                   \
  while (bc < (nbits)) {                              \
    bb |= (u64)(pos < end ? src[pos] : 0) << bc;      \
    pos++;                                            \
    bc += 8;                                          \
  }

/* A symbol of a code longer than FAST bits, canonically (bc >= 15 guaranteed by the caller). */
static int slowDecode(const Huffman *h, u64 *pbb, int *pbc) {
  u64 bb = *pbb;
  int bc = *pbc;
  int code = 0, first = 0, index = 0;
  for (int l = 1; l <= 15; l++) {
    code |= (int)(bb & 1);
    bb >>= 1;
    bc--;
    int count = h->count[l];
    if (code - count < first) {
      *pbb = bb;
      *pbc = bc;
      return h->symbol[index + (code - first)];
    }
    index += count;
    first = (first + count) << 1;
    code <<= 1;
  }
  *pbb = bb;
  *pbc = bc;
  return -1;
}

__attribute__((export_name("inflate")))
int inflate(const u8 *src, int srcLen, u8 *out, int outCap, int raw) {
  const int end = srcLen;
  int pos = 0;
  if (!raw) {
    if (end < 2) return ERR_END;
    int cmf = src[0], flg = src[1];
    if ((cmf & 15) != 8 || ((cmf << 8) | flg) % 31 != 0) return ERR_HEADER;
    if (flg & 32) return ERR_DICT;
    pos = 2;
  }
  int op = 0;
  u64 bb = 0;
  int bc = 0;
  int final = 0;
  while (!final) {
    NEED(3);
    final = (int)(bb & 1);
    int type = (int)((bb >> 1) & 3);
    bb >>= 3;
    bc -= 3;
    if (type == 0) {
      int drop = bc & 7;
      bb >>= drop;
      bc -= drop;
      pos -= bc >> 3;
      bb = 0;
      bc = 0;
      if (pos + 4 > end) return ERR_END;
      int len = src[pos] | (src[pos + 1] << 8);
      int nlen = src[pos + 2] | (src[pos + 3] << 8);
      if ((len ^ 0xffff) != nlen) return ERR_STORED;
      pos += 4;
      if (pos + len > end) return ERR_END;
      if (op + len > outCap) return ERR_OUTPUT_FULL;
      __builtin_memcpy(out + op, src + pos, (unsigned long)len);
      op += len;
      pos += len;
      continue;
    }
    const Huffman *lit, *dist;
    if (type == 1) {
      if (!fixedBuilt) buildFixed();
      lit = &fixedLit;
      dist = &fixedDist;
    } else if (type == 2) {
      NEED(14);
      int nlen = (int)(bb & 31) + 257;
      int ndist = (int)((bb >> 5) & 31) + 1;
      int ncode = (int)((bb >> 10) & 15) + 4;
      bb >>= 14;
      bc -= 14;
      if (nlen > 286 || ndist > 30) return ERR_TOO_MANY;
      for (int i = 0; i < 19; i++) lengths[i] = 0;
      for (int i = 0; i < ncode; i++) {
        NEED(3);
        lengths[CL_ORDER[i]] = (u8)(bb & 7);
        bb >>= 3;
        bc -= 3;
      }
      int r = buildHuffman(lengths, 19, &dynCl);
      if (r) return r;
      u8 all[320];
      for (int i = 0; i < nlen + ndist;) {
        NEED(24);
        int e = dynCl.fast[bb & FAST_MASK];
        if (!e) return ERR_CL_SET;
        int sym = e >> 4;
        bb >>= e & 15;
        bc -= e & 15;
        if (sym < 16) {
          all[i++] = (u8)sym;
          continue;
        }
        int rep, val = 0;
        if (sym == 16) {
          if (i == 0) return ERR_REPEAT;
          val = all[i - 1];
          rep = 3 + (int)(bb & 3);
          bb >>= 2;
          bc -= 2;
        } else if (sym == 17) {
          rep = 3 + (int)(bb & 7);
          bb >>= 3;
          bc -= 3;
        } else {
          rep = 11 + (int)(bb & 127);
          bb >>= 7;
          bc -= 7;
        }
        if (i + rep > nlen + ndist) return ERR_REPEAT;
        for (int k = 0; k < rep; k++) all[i + k] = (u8)val;
        i += rep;
      }
      if (all[256] == 0) return ERR_NO_EOB;
      r = buildHuffman(all, nlen, &dynLit);
      if (r) return r;
      r = buildHuffman(all + nlen, ndist, &dynDist);
      if (r) return r;
      lit = &dynLit;
      dist = &dynDist;
    } else {
      return ERR_BLOCK_TYPE;
    }

    const int *lf = lit->fast, *df = dist->fast;
    for (;;) {
      NEED(24);
      if (pos > end + 8) return ERR_END;
      int sym;
      int e = lf[bb & FAST_MASK];
      if (e) {
        sym = e >> 4;
        bb >>= e & 15;
        bc -= e & 15;
      } else {
        sym = slowDecode(lit, &bb, &bc);
        if (sym < 0) return ERR_LITLEN;
      }
      if (sym < 256) {
        if (op >= outCap) return ERR_OUTPUT_FULL;
        out[op++] = (u8)sym;
        continue;
      }
      if (sym == 256) break;
      sym -= 257;
      if (sym >= 29) return ERR_LITLEN;
      int le = LEN_EXTRA[sym];
      int len = LEN_BASE[sym] + (int)(bb & ((1u << le) - 1));
      bb >>= le;
      bc -= le;
      NEED(24);
      e = df[bb & FAST_MASK];
      int ds;
      if (e) {
        ds = e >> 4;
        bb >>= e & 15;
        bc -= e & 15;
      } else {
        ds = slowDecode(dist, &bb, &bc);
        if (ds < 0) return ERR_DIST;
      }
      if (ds >= 30) return ERR_DIST;
      int de = DIST_EXTRA[ds];
      NEED(de);
      int d = DIST_BASE[ds] + (int)(bb & ((1u << de) - 1));
      bb >>= de;
      bc -= de;
      if (d > op) return ERR_TOO_FAR;
      if (op + len > outCap) return ERR_OUTPUT_FULL;
      u8 *o = out + op;
      const u8 *s = o - d;
      if (d >= len) {
        __builtin_memcpy(o, s, (unsigned long)len);
      } else if (d == 1) {
        __builtin_memset(o, s[0], (unsigned long)len);
      } else {
        for (int k = 0; k < len; k++) o[k] = s[k];
      }
      op += len;
    }
  }
  if (pos - (bc >> 3) > end) return ERR_END;
  return op;
}
