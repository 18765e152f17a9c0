/*
 * pixelStats' per-pixel work for the OLS method (src/core/block.ts statsOfPixel), in WebAssembly:
 * the multi-year mean, the OLS slope and its two-sided t-test p (ols.ts, tdist.ts, betaInc.ts),
 * the trend class (trendClass.ts) and Spearman's rho with each climate variable (ranks.ts
 * rankFromOrderInto, spearman.ts rankCorrelationInto). The same arithmetic in the same order as
 * those TypeScript functions, so the numbers are the same bit for bit (tested in block.test.ts):
 * no fast-math, no FMA contraction (built with -ffp-contract=off), and log, log1p and exp are the
 * page's own Math functions, imported.
 *
 * Built by scripts/build-wasm.sh (clang --target=wasm32). Memory layout: see ../wasmStats.ts.
 */

typedef unsigned char u8;
typedef signed char i8;

__attribute__((import_module("env"), import_name("log"))) double js_log(double);
__attribute__((import_module("env"), import_name("log1p"))) double js_log1p(double);
__attribute__((import_module("env"), import_name("exp"))) double js_exp(double);

#define NODATA (-128)
#define OLS_TINY 1e-20
#define CF_EPS 1e-16
#define CF_TINY 1e-300
#define CF_MAX_ITER 10000

static int finite(double v) { return v - v == 0.0; }

static double fabs_(double v) { return __builtin_fabs(v); }

/* betaInc.ts betaCf */
static double beta_cf(double a, double b, double x) {
  double qab = a + b;
  double qap = a + 1;
  double qam = a - 1;
  double c = 1;
  double d = 1 - (qab * x) / qap;
  if (fabs_(d) < CF_TINY) d = CF_TINY;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= CF_MAX_ITER; m++) {
    double m2 = 2 * m;
    double md = m;
    double aa = (md * (b - md) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (fabs_(d) < CF_TINY) d = CF_TINY;
    c = 1 + aa / c;
    if (fabs_(c) < CF_TINY) c = CF_TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + md) * (qab + md) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (fabs_(d) < CF_TINY) d = CF_TINY;
    c = 1 + aa / c;
    if (fabs_(c) < CF_TINY) c = CF_TINY;
    d = 1 / d;
    double del = d * c;
    h *= del;
    if (fabs_(del - 1) < CF_EPS) break;
  }
  return h;
}

/* betaInc.ts betaIncPair, lower tail, lnB given (a finite number). */
static double beta_inc_pair(double a, double b, double x, double y, double lnx, double lny, double lnB) {
  if (!(a > 0) || !(b > 0) || !(x >= 0) || !(y >= 0) || lnx != lnx || lny != lny) return __builtin_nan("");
  if (lnx == -__builtin_inf()) return 0;
  if (lny == -__builtin_inf()) return 1;
  double lnFront = a * lnx + b * lny - lnB;
  if (x < (a + 1) / (a + b + 2)) {
    double lower = (js_exp(lnFront) * beta_cf(a, b, x)) / a;
    return lower;
  }
  double comp = (js_exp(lnFront) * beta_cf(b, a, y)) / b;
  return 1 - comp;
}

/* tdist.ts studentTTwoSidedPWithLnBeta for a finite df > 0. */
static double t_two_sided_p(double t, double df, double lnB) {
  if (t != t || !(df > 0)) return __builtin_nan("");
  double at = fabs_(t);
  double t2 = at * at;
  if (t2 == 0) return 1;
  if (at == __builtin_inf()) return 0;
  double a = 0.5 * df;
  double x, y, lnx, lny;
  if (t2 == __builtin_inf()) {
    lnx = js_log(df) - 2 * js_log(at);
    x = js_exp(lnx);
    y = 1;
    lny = 0;
  } else {
    double s = df + t2;
    x = df / s;
    y = t2 / s;
    lnx = -js_log1p(t2 / df);
    lny = -js_log1p(df / t2);
  }
  return beta_inc_pair(a, 0.5, x, y, lnx, lny, lnB);
}

