/** The park's pixels: grid indices, zone, fill code, area and band coordinates, gathered once. */
import { centreline, zoneDefs, boundaryRing, toLonLatRing, type ZoneDef } from './geometry';
import { fillRing } from './rasterize';
import { boxBlur } from './fields';
import { HEIGHT, WIDTH, rowAreasKm2 } from './grid';
import { bandCoords } from './band';
import { elevation, fillCodes } from './terrain';

export interface Park {
  zones: ZoneDef[];
  zoneRings: [number, number][][];
  boundary: [number, number][];
  /** Grid index of each park pixel (centre inside the boundary), row-major. */
  idx: Int32Array;
  /** Per park pixel: zone index (zoneDefs order), fill code (0 = vegetated), area km², u, v, elevation m. */
  zone: Int8Array;
  fill: Uint16Array;
  area: Float64Array;
  u: Float64Array;
  v: Float64Array;
  elev: Float64Array;
  /** Elevation smoothed over ≈ 10 km, for the climate fields (gridded climate has no 500 m detail). */
  elevSmooth: Float64Array;
  /** Total vegetated (included) area, km². */
  validArea: number;
}

export function buildPark(): Park {
  const cl = centreline();
  const zones = zoneDefs();
  const zoneRings = zones.map((z) => toLonLatRing(cl, z.ring));
  const boundary = toLonLatRing(cl, boundaryRing());
  const zoneGrid = new Int8Array(WIDTH * HEIGHT).fill(-1);
  zoneRings.forEach((r, k) => fillRing(zoneGrid, r, k));
  const bnd = new Int8Array(WIDTH * HEIGHT).fill(-1);
  fillRing(bnd, boundary, 0);
  const { u, v } = bandCoords(cl, bnd);
  const z = elevation(u, v);
  const f = fillCodes(zoneGrid, u, v, z);
  const zs = new Float64Array(z.length);
  let zm = 0;
  let zc = 0;
  for (let i = 0; i < z.length; i++) if (!Number.isNaN(z[i])) (zm += z[i], zc++);
  zm /= zc;
  for (let i = 0; i < z.length; i++) zs[i] = Number.isNaN(z[i]) ? zm : z[i];
  boxBlur(zs, WIDTH, HEIGHT, 10);
  const rowArea = rowAreasKm2();
  const list: number[] = [];
  for (let i = 0; i < bnd.length; i++) {
    if (bnd[i] >= 0) {
      if (zoneGrid[i] < 0) throw new Error(`pixel ${i} is in the park but in no zone`);
      list.push(i);
    }
  }
  const n = list.length;
  const park: Park = {
    zones,
    zoneRings,
    boundary,
    idx: Int32Array.from(list),
    zone: new Int8Array(n),
    fill: new Uint16Array(n),
    area: new Float64Array(n),
    u: new Float64Array(n),
    v: new Float64Array(n),
    elev: new Float64Array(n),
    elevSmooth: new Float64Array(n),
    validArea: 0,
  };
  list.forEach((g, k) => {
    park.zone[k] = zoneGrid[g];
    park.fill[k] = f[g];
    park.area[k] = rowArea[Math.floor(g / WIDTH)];
    park.u[k] = u[g];
    park.v[k] = v[g];
    park.elev[k] = z[g];
    park.elevSmooth[k] = zs[g];
    if (!f[g]) park.validArea += park.area[k];
  });
  return park;
}

/** Gathers a full-grid field at the park's pixels. */
export function gather(park: Park, field: ArrayLike<number>): Float64Array {
  const out = new Float64Array(park.idx.length);
  for (let k = 0; k < out.length; k++) out[k] = field[park.idx[k]];
  return out;
}
