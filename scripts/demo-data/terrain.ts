/**
 * A synthetic elevation model over the band (metres) and the MOD17A3HGF fill classes it implies:
 * glaciers (snow/ice) on the highest crests, small lakes, permanent wetlands in the Qinghai Lake
 * subzone and barren ground on the dry Qaidam edge. Codes as MOD17A3HGF (SPEC §2):
 * 32761 unclassified, 32762 urban, 32763 permanent wetland, 32764 snow/ice, 32765 barren,
 * 32766 water, 32767 fill.
 */
import { makeRng, SEED } from './prng';
import { smoothNoise } from './fields';
import { HEIGHT, WIDTH } from './grid';

export const FILL = { wetland: 32763, snowIce: 32764, barren: 32765, water: 32766, fill: 32767 } as const;

export function elevation(u: Float64Array, v: Float64Array): Float64Array {
  const rng = makeRng(SEED, 11);
  const n1 = smoothNoise(rng, WIDTH, HEIGHT, 22);
  const n2 = smoothNoise(rng, WIDTH, HEIGHT, 5);
  const n3 = smoothNoise(rng, WIDTH, HEIGHT, 2);
  const z = new Float64Array(WIDTH * HEIGHT).fill(NaN);
  for (let i = 0; i < z.length; i++) {
    const uu = u[i];
    const vv = Math.max(-1.05, Math.min(1.05, v[i]));
    if (Number.isNaN(uu)) continue;
    const base = 4050 - 700 * uu;
    const crest = 950 * Math.exp(-(((vv - 0.22) / 0.3) ** 2)) * (1.1 - 0.35 * uu);
    const south = 650 * Math.exp(-(((vv + 0.5) / 0.25) ** 2));
    const north = vv > 0.55 ? -1300 * ((vv - 0.55) / 0.45) ** 1.5 : 0;
    const edgeS = vv < -0.8 ? -500 * ((-vv - 0.8) / 0.2) : 0;
    z[i] = base + crest + south + north + edgeS + 260 * n1[i] + 140 * n2[i] + 50 * n3[i];
  }
  return z;
}

interface Lake {
  u: number;
  v: number;
  ru: number;
  rv: number;
}
/** Small lakes (band coordinates, radii in u and v). */
const LAKES: Lake[] = [
  { u: 0.31, v: -0.1, ru: 0.012, rv: 0.16 }, // a Hala-Lake-like basin lake
  { u: 0.58, v: -0.75, ru: 0.004, rv: 0.07 },
  { u: 0.69, v: -0.6, ru: 0.003, rv: 0.05 },
  { u: 0.12, v: 0.05, ru: 0.003, rv: 0.06 },
];

/**
 * The fill code (0 = vegetated, valid NPP) of each pixel inside the park.
 * `zone` holds the zone index (−1 outside the park); zone indices as zoneDefs(): 0 III-1-2,
 * 1 II-3-3, 2 III-1-1, 3 III-2, 4 III-1-3.
 */
export function fillCodes(zone: Int8Array, u: Float64Array, v: Float64Array, z: Float64Array): Uint16Array {
  const rng = makeRng(SEED, 12);
  const patchy = smoothNoise(rng, WIDTH, HEIGHT, 3);
  const out = new Uint16Array(WIDTH * HEIGHT);
  // Glaciers: the highest ~2.6 % of the park.
  const zs: number[] = [];
  for (let i = 0; i < z.length; i++) if (zone[i] >= 0) zs.push(z[i] + 60 * patchy[i]);
  zs.sort((a, b) => a - b);
  const iceLine = zs[Math.floor(zs.length * 0.974)];
  for (let i = 0; i < z.length; i++) {
    if (zone[i] < 0) continue;
    if (z[i] + 60 * patchy[i] > iceLine) out[i] = FILL.snowIce;
    for (const L of LAKES) {
      if (((u[i] - L.u) / L.ru) ** 2 + ((v[i] - L.v) / L.rv) ** 2 < 1) out[i] = FILL.water;
    }
    if (out[i]) continue;
    // Barren: the driest, lowest ground on the Qaidam edge.
    if (zone[i] === 3 && v[i] < -0.75 && patchy[i] > 0.9) out[i] = FILL.barren;
    // Permanent wetlands: scattered in the Qinghai Lake subzone's valley floors.
    if (zone[i] === 4 && patchy[i] > 2.1) out[i] = FILL.wetland;
  }
  return out;
}
