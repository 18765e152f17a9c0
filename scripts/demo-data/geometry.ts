/**
 * The park's outline and its five subzones, built in band coordinates (u along the range from
 * the north-west end, 0…1; v across it, −1 the southern edge, +1 the northern edge) and mapped
 * to lon/lat. The band follows the Qilian Mountains from about 94.8° E 39.5° N to 103° E 37° N,
 * between the Hexi Corridor (north) and the Qaidam Basin / Qinghai Lake basin (south), as
 * Natural Earth's outlines place them (shared/data/real/natural-earth/qilian-regions.geojson).
 */

/** Local plane: x = (lon − LON0)·cos(LAT0), y = lat − LAT0 (degrees of latitude). */
const LON0 = 98.9;
const LAT0 = 38.25;
const COS0 = Math.cos((LAT0 * Math.PI) / 180);
export const toLocal = (lon: number, lat: number): [number, number] => [(lon - LON0) * COS0, lat - LAT0];
export const toLonLat = (x: number, y: number): [number, number] => [x / COS0 + LON0, y + LAT0];

/** The range's crest line, north-west to south-east (lon, lat). */
const CONTROL: [number, number][] = [
  [94.8, 39.42],
  [95.8, 39.3],
  [96.9, 39.12],
  [98.0, 38.86],
  [99.2, 38.52],
  [100.3, 38.12],
  [101.3, 37.7],
  [102.2, 37.33],
  [103.0, 37.06],
];

/** Scale of the band's half-width (degrees of latitude); tuned so the park is ≈ 50,200 km². */
export const HALF_WIDTH = 0.3175;

const N_SAMPLES = 1200;

export interface Centreline {
  /** Sample i is at u = i / (N − 1). */
  x: Float64Array;
  y: Float64Array;
  /** Unit normal pointing north-east (towards v = +1). */
  nx: Float64Array;
  ny: Float64Array;
}

function catmullRom(p0: number, p1: number, p2: number, p3: number, t: number): number {
  const t2 = t * t;
  const t3 = t2 * t;
  return 0.5 * (2 * p1 + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2 + (-p0 + 3 * p1 - 3 * p2 + p3) * t3);
}

/** The crest line sampled evenly by arc length. */
export function centreline(): Centreline {
  const pts = CONTROL.map(([lon, lat]) => toLocal(lon, lat));
  const dense: [number, number][] = [];
  const seg = 400;
  for (let i = 0; i < pts.length - 1; i++) {
    const p0 = pts[Math.max(0, i - 1)];
    const p1 = pts[i];
    const p2 = pts[i + 1];
    const p3 = pts[Math.min(pts.length - 1, i + 2)];
    for (let k = 0; k < seg; k++) {
      const t = k / seg;
      dense.push([catmullRom(p0[0], p1[0], p2[0], p3[0], t), catmullRom(p0[1], p1[1], p2[1], p3[1], t)]);
    }
  }
  dense.push(pts[pts.length - 1]);
  const cum = [0];
  for (let i = 1; i < dense.length; i++) cum.push(cum[i - 1] + Math.hypot(dense[i][0] - dense[i - 1][0], dense[i][1] - dense[i - 1][1]));
  const L = cum[cum.length - 1];
  const x = new Float64Array(N_SAMPLES);
  const y = new Float64Array(N_SAMPLES);
  let j = 0;
  for (let i = 0; i < N_SAMPLES; i++) {
    const s = (i / (N_SAMPLES - 1)) * L;
    while (j < dense.length - 2 && cum[j + 1] < s) j++;
    const f = (s - cum[j]) / (cum[j + 1] - cum[j] || 1);
    x[i] = dense[j][0] + f * (dense[j + 1][0] - dense[j][0]);
    y[i] = dense[j][1] + f * (dense[j + 1][1] - dense[j][1]);
  }
  // Normals from a smoothed tangent.
  const nx = new Float64Array(N_SAMPLES);
  const ny = new Float64Array(N_SAMPLES);
  const K = 40;
  for (let i = 0; i < N_SAMPLES; i++) {
    const a = Math.max(0, i - K);
    const b = Math.min(N_SAMPLES - 1, i + K);
    const dx = x[b] - x[a];
    const dy = y[b] - y[a];
    const n = Math.hypot(dx, dy);
    nx[i] = -dy / n;
    ny[i] = dx / n;
  }
  return { x, y, nx, ny };
}