/* trendClass.ts */
static int trend_class(double slope, double p) {
  if (slope != slope) return NODATA;
  if (slope == 0) return 0;
  if (p != p) return NODATA;
  int c = p < 0.01 ? 3 : p < 0.05 ? 2 : 1;
  return slope > 0 ? c : -c;
}

/* ranks.ts rankFromOrderInto (v has no NaN: checked by the caller). */
static void rank_from_order(const double *v, int n, double *out, int *order, double *keys) {
  for (int i = 0; i < n; i++) {
    int p = order[i];
    double x = v[p];
    int j = i - 1;
    while (j >= 0 && keys[j] > x) {
      keys[j + 1] = keys[j];
      order[j + 1] = order[j];
      j--;
    }
    keys[j + 1] = x;
    order[j + 1] = p;
  }
  for (int i = 0; i < n;) {
    double vi = keys[i];
    int j = i + 1;
    while (j < n && keys[j] == vi) j++;
    double r = 0.5 * (i + j + 1);
    for (int k = i; k < j; k++) out[order[k]] = r;
    i = j;
  }
}

/*
 * Scratch kept between calls (one instance per worker), for Y years and up to 4 climate
 * variables: y, c, rankY, keys (Y doubles each), prevC (its first double per variable: the sum of
 * squares of the ranks kept) and prevRank (4·Y doubles each), orderY
 * (Y ints), order (4·Y ints), prevOk (4 bytes). `scratch` points at it; stats_init sets it up.
 */
void stats_init(double *scratch, int Y) {
  int *orderY = (int *)(scratch + 12 * Y);
  int *order = orderY + Y;
  u8 *prevOk = (u8 *)(order + 4 * Y);
  for (int i = 0; i < Y; i++) orderY[i] = i;
  for (int j = 0; j < 4; j++)
    for (int i = 0; i < Y; i++) order[j * Y + i] = i;
  for (int j = 0; j < 4; j++) prevOk[j] = 0;
}

/* Forget the climate series ranked last (a new block). prevOk: 0 none, 1 ranks with ties, 2 without. */
void stats_new_block(double *scratch, int Y) {
  u8 *prevOk = (u8 *)((int *)(scratch + 12 * Y) + 5 * Y);
  for (int j = 0; j < 4; j++) prevOk[j] = 0;
}

/*
 * m pixels, Y years. nep: Y·m, year-major (year i of pixel t at [i·m + t]); clim: nv arrays of
 * Y·m, one after another. Outputs per pixel t: included (1 or 0), mean, slope, p (float32), cls;
 * rho: nv arrays of m. A pixel with a NaN year is left out (included 0, nothing else written).
 */
