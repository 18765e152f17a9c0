/**
 * Per-pixel NEP series from the planted zone series and the pixel plan:
 *   NEP_i(t) = a_i · (M + s_i·τ + R(t) + ε_i(t))
 * with M and R the zone's (ordinary pixels') mean and residual, s_i the slope that gives the
 * pixel its planned t-statistic, and ε_i the pixel's own noise, orthogonal to 1, τ and R (so
 * |residual_i|² = |R|² + |ε_i|² and t_i = s_i·√(Sxx·(n−2)) / |residual_i| exactly). The area-weighted
 * zone mean is then the planted series. Source candidates follow their own rule (see plan.ts).
 */
import { N_NOISE_DIMS, type Plan } from './plan';
import type { Park } from './park';
import { N_YEARS, TAU, T_FACTOR, decompose } from './series';
import { SOURCE_SHARE_PCT, MEAN_MAP_SOURCE_PCT, ZONE_TARGETS } from './targets';

/** Slopes of the NEP response to (threshold − share), gC per percentage point, below and above. */
export const SOURCE_K_NEG = 12;
const SOURCE_OFFSET = 0.3;

/** The slope above the threshold that puts the mean-map source share at MEAN_MAP_SOURCE_PCT. */
export function sourceKPos(): number {
  const u = MEAN_MAP_SOURCE_PCT;
  let negSum = 0;
  let posSum = 0;
  let nPos = 0;
  for (const s of SOURCE_SHARE_PCT) {
    if (s > u) negSum += SOURCE_K_NEG * (u - s) - SOURCE_OFFSET;
    else {
      posSum += u - s;
      nPos++;
    }
  }
  return -(negSum + SOURCE_OFFSET * nPos) / posSum;
}

/** NEP of a source candidate with threshold `share` (percent) in a year with source share s. */
export function sourceNep(share: number, s: number, kPos: number): number {
  return share < s ? SOURCE_K_NEG * (share - s) - SOURCE_OFFSET : kPos * (share - s) + SOURCE_OFFSET;
}

/** Residual norm a zone's series needs so that its pixels' slopes average to the zone's slope. */
export function residualNormFor(park: Park, plan: Plan, zi: number): number {
  let sw = 0;
  let s = 0;
  for (let k = 0; k < park.idx.length; k++) {
    if (park.zone[k] !== zi || park.fill[k] || !Number.isNaN(plan.share[k])) continue;
    sw += park.area[k];
    s += park.area[k] * plan.a[k] * plan.t[k] * Math.sqrt(1 + plan.kappa[k] ** 2);
  }
  return (ZONE_TARGETS[zi].slope * T_FACTOR) / (s / sw);
}

/** Orthonormal basis of the complement of span{1, τ, r} in R^23. */
function complementBasis(r: number[]): number[][] {
  const basis: number[][] = [];
  const add = (v: number[]) => {
    const w = [...v];
    for (const b of basis) {
      const d = b.reduce((s, x, i) => s + x * w[i], 0);
      for (let i = 0; i < N_YEARS; i++) w[i] -= d * b[i];
    }
    const nn = Math.sqrt(w.reduce((s, x) => s + x * x, 0));
    if (nn > 1e-6) basis.push(w.map((x) => x / nn));
  };
  add(new Array(N_YEARS).fill(1));
  add(TAU);
  add(r);
  for (let i = 0; i < N_YEARS; i++) add(Array.from({ length: N_YEARS }, (_, j) => (j === i ? 1 : 0)));
  return basis.slice(3, 3 + N_NOISE_DIMS);
}

