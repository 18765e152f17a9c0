/**
 * Annual climate rasters: temperature (°C), precipitation (mm), relative humidity (%) and sunshine
 * duration (h). Each is a smooth base field (elevation lapse, west–east gradient, drier and warmer
 * Hexi and Qaidam edges, wetter and colder east, as the CRU table in shared/data/real/qilian-cru
 * shows) plus yearly anomalies blended smoothly between the subzones. The zones' yearly means
 * are chosen first (a regional signal, a warming trend, zone-level departures) and searched so
 * that their Spearman rho with the zones' NEP series, and the park's, are the study's Table 2;
 * the anomaly fields are then solved to give exactly those zone means.
 */
import { makeRng, SEED, type Rng } from './prng';
import { boxBlur, smoothNoise } from './fields';
import { HEIGHT, WIDTH } from './grid';
import { gather, type Park } from './park';
import { N_YEARS, TAU } from './series';
import { CLIMATE_KEYS, PARK_RHO, ZONE_TARGETS, type ClimateKey } from './targets';
import { ranks, spearman } from './stats';

/**
 * Climate is gridded at 16 × 16 analysis pixels (0.072°, ≈ 7 km, the scale of reanalysis and
 * station-interpolated climate grids such as ERA5-Land) and delivered on the analysis grid as
 * Int16 with a scale (value = stored × scale, as the manifest says; this keeps the files small).
 * Old note: values were snapped to multiples of these (exact in Float32; they compress well). */
export const SCALE: Record<ClimateKey, number> = { temperature: 0.01, precipitation: 0.1, humidity: 0.01, sunshine: 0.2 };
/** Int16 nodata of the climate files. */
export const CLIMATE_NODATA = -32768;

export const CLIMATE_BLOCK = 16;

/** Mean of a per-park-pixel field over each CLIMATE_BLOCK × CLIMATE_BLOCK block of the grid. */
export function blockAverage(park: Park, field: Float64Array): Float64Array {
  const bw = Math.ceil(WIDTH / CLIMATE_BLOCK);
  const blockOf = (g: number) => Math.floor(Math.floor(g / WIDTH) / CLIMATE_BLOCK) * bw + Math.floor((g % WIDTH) / CLIMATE_BLOCK);
  const sum = new Map<number, [number, number]>();
  for (let k = 0; k < park.idx.length; k++) {
    const b = blockOf(park.idx[k]);
    const s = sum.get(b) ?? [0, 0];
    s[0] += field[k];
    s[1] += 1;
    sum.set(b, s);
  }
  const out = new Float64Array(field.length);
  for (let k = 0; k < park.idx.length; k++) {
    const s = sum.get(blockOf(park.idx[k]))!;
    out[k] = s[0] / s[1];
  }
  return out;
}

/** Base (long-term mean) fields at the park's pixels, gridded at CLIMATE_BLOCK. */
export function baseFields(park: Park): Record<ClimateKey, Float64Array> {
  const rng = makeRng(SEED, 31);
  const n = park.idx.length;
  const noise = CLIMATE_KEYS.map(() => gather(park, smoothNoise(rng, WIDTH, HEIGHT, 25)));
  const out = Object.fromEntries(CLIMATE_KEYS.map((k) => [k, new Float64Array(n)])) as Record<ClimateKey, Float64Array>;
  for (let k = 0; k < n; k++) {
    const u = park.u[k];
    const v = Math.max(-1.05, Math.min(1.05, park.v[k]));
    const dz = park.elevSmooth[k] - 3900;
    const hexi = Math.max(0, v - 0.6) / 0.4; // 0…1 towards the northern (Hexi) edge
    const qaidam = Math.max(0, -v - 0.6) / 0.4 * Math.max(0, 1 - u / 0.45); // south-west edge
    out.temperature[k] = -0.3 - 2.0 * (u - 0.5) - 0.0048 * dz + 0.6 * hexi + 0.5 * qaidam + 0.35 * noise[0][k];
    out.precipitation[k] = Math.max(
      45,
      (105 + 360 * u ** 1.25) * (1 + 0.00022 * dz) * (1 - 0.28 * hexi - 0.3 * qaidam) * (1 + 0.06 * noise[1][k]),
    );
    out.humidity[k] = 34 + 24 * u + 0.003 * dz - 5 * hexi - 6 * qaidam + 1.2 * noise[2][k];
    out.sunshine[k] = 3200 - 620 * u - 0.04 * dz + 90 * hexi + 120 * qaidam + 25 * noise[3][k];
  }
  for (const key of CLIMATE_KEYS) out[key] = blockAverage(park, out[key]);
  return out;
}