/** Half-widths of the northern and southern halves at u (degrees of latitude). */
export function halfWidths(u: number): [number, number] {
  const body = 0.72 + 0.5 * Math.sin(Math.PI * Math.min(1, u * 1.15)) ** 1.3;
  const cap = Math.sqrt(Math.min(1, u / 0.02)) * Math.sqrt(Math.min(1, (1 - u) / 0.02));
  const n = HALF_WIDTH * body * cap * (1 + 0.07 * Math.sin(2 * Math.PI * 6.3 * u + 0.7) + 0.04 * Math.sin(2 * Math.PI * 15.1 * u + 2.1));
  const s = HALF_WIDTH * body * cap * (1 + 0.08 * Math.sin(2 * Math.PI * 5.1 * u + 2.4) + 0.05 * Math.sin(2 * Math.PI * 12.7 * u + 0.3));
  return [n, s];
}

/** Band coordinates → local plane. */
export function bandPoint(cl: Centreline, u: number, v: number): [number, number] {
  const f = u * (N_SAMPLES - 1);
  const i = Math.min(N_SAMPLES - 2, Math.floor(f));
  const t = f - i;
  const cx = cl.x[i] + t * (cl.x[i + 1] - cl.x[i]);
  const cy = cl.y[i] + t * (cl.y[i + 1] - cl.y[i]);
  let nx = cl.nx[i] + t * (cl.nx[i + 1] - cl.nx[i]);
  let ny = cl.ny[i] + t * (cl.ny[i + 1] - cl.ny[i]);
  const nn = Math.hypot(nx, ny);
  nx /= nn;
  ny /= nn;
  const [hn, hs] = halfWidths(u);
  const d = v >= 0 ? v * hn : v * hs;
  return [cx + d * nx, cy + d * ny];
}

// ---- Zones in band coordinates -------------------------------------------------------------

/** West (III-1-1, III-2) | east boundary, along the Shule–Heihe divide near 98° E. */
export const U_WEST = 0.278;
/** East end of the Qinghai Lake subzone (III-1-3) along the southern edge. */
export const U_LAKE_END = 0.8;
/** II-3-3 (the Hexi Corridor edge) runs from here to the eastern end along the northern edge. */
export const U_HEXI_START = 0.278;

/** III-1-1 | III-2 divide in the west. */
export const vQaidam = (u: number): number => -0.25 + 0.08 * Math.sin(2 * Math.PI * 2.2 * u + 0.4);
/** III-1-2 | II-3-3 divide (the northern foothills). */
export const vHexi = (u: number): number => 0.85 + 0.04 * Math.sin(2 * Math.PI * 4.1 * u + 1.3);
/** III-1-3 | III-1-2 divide (the southern ranges above the Qinghai Lake basin). */
export const vLake = (u: number): number => -0.57 + 0.1 * Math.sin(2 * Math.PI * 3.3 * u + 2.0);
const vTop = (): number => 1;
const vBottom = (): number => -1;

const U_STEPS = 1500;
const V_STEPS = 40;

type UV = [number, number];

/** Points along v = f(u) from ua to ub (either direction), on the shared u grid. */
function alongU(ua: number, ub: number, f: (u: number) => number): UV[] {
  const lo = Math.min(ua, ub);
  const hi = Math.max(ua, ub);
  const us = [lo];
  for (let k = Math.floor(lo * U_STEPS) + 1; k / U_STEPS < hi; k++) if (k / U_STEPS > lo) us.push(k / U_STEPS);
  us.push(hi);
  const pts: UV[] = us.map((u) => [u, f(u)]);
  return ua <= ub ? pts : pts.reverse();
}