void stats_ols(double *scratch, const double *years, int Y, const double *nep, int m, const double *clim, int nv, double lnB,
               u8 *included, float *mean, float *slope, float *p, i8 *cls, float *rho, long cstride) {
  double *y = scratch;
  double *c = y + Y;
  double *rankY = c + Y;
  double *keys = rankY + Y;
  double *prevC = keys + Y;
  double *prevRank = prevC + 4 * Y;
  int *orderY = (int *)(prevRank + 4 * Y);
  int *order = orderY + Y;
  u8 *prevOk = (u8 *)(order + 4 * Y);
  double nanv = __builtin_nan("");

  for (int t = 0; t < m; t++) {
    int ok = 1;
    double sum = 0;
    for (int i = 0; i < Y; i++) {
      double v = nep[i * m + t];
      if (!finite(v)) {
        ok = 0;
        break;
      }
      y[i] = v;
      sum += v;
    }
    if (!ok) {
      included[t] = 0;
      continue;
    }
    included[t] = 1;
    mean[t] = (float)(sum / Y);

    /* ols.ts olsInto (n = Y ≥ 3) */
    double sl = nanv, pv = nanv;
    {
      int n = Y;
      double sx = 0, sy = 0;
      for (int i = 0; i < n; i++) {
        sx += years[i];
        sy += y[i];
      }
      if (finite(sx) && finite(sy)) {
        double xm = sx / n;
        double ym = sy / n;
        double sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < n; i++) {
          double dx = years[i] - xm;
          double dy = y[i] - ym;
          sxx += dx * dx;
          sxy += dx * dy;
          syy += dy * dy;
        }
        if ((sxx > 0) && finite(sxx) && finite(syy)) {
          double ssxm = sxx / n;
          double ssxym = sxy / n;
          double ssym = syy / n;
          double rDen = __builtin_sqrt(ssxm * ssym);
          double r = 0;
          if (rDen != 0) r = ssxym / rDen;
          if (r > 1) r = 1;
          else if (r < -1) r = -1;
          double df = n - 2;
          sl = ssxym / ssxm;
          double tt = r * __builtin_sqrt(df / ((1 - r + OLS_TINY) * (1 + r + OLS_TINY)));
          pv = t_two_sided_p(tt, df, lnB);
        }
      }
    }
    slope[t] = (float)sl;
    p[t] = (float)pv;
    cls[t] = (i8)trend_class(sl, pv);

    if (nv == 0) continue;
    rank_from_order(y, Y, rankY, orderY, keys);
    /* rank_correlation's three sums are independent: NEP's (sxx) is worked out once a pixel, and a
       climate variable's (syy) kept with its ranks. The same additions in the same order: the same bits. */
    double mid = 0.5 * (Y + 1);
    double sxx = 0;
    for (int i = 0; i < Y; i++) {
      double dx = rankY[i] - mid;
      sxx += dx * dx;
    }
    for (int j = 0; j < nv; j++) {
      const double *cv = clim + (long)j * cstride;
      int good = 1;
      for (int i = 0; i < Y; i++) {
        double v = cv[i * m + t];
        if (!finite(v)) {
          good = 0;
          break;
        }
        c[i] = v;
      }
      if (!good) {
        rho[j * m + t] = (float)nanv;
        continue;
      }
      double *syyKept = prevC + j * Y;
      double *ranks = prevRank + j * Y;
      int *ord = order + j * Y;
      /* The last pixel's ranks stand when they had no ties and its order still sorts these values
         strictly (a smooth climate field: most pixels). Else ranked again. */
      int same = prevOk[j] == 2;
      for (int i = 1; same && i < Y; i++) same = c[ord[i - 1]] < c[ord[i]];
      if (!same) {
        rank_from_order(c, Y, ranks, ord, keys);
        int ties = 0;
        for (int i = 1; i < Y; i++) ties |= keys[i - 1] == keys[i];
        double syy = 0;
        for (int i = 0; i < Y; i++) {
          double dy = ranks[i] - mid;
          syy += dy * dy;
        }
        *syyKept = syy;
        prevOk[j] = ties ? 1 : 2;
      }
      double syy = *syyKept;
      double r = nanv;
      if ((sxx > 0) && (syy > 0)) {
        double sxy = 0;
        for (int i = 0; i < Y; i++) sxy += (rankY[i] - mid) * (ranks[i] - mid);
        r = sxy / __builtin_sqrt(sxx * syy);
        if (r > 1) r = 1;
        else if (r < -1) r = -1;
      }
      rho[j * m + t] = (float)r;
    }
  }
}

/*
 * core/zonal.ts accumulateBlock for a block of m pixels (values year-major, year i of pixel k at
 * [i·m + k]), in four calls made in its order: the same runs (included pixels of one zone and one
 * area), the same additions in the same order, so the same sums bit for bit (zonal.test.ts).
 */

