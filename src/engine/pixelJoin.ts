/**
 * The included pixels of every block (PixelPart, in block order) joined into one PixelMaps. Parts
 * are copied in as they come, into arrays made for `capacity` pixels: when the count is known
 * before the run (the mean pass counted the included pixels), the join is then done while the
 * workers compute, not after the last block, when the page is waiting for it. A wrong capacity
 * costs only copies: the arrays grow as needed, and are cut to the count at the end.
 */
import type { ClimateVar } from '../core/summary';
import type { PixelPart } from './blockCompute';
import type { DatasetPlan } from './plan';
import type { PixelMaps } from './types';

type Flat = Uint32Array | Int16Array | Float32Array | Int8Array;
type Maps = Omit<PixelMaps, 'grid' | 'years'>;

export class PixelJoin {
  private cap: number;
  private n = 0;
  private maps: Maps | null = null;

  constructor(
    private readonly plan: Pick<DatasetPlan, 'grid' | 'years'>,
    capacity: number,
  ) {
    this.cap = Math.max(0, capacity);
  }

  /** Appends one part (the next in block order). */
  add(part: PixelPart): void {
    const m = part.index.length;
    this.maps ??= this.alloc(part, this.cap);
    if (this.n + m > this.cap) this.resize(Math.max(this.n + m, Math.ceil(this.cap * 1.5)));
    const maps = this.maps;
    const o = this.n;
    const Y = this.plan.years.length;
    const flat = (to: Flat, from: Flat) => to.set(from as never, o);
    const series = (to: Float32Array, from: Float32Array) => {
      for (let i = 0; i < Y; i++) to.set(from.subarray(i * m, (i + 1) * m), i * this.cap + o);
    };
    flat(maps.index, part.index);
    flat(maps.zone, part.zone);
    flat(maps.mean, part.mean);
    flat(maps.slope, part.slope);
    flat(maps.p, part.p);
    flat(maps.cls, part.cls);
    for (const v of Object.keys(maps.rho) as ClimateVar[]) flat(maps.rho[v]!, part.rho[v]!);
    series(maps.nep, part.nep);
    if (maps.npp) series(maps.npp, part.npp!);
    if (maps.rh) series(maps.rh, part.rh!);
    for (const v of Object.keys(maps.climate) as ClimateVar[]) series(maps.climate[v]!, part.climate[v]!);
    this.n += m;
  }

  /** The joined pixels (exactly as many as were added). */
  finish(): PixelMaps {
    if (this.n !== this.cap || !this.maps) this.resize(this.n);
    return { grid: this.plan.grid, years: this.plan.years, ...this.maps! };
  }

  /** Arrays for `cap` pixels, with the layers `like` has. */
  private alloc(like: PixelPart | Maps, cap: number): Maps {
    const Y = this.plan.years.length;
    const f32 = () => new Float32Array(cap);
    const per = <T>(o: Partial<Record<ClimateVar, T>>, make: () => Float32Array) =>
      Object.fromEntries(Object.keys(o).map((v) => [v, make()])) as Partial<Record<ClimateVar, Float32Array>>;
    return {
      index: new Uint32Array(cap),
      zone: new Int16Array(cap),
      mean: f32(),
      slope: f32(),
      p: f32(),
      cls: new Int8Array(cap),
      rho: per(like.rho, f32),
      nep: new Float32Array(Y * cap),
      npp: like.npp ? new Float32Array(Y * cap) : null,
      rh: like.rh ? new Float32Array(Y * cap) : null,
      climate: per(like.climate, () => new Float32Array(Y * cap)),
    };
  }

  /** The same pixels in arrays for `cap` (≥ the count so far). */
  private resize(cap: number): void {
    const old = this.maps;
    const oldCap = this.cap;
    const n = this.n;
    const Y = this.plan.years.length;
    const fresh = old ? this.alloc(old, cap) : this.alloc({ rho: {}, climate: {}, npp: null, rh: null } as unknown as Maps, cap);
    if (old) {
      const flat = (to: Flat, from: Flat) => to.set(from.subarray(0, n) as never, 0);
      const series = (to: Float32Array, from: Float32Array) => {
        for (let i = 0; i < Y; i++) to.set(from.subarray(i * oldCap, i * oldCap + n), i * cap);
      };
      flat(fresh.index, old.index);
      flat(fresh.zone, old.zone);
      flat(fresh.mean, old.mean);
      flat(fresh.slope, old.slope);
      flat(fresh.p, old.p);
      flat(fresh.cls, old.cls);
      for (const v of Object.keys(old.rho) as ClimateVar[]) flat(fresh.rho[v]!, old.rho[v]!);
      series(fresh.nep, old.nep);
      if (old.npp) series(fresh.npp!, old.npp);
      if (old.rh) series(fresh.rh!, old.rh);
      for (const v of Object.keys(old.climate) as ClimateVar[]) series(fresh.climate[v]!, old.climate[v]!);
    }
    this.maps = fresh;
    this.cap = cap;
  }
}