/** Points along u = const from va to vb, on the shared v grid (which includes 0). */
function alongV(u: number, va: number, vb: number): UV[] {
  const lo = Math.min(va, vb);
  const hi = Math.max(va, vb);
  const vs = [lo];
  for (let k = Math.floor(lo * V_STEPS / 2) + 1; k / (V_STEPS / 2) < hi; k++) if (k / (V_STEPS / 2) > lo) vs.push(k / (V_STEPS / 2));
  vs.push(hi);
  const pts: UV[] = vs.map((v) => [u, v]);
  return va <= vb ? pts : pts.reverse();
}

function ring(parts: UV[][]): UV[] {
  const out: UV[] = [];
  for (const p of parts) for (const q of p) out.push(q);
  return out;
}

export interface ZoneDef {
  id: string;
  name: string;
  nameZh: string;
  ring: UV[];
}

/** The five subzones in file order (the study's order of description). */
export function zoneDefs(): ZoneDef[] {
  const u0 = U_WEST;
  const u2 = U_LAKE_END;
  const uh = U_HEXI_START;
  return [
    {
      id: 'III-1-2',
      name: 'Eastern Qilian Mountains Spruce Forest–Alpine Meadow Ecological Subzone',
      nameZh: '祁连山东部云杉林-高寒草甸生态亚区',
      ring: ring([
        alongU(u0, u2, vLake),
        alongV(u2, vLake(u2), -1),
        alongU(u2, 1, vBottom),
        alongV(1, -1, vHexi(1)),
        alongU(1, uh, vHexi),
        alongV(u0, vHexi(u0), vLake(u0)),
      ]),
    },
    {
      id: 'II-3-3',
      name: 'Hexi Corridor Arid Desert–Oasis Agricultural Ecological Subzone',
      nameZh: '河西走廊干旱荒漠-绿洲农业生态亚区',
      ring: ring([alongU(uh, 1, vHexi), alongV(1, vHexi(1), 1), alongU(1, uh, vTop), alongV(uh, 1, vHexi(uh))]),
    },
    {
      id: 'III-1-1',
      name: 'Western Qilian Mountains Alpine Desert Steppe Ecological Subzone',
      nameZh: '祁连山西部高寒荒漠草原生态亚区',
      ring: ring([alongU(0, u0, vQaidam), alongV(u0, vQaidam(u0), 1), alongU(u0, 0, vTop), alongV(0, 1, vQaidam(0))]),
    },
    {
      id: 'III-2',
      name: 'Qaidam Basin Desert Ecological Region',
      nameZh: '柴达木盆地荒漠生态区',
      ring: ring([alongU(0, u0, vBottom), alongV(u0, -1, vQaidam(u0)), alongU(u0, 0, vQaidam), alongV(0, vQaidam(0), -1)]),
    },
    {
      id: 'III-1-3',
      name: 'Qinghai Lake Wetland and Upstream Alpine Meadow Ecological Subzone',
      nameZh: '青海湖湿地及上游高寒草甸生态亚区',
      ring: ring([alongU(u0, u2, vBottom), alongV(u2, -1, vLake(u2)), alongU(u2, u0, vLake), alongV(u0, vLake(u0), -1)]),
    },
  ];
}

/** The park's outline: the whole band. */
export function boundaryRing(): UV[] {
  return ring([alongU(0, 1, vBottom), alongV(1, -1, 1), alongU(1, 0, vTop), alongV(0, 1, -1)]);
}

/** A band-coordinate ring → a closed, counter-clockwise lon/lat ring (RFC 7946), 6 decimals. */
export function toLonLatRing(cl: Centreline, uv: UV[]): [number, number][] {
  const out: [number, number][] = [];
  for (const [u, v] of uv) {
    const [x, y] = bandPoint(cl, u, v);
    const [lon, lat] = toLonLat(x, y);
    const p: [number, number] = [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  if (out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  let a = 0;
  for (let i = 0; i < out.length; i++) {
    const [x1, y1] = out[i];
    const [x2, y2] = out[(i + 1) % out.length];
    a += x1 * y2 - x2 * y1;
  }
  if (a < 0) out.reverse();
  out.push([out[0][0], out[0][1]]);
  return out;
}