/* zonal.ts includedRuns: the runs to start, end, slot (0: no zone, z + 1: zone z) and rarea; how many. */
int zonal_runs(const u8 *included, const short *zone, const double *area, int m, int R,
               int *start, int *end, int *slot, double *rarea) {
  int q = 0;
  for (int k = 0; k < m;) {
    if (included[k] != 1) {
      k++;
      continue;
    }
    short z = zone[k];
    double a = area[k];
    int e = k + 1;
    while (e < m && included[e] == 1 && zone[e] == z && area[e] == a) e++;
    start[q] = k;
    end[q] = e;
    slot[q] = z >= 0 && z + 1 < R ? z + 1 : 0;
    rarea[q] = a;
    q++;
    k = e;
  }
  return q;
}

/* zonal.ts addPixels (addPixelRun per run). */
void zonal_pixels(int q, const int *start, const int *end, const int *slot, const double *rarea,
                  const float *mean, const i8 *cls, double *area, double *pixels, double *meanSink,
                  double *meanSource, double *clsSum) {
  for (int r = 0; r < q; r++) {
    int s = slot[r];
    double a = rarea[r];
    for (int k = start[r]; k < end[r]; k++) {
      double mk = mean[k];
      int c = cls[k];
      int ci = c >= -3 && c <= 3 ? c + 3 : -1;
      for (int pass = 0; pass < 2; pass++) {
        int rr = pass == 0 ? 0 : s;
        if (pass == 1 && rr == 0) break;
        area[rr] += a;
        pixels[rr] += 1;
        if (mk > 0) meanSink[rr] += a;
        else if (mk < 0) meanSource[rr] += a;
        if (ci >= 0) clsSum[rr * 7 + ci] += a;
      }
    }
  }
}

/* zonal.ts addSinkSource (countSigns64 per run). pa, pb: R doubles of scratch. */
void zonal_signs(int q, const int *start, const int *end, const int *slot, const double *rarea,
                 const double *nep, int m, int Y, int R, double *sink, double *source, double *pa, double *pb) {
  for (int i = 0; i < Y; i++) {
    long o = (long)i * m;
    double sinkAll = 0, sourceAll = 0;
    for (int r = 0; r < R; r++) {
      pa[r] = 0;
      pb[r] = 0;
    }
    for (int j = 0; j < q; j++) {
      double pos = 0, neg = 0;
      for (long k = o + start[j], e = o + end[j]; k < e; k++) {
        double v = nep[k];
        pos += v > 0;
        neg += v < 0;
      }
      double a = rarea[j];
      double sk = pos * a;
      double sc = neg * a;
      sinkAll += sk;
      sourceAll += sc;
      pa[slot[j]] += sk;
      pb[slot[j]] += sc;
    }
    sink[i] += sinkAll;
    source[i] += sourceAll;
    for (int r = 1; r < R; r++) {
      sink[r * Y + i] += pa[r];
      source[r * Y + i] += pb[r];
    }
  }
}

/* zonal.ts addWeighted64 (sumValid64 per run). pa, pb: R doubles of scratch. */
void zonal_weighted(int q, const int *start, const int *end, const int *slot, const double *rarea,
                    const double *vals, int m, int Y, int R, double *w, double *wv, double *pa, double *pb) {
  for (int i = 0; i < Y; i++) {
    long o = (long)i * m;
    double swAll = 0, swvAll = 0;
    for (int r = 0; r < R; r++) {
      pa[r] = 0;
      pb[r] = 0;
    }
    for (int j = 0; j < q; j++) {
      double cnt = 0, sv = 0;
      for (long k = o + start[j], e = o + end[j]; k < e; k++) {
        double v = vals[k];
        if (v != v) continue;
        cnt++;
        sv += v;
      }
      double a = rarea[j];
      double sw = cnt * a;
      double swv = sv * a;
      swAll += sw;
      swvAll += swv;
      pa[slot[j]] += sw;
      pb[slot[j]] += swv;
    }
    w[i] += swAll;
    wv[i] += swvAll;
    for (int r = 1; r < R; r++) {
      w[r * Y + i] += pa[r];
      wv[r * Y + i] += pb[r];
    }
  }
}

