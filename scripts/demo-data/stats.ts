/**
 * The generator's own check of SPEC §3's statistics on what it is about to write (independent of
 * src/engine): area-weighted series, OLS slope, extremes, source shares, mean-map sink share,
 * trend classes (|t| against the 21-df critical values) and Spearman's rho.
 */
import { N_YEARS, SXX, TAU } from './series';
import { T_01, T_05 } from './targets';

export interface RegionStats {
  series: number[];
  mean: number;
  slope: number;
  min: { year: number; value: number };
  max: { year: number; value: number };
  sourceSharePct: number[];
  meanMapSinkPct: number;
  classes: Record<string, number>;
  area: number;
}

export function regionStats(nep: Float64Array, pixels: number[], area: Float64Array): RegionStats {
  const series = new Array<number>(N_YEARS).fill(0);
  const src = new Array<number>(N_YEARS).fill(0);
  const classes: Record<string, number> = { '-3': 0, '-2': 0, '-1': 0, '0': 0, '1': 0, '2': 0, '3': 0 };
  let A = 0;
  let sink = 0;
  for (const k of pixels) {
    const a = area[k];
    A += a;
    let m = 0;
    for (let y = 0; y < N_YEARS; y++) {
      const v = nep[k * N_YEARS + y];
      series[y] += a * v;
      if (v < 0) src[y] += a;
      m += v;
    }
    m /= N_YEARS;
    if (m > 0) sink += a;
    let sxy = 0;
    let syy = 0;
    for (let y = 0; y < N_YEARS; y++) {
      const d = nep[k * N_YEARS + y] - m;
      sxy += TAU[y] * d;
      syy += d * d;
    }
    const b = sxy / SXX;
    const rss = Math.max(0, syy - b * b * SXX);
    const t = rss > 0 ? (b * Math.sqrt(SXX)) / Math.sqrt(rss / (N_YEARS - 2)) : b === 0 ? 0 : Math.sign(b) * Infinity;
    const at = Math.abs(t);
    const lvl = at > T_01 ? 3 : at > T_05 ? 2 : 1;
    classes[String(b === 0 ? 0 : Math.sign(b) * lvl)] += a;
  }
  for (let y = 0; y < N_YEARS; y++) series[y] /= A;
  for (const key of Object.keys(classes)) classes[key] = (classes[key] / A) * 100;
  const mean = series.reduce((s, x) => s + x, 0) / N_YEARS;
  const slope = series.reduce((s, x, y) => s + TAU[y] * (x - mean), 0) / SXX;
  let iMin = 0;
  let iMax = 0;
  series.forEach((x, y) => {
    if (x < series[iMin]) iMin = y;
    if (x > series[iMax]) iMax = y;
  });
  return {
    series,
    mean,
    slope,
    min: { year: 2000 + iMin, value: series[iMin] },
    max: { year: 2000 + iMax, value: series[iMax] },
    sourceSharePct: src.map((s) => (s / A) * 100),
    meanMapSinkPct: (sink / A) * 100,
    classes,
    area: A,
  };
}

/** Average ranks (1-based), ties averaged. */
export function ranks(x: ArrayLike<number>): number[] {
  const idx = Array.from({ length: x.length }, (_, i) => i).sort((a, b) => x[a] - x[b]);
  const r = new Array<number>(x.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && x[idx[j + 1]] === x[idx[i]]) j++;
    for (let k = i; k <= j; k++) r[idx[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

/** Pearson correlation of the ranks (Spearman's rho). */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const rx = ranks(x);
  const ry = ranks(y);
  const n = rx.length;
  const mx = rx.reduce((s, v) => s + v, 0) / n;
  const my = ry.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (rx[i] - mx) * (ry[i] - my);
    sxx += (rx[i] - mx) ** 2;
    syy += (ry[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
