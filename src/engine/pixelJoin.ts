/**
 * The included pixels of every block (PixelPart, in block order) joined into one PixelMaps.
 *
 * The per-pixel values (index, zone, mean, slope, p, class, rho) are copied in as parts come, into
 * arrays made for `capacity` pixels: when the count is known before the run (the mean pass counted
 * the included pixels), that is done while the workers compute. A wrong capacity costs only
 * copies: the arrays grow as needed, and are cut to the count at the end.
 *
 * The year-major series (NEP, NPP, Rh, each climate variable: seven times 23 values a pixel, ~170 MB
 * for the demo park) are joined only when first read: the parts are kept, and each series is a
 * getter that joins its parts once. Until a layer of NPP, Rh or a climate variable is shown (or a
 * year of NEP, or a pixel picked), its series costs no copy: joining them all took the page's
 * thread a few hundred milliseconds at the end of every analysis. Ask hasSeries whether a series
 * is there without joining it.
 */
import type { ClimateVar } from '../core/summary';
import type { PixelPart } from './blockCompute';
import type { DatasetPlan } from './plan';
import type { PixelMaps } from './types';

type Flat = Uint32Array | Int16Array | Float32Array | Int8Array;
type Flats = Pick<PixelMaps, 'index' | 'zone' | 'mean' | 'slope' | 'p' | 'cls' | 'rho'>;
type SeriesKey = 'nep' | 'npp' | 'rh';

/**
 * Whether `maps` (PixelMaps, or its `climate`) holds the series `key`, without joining it (see
 * the module comment): `maps.npp !== null` would join it.
 */
export function hasSeries(maps: object, key: string): boolean {
  const d = Object.getOwnPropertyDescriptor(maps, key);
  return !!d && (d.get !== undefined || d.value != null);
}

export class PixelJoin {
  private cap: number;
  private n = 0;
  private flats: Flats | null = null;
  /** Each part's pixel count and its series, in block order. */
  private readonly counts: number[] = [];
  private series: { nep: Float32Array[]; npp: Float32Array[] | null; rh: Float32Array[] | null; climate: Partial<Record<ClimateVar, Float32Array[]>> } | null = null;

  constructor(
    private readonly plan: Pick<DatasetPlan, 'grid' | 'years'>,
    capacity: number,
  ) {
    this.cap = Math.max(0, capacity);
  }

  /** Appends one part (the next in block order). */
  add(part: PixelPart): void {
    const m = part.index.length;
    if (!this.flats) {
      this.flats = this.alloc(part.rho, this.cap);
      this.series = {
        nep: [],
        npp: part.npp ? [] : null,
        rh: part.rh ? [] : null,
        climate: Object.fromEntries(Object.keys(part.climate).map((v) => [v, []])),
      };
    }
    if (this.n + m > this.cap) this.resize(Math.max(this.n + m, Math.ceil(this.cap * 1.5)));
    copyFlats(this.flats!, part, this.n, m);
    const s = this.series!;
    s.nep.push(part.nep);
    s.npp?.push(part.npp!);
    s.rh?.push(part.rh!);
    for (const v of Object.keys(s.climate) as ClimateVar[]) s.climate[v]!.push(part.climate[v]!);
    this.counts.push(m);
    this.n += m;
  }

  /** The joined pixels (exactly as many as were added); the series join when first read. */
  finish(): PixelMaps {
    if (this.n !== this.cap || !this.flats) this.resize(this.n);
    const n = this.n;
    const Y = this.plan.years.length;
    const counts = this.counts;
    const lazy = (parts: Float32Array[]) => {
      let joined: Float32Array | null = null;
      return () => (joined ??= joinSeries(parts, counts, Y, n));
    };
    const s = this.series ?? { nep: [], npp: null, rh: null, climate: {} };
    const maps = { grid: this.plan.grid, years: this.plan.years, ...this.flats! } as PixelMaps;
    const define = (o: object, key: string, parts: Float32Array[] | null) =>
      Object.defineProperty(o, key, parts ? { get: lazy(parts), enumerable: true } : { value: null, enumerable: true, writable: true });
    for (const key of ['nep', 'npp', 'rh'] as SeriesKey[]) define(maps, key, s[key]);
    const climate = {} as PixelMaps['climate'];
    for (const [v, parts] of Object.entries(s.climate)) define(climate, v, parts!);
    maps.climate = climate;
    return maps;
  }

  /** Per-pixel arrays for `cap` pixels, with the rho layers `rho` has. */
  private alloc(rho: Partial<Record<ClimateVar, unknown>>, cap: number): Flats {
    const f32 = () => new Float32Array(cap);
    return {
      index: new Uint32Array(cap),
      zone: new Int16Array(cap),
      mean: f32(),
      slope: f32(),
      p: f32(),
      cls: new Int8Array(cap),
      rho: Object.fromEntries(Object.keys(rho).map((v) => [v, f32()])) as Flats['rho'],
    };
  }

  /** The same pixels in arrays for `cap` (≥ the count so far). */
  private resize(cap: number): void {
    const old = this.flats;
    const fresh = this.alloc(old?.rho ?? {}, cap);
    if (old) copyFlats(fresh, old, 0, this.n);
    this.flats = fresh;
    this.cap = cap;
  }
}

/** The first `n` values of each per-pixel array of `from` into `to`, from `at`. */
function copyFlats(to: Flats, from: Flats, at: number, n: number): void {
  const put = (a: Flat, b: Flat) => a.set(b.subarray(0, n) as never, at);
  put(to.index, from.index);
  put(to.zone, from.zone);
  put(to.mean, from.mean);
  put(to.slope, from.slope);
  put(to.p, from.p);
  put(to.cls, from.cls);
  for (const v of Object.keys(to.rho) as ClimateVar[]) put(to.rho[v]!, from.rho[v]!);
}

/** Year-major parts (year i of part pixel k at [i·m + k]) joined year-major over all n pixels. */
function joinSeries(parts: Float32Array[], counts: number[], Y: number, n: number): Float32Array {
  const out = new Float32Array(Y * n);
  let o = 0;
  parts.forEach((a, j) => {
    const m = counts[j];
    for (let i = 0; i < Y; i++) out.set(a.subarray(i * m, (i + 1) * m), i * n + o);
    o += m;
  });
  return out;
}