/*
 * io/resample.ts separableSpan (and bilinearInto where it falls back), then layer.ts plainF32 (a
 * resampled float32 value to its physical value: NaN outside [lo, hi], else value × scale +
 * offset), for the m packed pixels of a sub-block (pixel j: target row prow[j] of the rows' sys,
 * column pcol[j]) from source values v (SW wide, rows a0 … a1−1 at v[(row − a0)·SW]; NaN invalid),
 * into out[j]. The same arithmetic in the same order: the same numbers.
 */
static double js_floor(double x) { return __builtin_floor(x); }

/* v[i] !== v[i] in JavaScript: an index outside the array reads undefined, which is not NaN. */
static int nan_at(const double *v, long i, long len) { return i >= 0 && i < len && v[i] != v[i]; }

/* resample.ts fourInto: the bilinear value from the four neighbours at v[b] … v[b + SW + 1] into *out; 0 (out untouched) when one is invalid. */
static int four_into(const double *v, int b, int SW, double fx, double fy, double *out) {
  double v00 = v[b], v01 = v[b + 1], v10 = v[b + SW], v11 = v[b + SW + 1];
  if (!(v00 == v00 && v01 == v01 && v10 == v10 && v11 == v11)) return 0;
  double w00 = (1 - fx) * (1 - fy), w01 = fx * (1 - fy), w10 = (1 - fx) * fy, w11 = fx * fy;
  *out = (w00 * v00 + w01 * v01 + w10 * v10 + w11 * v11) / (w00 + w01 + w10 + w11);
  return 1;
}

static double bilinear_general(const double *v, long vlen, int SW, int a0, int a1, double sx, double sy) {
  if (nan_at(v, (long)((int)js_floor(sy - 1e-10) - a0) * SW + (int)js_floor(sx - 1e-10), vlen)) return __builtin_nan("");
  double px = sx - 0.5;
  double py = sy - 0.5;
  int ix = (int)js_floor(px);
  int iy = (int)js_floor(py);
  double fx = px - ix;
  double fy = py - iy;
  double four;
  if (ix >= 0 && ix + 1 < SW && iy >= a0 && iy + 1 < a1 && four_into(v, (iy - a0) * SW + ix, SW, fx, fy, &four)) return four;
  double sw = 0, s = 0;
  for (int j = 0; j < 2; j++) {
    int yy = iy + j;
    if (yy < a0 || yy >= a1) continue;
    double wy = j == 0 ? 1 - fy : fy;
    if (wy == 0) continue;
    int base = (yy - a0) * SW;
    for (int k = 0; k < 2; k++) {
      int xx = ix + k;
      if (xx < 0 || xx >= SW) continue;
      double w = (k == 0 ? 1 - fx : fx) * wy;
      if (w == 0) continue;
      double val = v[base + xx];
      if (val != val) continue;
      sw += w;
      s += w * val;
    }
  }
  return sw > 1e-6 ? s / sw : __builtin_nan("");
}

