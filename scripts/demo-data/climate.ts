/**
 * Annual climate rasters: temperature (°C), precipitation (mm), relative humidity (%) and sunshine
 * duration (h). Each is a smooth base field (elevation lapse, west–east gradient, drier and warmer
 * Hexi and Qaidam edges, wetter and colder east, as the CRU table in shared/data/real/qilian-cru
 * shows) plus yearly anomalies blended smoothly between the subzones. The zones' yearly means
 * are chosen first (a regional signal, a warming trend, zone-level departures) and searched so
 * that their Spearman rho with the zones' NEP series, and the park's, are the study's Table 2;
 * the anomaly fields are then solved to give exactly those zone means. The fields live on the
 * coarse climate grid (grid.ts) and the zone means are those of their bilinear resampling to the
 * park's pixels, which is what the engine and GDAL read.
 */
import { makeRng, SEED, type Rng } from './prng';
import { boxBlur, smoothNoise } from './fields';
import { CLIMATE_BLOCK, CLIMATE_HEIGHT, CLIMATE_WIDTH, HEIGHT, WIDTH } from './grid';
import { gather, type Park } from './park';
import { N_YEARS, TAU } from './series';
import { CLIMATE_KEYS, PARK_RHO, ZONE_TARGETS, type ClimateKey } from './targets';
import { ranks, spearman } from './stats';

/**
 * Climate is delivered on its own coarse grid (grid.ts: 0.072° cells of 16 × 16 analysis pixels,
 * ≈ 7 km, the scale of reanalysis and station-interpolated climate grids such as ERA5-Land) as
 * Int16 with a scale (value = stored × scale, as the manifest says; this keeps the files small),
 * with no nodata: every cell has a value. Readers (the engine, GDAL) resample it bilinearly to
 * the analysis grid; the generator works with exactly those resampled values (`bilinear`).
 */
export const SCALE: Record<ClimateKey, number> = { temperature: 0.01, precipitation: 0.1, humidity: 0.01, sunshine: 0.2 };
/** Number of climate cells. */
export const CELLS = CLIMATE_WIDTH * CLIMATE_HEIGHT;

/** Climate cell holding analysis-grid index g. */
const cellOf = (g: number): number =>
  Math.floor(Math.floor(g / WIDTH) / CLIMATE_BLOCK) * CLIMATE_WIDTH + Math.floor((g % WIDTH) / CLIMATE_BLOCK);

/**
 * Per climate cell: the mean of a per-park-pixel field over the park pixels in the cell. Cells
 * without park pixels are filled outwards ring by ring, each taking the mean of its already
 * filled 8-neighbours: a smooth extension, so that every cell holds a sensible value.
 */
export function cellAverage(park: Park, field: Float64Array): Float64Array {
  const sum = new Float64Array(CELLS);
  const cnt = new Float64Array(CELLS);
  for (let k = 0; k < park.idx.length; k++) {
    const c = cellOf(park.idx[k]);
    sum[c] += field[k];
    cnt[c] += 1;
  }
  const out = new Float64Array(CELLS).fill(NaN);
  for (let c = 0; c < CELLS; c++) if (cnt[c]) out[c] = sum[c] / cnt[c];
  for (;;) {
    const next = Float64Array.from(out);
    let missing = 0;
    for (let r = 0; r < CLIMATE_HEIGHT; r++) {
      for (let c = 0; c < CLIMATE_WIDTH; c++) {
        if (!Number.isNaN(out[r * CLIMATE_WIDTH + c])) continue;
        let s = 0;
        let m = 0;
        for (let dr = -1; dr <= 1; dr++) {
          for (let dc = -1; dc <= 1; dc++) {
            const rr = r + dr;
            const cc = c + dc;
            if (rr < 0 || rr >= CLIMATE_HEIGHT || cc < 0 || cc >= CLIMATE_WIDTH) continue;
            const v = out[rr * CLIMATE_WIDTH + cc];
            if (!Number.isNaN(v)) (s += v, m++);
          }
        }
        if (m) next[r * CLIMATE_WIDTH + c] = s / m;
        else missing++;
      }
    }
    out.set(next);
    if (!missing) return out;
  }
}

/**
 * Bilinear interpolation from the climate grid to the park's pixel centres, as
 * `gdalwarp -r bilinear` (and the engine, src/io/resample.ts) does it for this aligned grid with
 * no nodata: analysis column c lies at source pixel coordinate px = (c + 0.5) / 16; it is
 * interpolated between cells floor(px − 0.5) and +1 with weight fx = (px − 0.5) − floor(px − 0.5)
 * on the second; the same for rows. A neighbour outside the climate raster is dropped by GDAL
 * and the remaining weights renormalized, which is the same as clamping to the edge cell.
 * Per park pixel k: cells cell[4k…4k+3] with weights w[4k…4k+3].
 */
export interface Bilinear {
  cell: Int32Array;
  w: Float64Array;
}

