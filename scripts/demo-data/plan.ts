/**
 * The per-pixel plan of the NEP field, before any series is planted:
 * - `a`: the pixel's level relative to its zone (south-east high, north-west low, lower at high
 *   elevation, with texture), area-weighted mean 1 over the zone's ordinary pixels;
 * - `t`: the trend t-statistic the pixel is given (its trend class; decreasing classes as small
 *   patches on the highest ground);
 * - `kappa`: the size of its own interannual noise relative to the zone's residual;
 * - source candidates: degraded patches in the Qinghai Lake subzone, each with a threshold
 *   `share` (percent of the park's area): the pixel is a carbon source in the years whose
 *   planned source share exceeds it.
 */
import { makeRng, SEED } from './prng';
import { smoothNoise } from './fields';
import { HEIGHT, WIDTH } from './grid';
import { gather, type Park } from './park';
import { T_01, T_05, ZONE_TARGETS, SOURCE_SHARE_PCT } from './targets';

export const N_NOISE_DIMS = 20;
export const LAKE_ZONE = 4; // III-1-3

export interface Plan {
  a: Float64Array;
  t: Float64Array;
  kappa: Float64Array;
  /** N_NOISE_DIMS coefficients per pixel (smooth in space), for the direction of its own noise. */
  dir: Float32Array;
  /** Source-candidate threshold in percent of the park's area; NaN for ordinary pixels. */
  share: Float64Array;
}

const wmeanStd = (vals: number[], w: number[]): [number, number] => {
  let sw = 0;
  let s = 0;
  for (let i = 0; i < vals.length; i++) {
    sw += w[i];
    s += w[i] * vals[i];
  }
  const m = s / sw;
  let v = 0;
  for (let i = 0; i < vals.length; i++) v += w[i] * (vals[i] - m) ** 2;
  return [m, Math.sqrt(v / sw) || 1];
};

/** Orders pixels by score and hands out classes by cumulative area share. */
function byShare(ks: number[], score: (k: number) => number, area: Float64Array): { k: number; q: number }[] {
  const sorted = [...ks].sort((x, y) => score(x) - score(y) || x - y);
  let tot = 0;
  for (const k of sorted) tot += area[k];
  let cum = 0;
  return sorted.map((k) => {
    const q = (cum + area[k] / 2) / tot;
    cum += area[k];
    return { k, q };
  });
}

const lerp = (lo: number, hi: number, f: number) => lo + (hi - lo) * Math.min(1, Math.max(0, f));