/** Yearly anomaly scale per zone (in the variable's units) and the trend (in scale units per year). */
function scaleOf(key: ClimateKey, zoneBase: number): number {
  switch (key) {
    case 'temperature':
      return 0.42;
    case 'precipitation':
      return 0.14 * zoneBase;
    case 'humidity':
      return 2.4;
    case 'sunshine':
      return 65;
  }
}
const TREND: Record<ClimateKey, number> = { temperature: 0.07, precipitation: 0.045, humidity: 0.03, sunshine: -0.02 };
const MIN_GAP: Record<ClimateKey, number> = { temperature: 0.01, precipitation: 0.3, humidity: 0.02, sunshine: 0.5 };

/** Story constraints (rank 1 = lowest of 23) from the study's text. */
function storyPenalty(key: ClimateKey, zi: number, r: number[]): number {
  let p = 0;
  const y = (year: number) => r[year - 2000];
  // 2001: "poor hydrothermal conditions and low sunshine duration" in every subzone.
  if (key !== 'humidity' && y(2001) > 4) p += 1;
  // Maxima "due to abundant rainfall": 2019 in III-1-2 and II-3-3, 2018 in III-1-1 and III-2.
  if (key === 'precipitation' && (zi === 0 || zi === 1) && y(2019) < 21) p += 1;
  if (key === 'precipitation' && (zi === 2 || zi === 3) && y(2018) < 21) p += 1;
  // III-1-3's maximum in 2010 "with abundant sunshine".
  if (key === 'sunshine' && zi === 4 && y(2010) < 22) p += 1;
  return p;
}

function gapPenalty(x: number[], gap: number): number {
  const s = [...x].sort((a, b) => a - b);
  let p = 0;
  for (let i = 1; i < s.length; i++) if (s[i] - s[i - 1] < gap) p += 1;
  return p;
}

/**
 * Zone yearly means of one variable, searched (deterministically) so that Spearman's rho with
 * the zones' and the park's NEP series hits the study's values.
 */
export function zoneClimateSeries(
  key: ClimateKey,
  zoneBase: number[],
  zoneWeights: number[],
  zoneNep: number[][],
  parkNep: number[],
  rng: Rng,
): number[][] {
  const nz = zoneBase.length;
  const G = TAU.map(() => rng.normal());
  const zeta = zoneBase.map(() => TAU.map(() => rng.normal()));
  const scale = zoneBase.map((b) => scaleOf(key, b));
  const build = (): number[][] =>
    zoneBase.map((b, z) => TAU.map((t, y) => b + scale[z] * (0.8 * G[y] + 0.6 * zeta[z][y] + TREND[key] * t)));
  const objective = (C: number[][]): number => {
    let e = 0;
    const park = TAU.map((_, y) => C.reduce((s, c, z) => s + zoneWeights[z] * c[y], 0));
    for (let z = 0; z < nz; z++) {
      e += (spearman(zoneNep[z], C[z]) - ZONE_TARGETS[z].rho[key]) ** 2;
      e += 0.01 * storyPenalty(key, z, ranks(C[z]));
      e += 0.01 * gapPenalty(C[z], MIN_GAP[key]);
    }
    e += (spearman(parkNep, park) - PARK_RHO[key]) ** 2;
    e += 0.01 * gapPenalty(park, MIN_GAP[key]);
    return e;
  };
  // Simulated annealing over the regional signal and the zone departures.
  let cur = objective(build());
  let best = cur;
  let bestState = { G: [...G], zeta: zeta.map((z) => [...z]) };
  const iters = 300000;
  for (let it = 0; it < iters && best > 2e-6; it++) {
    const temp = 0.004 * (1 - it / iters) ** 3;
    const which = Math.floor(rng.next() * (nz + 1));
    const y = Math.floor(rng.next() * N_YEARS);
    const arr = which === nz ? G : zeta[which];
    const old = arr[y];
    arr[y] = old + 0.3 * rng.normal();
    // Keep departures of a sensible size.
    if (Math.abs(arr[y]) > 2.6) {
      arr[y] = old;
      continue;
    }
    const e = objective(build());
    if (e <= cur || (temp > 0 && rng.next() < Math.exp((cur - e) / temp))) {
      cur = e;
      if (e < best) {
        best = e;
        bestState = { G: [...G], zeta: zeta.map((z) => [...z]) };
      }
    } else arr[y] = old;
  }
  G.splice(0, N_YEARS, ...bestState.G);
  bestState.zeta.forEach((z, i) => zeta[i].splice(0, N_YEARS, ...z));
  if (best > 1e-4) throw new Error(`climate search for ${key} did not converge (objective ${best})`);
  return build();
}