void resample_packed(const double *v, long vlen, int SW, int a0, int a1, const double *sx, const int *under, const int *ixs,
                     const double *fxs, const double *sys, const int *prow, const int *pcol, int m, double scale,
                     double offset, double lo, double hi, double *out) {
  double nanv = __builtin_nan("");
  /* The packed pixels come row by row: what depends on the row alone is worked out once a row. */
  for (int j = 0; j < m;) {
    int r = prow[j];
    int je = j + 1;
    while (je < m && prow[je] == r) je++;
    double sy = sys[r];
    if (sy != sy) {
      for (; j < je; j++) out[j] = nanv; /* NaN fails the valid range */
      continue;
    }
    long rowUnder = (long)((int)js_floor(sy - 1e-10) - a0) * SW;
    double py = sy - 0.5;
    int iy = (int)js_floor(py);
    double fy = py - iy;
    int rowsIn = iy >= a0 && iy + 1 < a1;
    int b0 = (iy - a0) * SW;
    double gy = 1 - fy;
    int lastIx = -2; /* the four neighbours of the last pixel's cell (ix), and whether all are valid */
    double v00 = 0, v01 = 0, v10 = 0, v11 = 0;
    int four = 0;
    for (; j < je; j++) {
      int c = pcol[j];
      double val;
      int u = under[c];
      if (u < 0 || nan_at(v, rowUnder + u, vlen)) val = nanv;
      else {
        int ix = ixs[c];
        if (ix != lastIx) {
          lastIx = ix;
          four = rowsIn && ix >= 0 && ix + 1 < SW;
          if (four) {
            int b = b0 + ix;
            v00 = v[b], v01 = v[b + 1], v10 = v[b + SW], v11 = v[b + SW + 1];
            four = v00 == v00 && v01 == v01 && v10 == v10 && v11 == v11;
          }
        }
        if (four) { /* four_into's arithmetic */
          double fx = fxs[c];
          double w00 = (1 - fx) * gy, w01 = fx * gy, w10 = (1 - fx) * fy, w11 = fx * fy;
          val = (w00 * v00 + w01 * v01 + w10 * v10 + w11 * v11) / (w00 + w01 + w10 + w11);
        } else val = bilinear_general(v, vlen, SW, a0, a1, sx[c], sy);
      }
      double x = (float)val; /* the resampled rows are float32 */
      if (x >= lo && x <= hi) out[j] = x * scale + offset;
      else out[j] = nanv;
    }
  }
}

/*
 * core/block.ts computeRhNep (Pei et al. 2010) over n pixel-years: Rh and NEP = NPP − Rh, NaN where
 * T or R is NaN, c·R + 1 ≤ 0 or Rh is not finite. exp and log are the page's Math functions
 * (imported), so the numbers are the TypeScript's bit for bit; the last T's exp and R's log are
 * reused, as rhNepCached does (the same values either way). ak = a·k, as the TypeScript works it out.
 */
void rh_nep(const double *npp, const double *t, const double *r, long n, double ak, double b, double c, double *rhOut,
            double *nepOut) {
  double nanv = __builtin_nan("");
  double lastT = nanv, expT = nanv, lastR = nanv, logR = nanv;
  for (long i = 0; i < n; i++) {
    double ti = t[i];
    double ri = r[i];
    if (ti != lastT) {
      lastT = ti;
      expT = js_exp(b * ti);
    }
    if (ri != lastR) {
      lastR = ri;
      double arg = c * ri + 1;
      logR = nanv;
      if (arg > 0) logR = js_log(arg);
    }
    double rh = nanv;
    if (logR == logR) rh = ak * (expT + logR);
    if (!finite(rh) || !finite(ti)) rh = nanv;
    rhOut[i] = rh;
    nepOut[i] = npp[i] - rh;
  }
}

/*
 * io/layer.ts's rule for an integer band (intI16: value × scale + offset, NaN outside [lo, hi] or
 * at one of the k nodata values nd) over the runs [runs[2r], runs[2r+1]) of raw, r < nRuns,
 * packed run after run into out: layerApplier's gather, bit for bit.
 */
void gather_i16(const short *raw, const int *runs, int nRuns, double scale, double offset, double lo, double hi,
                const double *nd, int k, double *out) {
  double nanv = __builtin_nan("");
  long j = 0;
  for (int r = 0; r < nRuns; r++) {
    int a = runs[2 * r], e = runs[2 * r + 1];
    for (int i = a; i < e; i++) {
      double v = raw[i];
      int ok = v >= lo && v <= hi;
      for (int q = 0; ok && q < k; q++) ok = v != nd[q];
      out[j++] = ok ? v * scale + offset : nanv;
    }
  }
}