export function makePlan(park: Park): Plan {
  const n = park.idx.length;
  const rng = makeRng(SEED, 21);
  const broad = gather(park, smoothNoise(rng, WIDTH, HEIGHT, 18));
  const fine = gather(park, smoothNoise(rng, WIDTH, HEIGHT, 3));
  const trendField = gather(park, smoothNoise(rng, WIDTH, HEIGHT, 9));
  const patch = gather(park, smoothNoise(rng, WIDTH, HEIGHT, 4));
  const noiseAmp = gather(park, smoothNoise(rng, WIDTH, HEIGHT, 12));
  const srcNoise = gather(park, smoothNoise(rng, WIDTH, HEIGHT, 2));
  const dir = new Float32Array(n * N_NOISE_DIMS);
  for (let d = 0; d < N_NOISE_DIMS; d++) {
    const f = gather(park, smoothNoise(rng, WIDTH, HEIGHT, 10));
    for (let k = 0; k < n; k++) dir[k * N_NOISE_DIMS + d] = f[k];
  }

  const plan: Plan = {
    a: new Float64Array(n),
    t: new Float64Array(n).fill(NaN),
    kappa: new Float64Array(n),
    dir,
    share: new Float64Array(n).fill(NaN),
  };

  // Source candidates: patches around a few centres in the Qinghai Lake subzone.
  const centres = [
    [0.4, -0.82],
    [0.52, -0.76],
    [0.63, -0.86],
    [0.74, -0.8],
  ];
  const lake: number[] = [];
  for (let k = 0; k < n; k++) if (park.zone[k] === LAKE_ZONE && !park.fill[k]) lake.push(k);
  const dist = (k: number) => {
    let best = Infinity;
    for (const [cu, cv] of centres) best = Math.min(best, Math.hypot((park.u[k] - cu) * 766, (park.v[k] - cv) * 35));
    return best + 2.5 * srcNoise[k];
  };
  const maxShare = Math.max(...SOURCE_SHARE_PCT);
  const want = (0.5 * park.validArea) / 100; // candidates up to 0.5 % of the park
  let cum = 0;
  for (const k of [...lake].sort((x, y) => dist(x) - dist(y) || x - y)) {
    if (cum >= want) break;
    plan.share[k] = ((cum + park.area[k] / 2) / park.validArea) * 100;
    cum += park.area[k];
  }
  if (cum / park.validArea * 100 < maxShare + 0.02) throw new Error('not enough source candidates');

  ZONE_TARGETS.forEach((zt, zi) => {
    const ks: number[] = [];
    for (let k = 0; k < n; k++) if (park.zone[k] === zi && !park.fill[k] && Number.isNaN(plan.share[k])) ks.push(k);
    const w = ks.map((k) => park.area[k]);
    const [um, us] = wmeanStd(ks.map((k) => park.u[k]), w);
    const [em, es] = wmeanStd(ks.map((k) => park.elev[k]), w);
    const [sm, ss] = wmeanStd(ks.map((k) => park.elevSmooth[k]), w);
    // Level: higher to the south-east (u), lower on high ground, broad and fine texture.
    let sa = 0;
    let sw = 0;
    for (const k of ks) {
      const g = 0.28 * ((park.u[k] - um) / us) - 0.12 * ((park.elevSmooth[k] - sm) / ss) + 0.14 * broad[k] + 0.04 * fine[k];
      plan.a[k] = Math.exp(Math.max(-0.9, Math.min(0.6, g)));
      sa += park.area[k] * plan.a[k];
      sw += park.area[k];
    }
    for (const k of ks) plan.a[k] *= sw / sa;

    // Decreasing classes: patches on the highest ground.
    const c = zt.classes;
    const negShare = c.neg3 + c.neg2 + c.neg1;
    const neg = new Set<number>();
    if (negShare > 0) {
      const ranked = byShare(ks, (k) => -((park.elev[k] - em) / es + 0.9 * patch[k]), park.area);
      for (const { k, q } of ranked) {
        if (q >= negShare) break;
        neg.add(k);
        if (q < c.neg3) plan.t[k] = lerp(-6, -3.05, q / c.neg3);
        else if (q < c.neg3 + c.neg2) plan.t[k] = lerp(-2.72, -2.18, (q - c.neg3) / c.neg2);
        else plan.t[k] = lerp(-1.95, -0.25, (q - c.neg3 - c.neg2) / c.neg1);
      }
    }
    // Increasing classes, by a smooth field (so classes come in patches).
    const pos = ks.filter((k) => !neg.has(k));
    const p1 = c.pos1 / (1 - negShare);
    const p2 = c.pos2 / (1 - negShare);
    for (const { k, q } of byShare(pos, (k) => trendField[k], park.area)) {
      if (q < p1) plan.t[k] = lerp(0.45, 1.97, q / p1);
      else if (q < p1 + p2) plan.t[k] = lerp(2.17, 2.74, (q - p1) / p2);
      else plan.t[k] = lerp(zt.t3[0], zt.t3[1], ((q - p1 - p2) / (1 - p1 - p2)) ** 1.3);
    }
    for (const k of ks) plan.kappa[k] = zt.noise * (0.35 + 0.65 / (1 + Math.exp(-1.5 * noiseAmp[k])));
  });
  void T_01;
  void T_05;
  return plan;
}