/** NEP per park pixel and year (k·N_YEARS + year index); NaN for fill pixels. */
export function buildNep(park: Park, plan: Plan, zoneSeries: number[][]): Float64Array {
  const n = park.idx.length;
  const nep = new Float64Array(n * N_YEARS).fill(NaN);
  const kPos = sourceKPos();
  for (let zi = 0; zi < zoneSeries.length; zi++) {
    const Z = zoneSeries[zi];
    const ks: number[] = [];
    const src: number[] = [];
    let W = 0;
    let Wn = 0;
    for (let k = 0; k < n; k++) {
      if (park.zone[k] !== zi || park.fill[k]) continue;
      W += park.area[k];
      if (Number.isNaN(plan.share[k])) {
        ks.push(k);
        Wn += park.area[k];
      } else src.push(k);
    }
    // Source candidates first; the ordinary pixels make up the rest of the zone mean.
    const Zn = Z.map((z) => z * W);
    for (const k of src) {
      for (let y = 0; y < N_YEARS; y++) {
        const v = sourceNep(plan.share[k], SOURCE_SHARE_PCT[y], kPos);
        nep[k * N_YEARS + y] = v;
        Zn[y] -= park.area[k] * v;
      }
    }
    for (let y = 0; y < N_YEARS; y++) Zn[y] /= Wn;
    const { mean: M, slope: S, resid: R, norm: RN } = decompose(Zn);
    const Q = complementBasis(R);
    const margin = Math.max(0.012 * M, 0.05);

    const s = new Float64Array(ks.length);
    const kap = new Float64Array(ks.length);
    const eps: Float64Array[] = [];
    ks.forEach((k, j) => {
      kap[j] = plan.kappa[k];
      const c = plan.dir.subarray(k * N_NOISE_DIMS, (k + 1) * N_NOISE_DIMS);
      const cn = Math.sqrt(c.reduce((q, x) => q + x * x, 0));
      const e = new Float64Array(N_YEARS);
      for (let d = 0; d < N_NOISE_DIMS; d++) for (let y = 0; y < N_YEARS; y++) e[y] += (c[d] / cn) * Q[d][y];
      eps.push(e);
      s[j] = (plan.t[k] * RN * Math.sqrt(1 + kap[j] ** 2)) / T_FACTOR;
    });
    const wa = ks.map((k) => (park.area[k] * plan.a[k]) / Wn);
    const series = (j: number, y: number) => M + s[j] * TAU[y] + R[y] + kap[j] * RN * eps[j][y];
    const minOf = (j: number) => {
      let m = Infinity;
      for (let y = 0; y < N_YEARS; y++) m = Math.min(m, series(j, y));
      return m;
    };
    // Scale the slopes to the zone's slope, then make every ordinary pixel a sink in every year.
    const fixed = new Uint8Array(ks.length);
    for (let iter = 0; iter < 6; iter++) {
      let tot = 0;
      let free = 0;
      ks.forEach((_, j) => {
        tot += wa[j] * s[j];
        if (!fixed[j]) free += wa[j];
      });
      const shift = (S - tot) / free;
      ks.forEach((_, j) => {
        if (!fixed[j]) s[j] += shift;
      });
      let changed = 0;
      ks.forEach((k, j) => {
        if (minOf(j) >= margin) return;
        changed++;
        fixed[j] = 1;
        if (kap[j] > 0) {
          const t = (s[j] * T_FACTOR) / (RN * Math.sqrt(1 + kap[j] ** 2));
          kap[j] = 0;
          s[j] = (t * RN) / T_FACTOR;
          if (minOf(j) >= margin) return;
        }
        // Pull the slope towards the zone's until the pixel stays positive.
        let lo = 0;
        let hi = 1;
        const s0 = s[j];
        for (let b = 0; b < 40; b++) {
          const f = (lo + hi) / 2;
          s[j] = S + (s0 - S) * f;
          if (minOf(j) >= margin) lo = f;
          else hi = f;
        }
        s[j] = S + (s0 - S) * lo;
        void k;
      });
      if (!changed && Math.abs(shift) < 1e-12) break;
    }
    // Exact zone mean: add the (small) leftover to every ordinary pixel.
    const delta = new Float64Array(N_YEARS);
    for (let y = 0; y < N_YEARS; y++) {
      let m = 0;
      ks.forEach((_, j) => (m += wa[j] * series(j, y)));
      delta[y] = Zn[y] - m;
    }
    ks.forEach((k, j) => {
      for (let y = 0; y < N_YEARS; y++) nep[k * N_YEARS + y] = plan.a[k] * (series(j, y) + delta[y]);
    });
    const dn = Math.sqrt(delta.reduce((q, x) => q + x * x, 0));
    const nFixed = fixed.reduce((q, x) => q + x, 0);
    console.error(
      `  ${ZONE_TARGETS[zi].id}: ${ks.length} ordinary + ${src.length} source px, |R| ${RN.toFixed(2)}, ` +
        `zone t ${((S * T_FACTOR) / RN).toFixed(2)}, |δ| ${dn.toFixed(3)}, clamped ${nFixed}`,
    );
  }
  return nep;
}