export function bilinearWeights(park: Park): Bilinear {
  const n = park.idx.length;
  const cell = new Int32Array(4 * n);
  const w = new Float64Array(4 * n);
  const axis = (i: number, size: number): [number, number, number] => {
    const t = (i + 0.5) / CLIMATE_BLOCK - 0.5;
    const i0 = Math.floor(t);
    const clamp = (j: number) => Math.min(size - 1, Math.max(0, j));
    return [clamp(i0), clamp(i0 + 1), t - i0];
  };
  for (let k = 0; k < n; k++) {
    const g = park.idx[k];
    const [x0, x1, fx] = axis(g % WIDTH, CLIMATE_WIDTH);
    const [y0, y1, fy] = axis(Math.floor(g / WIDTH), CLIMATE_HEIGHT);
    cell.set([y0 * CLIMATE_WIDTH + x0, y0 * CLIMATE_WIDTH + x1, y1 * CLIMATE_WIDTH + x0, y1 * CLIMATE_WIDTH + x1], 4 * k);
    w.set([(1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy], 4 * k);
  }
  return { cell, w };
}

/** The bilinear value at each park pixel of a climate-grid field (cells `offset…offset + CELLS`). */
export function bilinear(bw: Bilinear, cells: ArrayLike<number>, offset = 0): Float64Array {
  const n = bw.cell.length / 4;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let v = 0;
    for (let j = 4 * k; j < 4 * k + 4; j++) v += bw.w[j] * cells[offset + bw.cell[j]];
    out[k] = v;
  }
  return out;
}

/** Base (long-term mean) fields on the climate grid (cellAverage of the park pixels' values). */
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
  return Object.fromEntries(CLIMATE_KEYS.map((key) => [key, cellAverage(park, out[key])])) as Record<ClimateKey, Float64Array>;
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

/**
 * Smooth zone-membership weights φ_k on the climate grid (sum 1 in every cell, hence at every
 * pixel after bilinear interpolation), for blending anomalies.
 */
export function zoneBlend(park: Park, nZones: number): Float64Array[] {
  const phis: Float64Array[] = [];
  for (let z = 0; z < nZones; z++) {
    const f = new Float64Array(WIDTH * HEIGHT);
    for (let k = 0; k < park.idx.length; k++) if (park.zone[k] === z) f[park.idx[k]] = 1;
    boxBlur(f, WIDTH, HEIGHT, 8);
    phis.push(cellAverage(park, gather(park, f)));
  }
  for (let c = 0; c < CELLS; c++) {
    let s = 0;
    for (const p of phis) s += p[c];
    for (const p of phis) p[c] /= s;
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
 * The yearly rasters of one variable on the climate grid (year-major: y·CELLS + cell), as stored
 * Int16 (value = stored × SCALE), whose area-weighted zone means, after bilinear interpolation to
 * the park's pixels, are the given series (up to the Int16 rounding). A cell's value is
 * base + Σ_j φ_j·A_j; interpolation is linear, so the zone means are linear in the amplitudes A
 * with the matrix of the zones' means of the interpolated φ_j.
 */
export function climateFields(
  park: Park,
  bw: Bilinear,
  key: ClimateKey,
  base: Float64Array,
  phis: Float64Array[],
  zoneSeries: number[][],
): Int16Array {
  const nz = phis.length;
  const n = park.idx.length;
  const basePx = bilinear(bw, base);
  const phisPx = phis.map((p) => bilinear(bw, p));
  const W = new Array<number>(nz).fill(0);
  const B = new Array<number>(nz).fill(0);
  const M = Array.from({ length: nz }, () => new Array<number>(nz).fill(0));
  for (let k = 0; k < n; k++) {
    if (park.fill[k]) continue;
    const z = park.zone[k];
    const a = park.area[k];
    W[z] += a;
    B[z] += a * basePx[k];
    for (let j = 0; j < nz; j++) M[z][j] += a * phisPx[j][k];
  }
  for (let z = 0; z < nz; z++) {
    B[z] /= W[z];
    for (let j = 0; j < nz; j++) M[z][j] /= W[z];
  }
  const out = new Int16Array(CELLS * N_YEARS);
  const scale = SCALE[key];
  for (let y = 0; y < N_YEARS; y++) {
    const A = solve(M, zoneSeries.map((s, z) => s[y] - B[z]));
    for (let c = 0; c < CELLS; c++) {
      let v = base[c];
      for (let j = 0; j < nz; j++) v += phis[j][c] * A[j];
      if (key === 'precipitation') v = Math.max(20, v);
      const s = Math.round(v / scale);
      if (s < -32768 || s > 32767) throw new Error(`${key} ${v} does not fit Int16 × ${scale}`);
      out[y * CELLS + c] = s;
    }
  }
  return out;
}

/**
 * What a reader gets at each park pixel (k·N_YEARS + y) from the stored climate-grid values:
 * GDAL's bilinear of the stored values (float32, as GDAL's Float32 warp and the engine hold
 * them) × scale.
 */
export function readClimate(bw: Bilinear, stored: Int16Array, scale: number): Float64Array {
  const n = bw.cell.length / 4;
  const out = new Float64Array(n * N_YEARS);
  for (let y = 0; y < N_YEARS; y++) {
    const v = bilinear(bw, stored, y * CELLS);
    for (let k = 0; k < n; k++) out[k * N_YEARS + y] = Math.fround(v[k]) * scale;
  }
  return out;
}

/** Area-weighted means of a per-park-pixel field per zone (vegetated pixels). */
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