/** Smooth zone-membership weights φ_k (sum 1 at every park pixel), for blending anomalies. */
export function zoneBlend(park: Park, nZones: number): Float64Array[] {
  const phis: Float64Array[] = [];
  for (let z = 0; z < nZones; z++) {
    const f = new Float64Array(WIDTH * HEIGHT);
    for (let k = 0; k < park.idx.length; k++) if (park.zone[k] === z) f[park.idx[k]] = 1;
    boxBlur(f, WIDTH, HEIGHT, 8);
    phis.push(blockAverage(park, gather(park, f)));
  }
  for (let k = 0; k < park.idx.length; k++) {
    let s = 0;
    for (const p of phis) s += p[k];
    for (const p of phis) p[k] /= s;
  }
  return phis;
}

function solve(M: number[][], b: number[]): number[] {
  const n = b.length;
  const A = M.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r;
    [A[c], A[p]] = [A[p], A[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let k = c; k <= n; k++) A[r][k] -= f * A[c][k];
    }
  }
  return A.map((row, i) => row[n] / row[i]);
}

/**
 * The yearly rasters of one variable at the park's pixels (k·N_YEARS + year), as stored Int16
 * (value = stored × SCALE), whose area-weighted zone means are the given series.
 */
export function climateFields(
  park: Park,
  key: ClimateKey,
  base: Float64Array,
  phis: Float64Array[],
  zoneSeries: number[][],
): Int16Array {
  const nz = phis.length;
  const n = park.idx.length;
  const W = new Array<number>(nz).fill(0);
  const B = new Array<number>(nz).fill(0);
  const M = Array.from({ length: nz }, () => new Array<number>(nz).fill(0));
  for (let k = 0; k < n; k++) {
    if (park.fill[k]) continue;
    const z = park.zone[k];
    const a = park.area[k];
    W[z] += a;
    B[z] += a * base[k];
    for (let j = 0; j < nz; j++) M[z][j] += a * phis[j][k];
  }
  for (let z = 0; z < nz; z++) {
    B[z] /= W[z];
    for (let j = 0; j < nz; j++) M[z][j] /= W[z];
  }
  const out = new Int16Array(n * N_YEARS);
  const scale = SCALE[key];
  for (let y = 0; y < N_YEARS; y++) {
    const A = solve(M, zoneSeries.map((s, z) => s[y] - B[z]));
    for (let k = 0; k < n; k++) {
      let v = base[k];
      for (let j = 0; j < nz; j++) v += phis[j][k] * A[j];
      if (key === 'precipitation') v = Math.max(20, v);
      const s = Math.round(v / scale);
      if (s <= CLIMATE_NODATA || s > 32767) throw new Error(`${key} ${v} does not fit Int16 × ${scale}`);
      out[k * N_YEARS + y] = s;
    }
  }
  return out;
}

/** Area-weighted means of the base field per zone (vegetated pixels). */
export function zoneMeans(park: Park, field: ArrayLike<number>, nz: number): number[] {
  const W = new Array<number>(nz).fill(0);
  const S = new Array<number>(nz).fill(0);
  for (let k = 0; k < park.idx.length; k++) {
    if (park.fill[k]) continue;
    W[park.zone[k]] += park.area[k];
    S[park.zone[k]] += park.area[k] * field[k];
  }
  return S.map((s, z) => s / W[z]);
}
