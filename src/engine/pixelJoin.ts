/**
 * The included pixels of every block (PixelPart, in block order) joined into one PixelMaps.
 *
 * The per-pixel values (index, zone, mean, slope, p, class, rho: a few MB) are joined at once.
 * The year-major series (NEP, NPP, Rh, each climate variable: seven times 23 values a pixel,
 * ~170 MB for the demo park) are joined only when first read: the parts are kept, and each series
 * is a getter that joins its parts once. Until a layer of NPP, Rh or a climate variable is shown
 * (or a year of NEP, or a pixel picked), its series costs no copy: joining them all took the
 * page's thread a few hundred milliseconds at the end of every analysis. Ask hasSeries whether a
 * series is there without joining it.
 */
import type { ClimateVar } from '../core/summary';
import type { PixelPart } from './blockCompute';
import type { DerivedSeries, YearSeries } from './derivedSeries';
import type { DatasetPlan } from './plan';
import type { PixelMaps } from './types';
import type { MeanMap } from './run';

type Flat = Uint32Array | Int16Array | Float32Array | Int8Array;

/**
 * Whether `maps` (PixelMaps, or its `climate`) holds the series `key`, without joining it (see
 * the module comment): `maps.npp !== null` would join it.
 */
export function hasSeries(maps: object, key: string): boolean {
  const d = Object.getOwnPropertyDescriptor(maps, key);
  return !!d && (d.get !== undefined || d.value != null);
}

/** The parts joined; the series join when first read (see the module comment). */
export function joinPixels(plan: Pick<DatasetPlan, 'grid' | 'years'>, parts: readonly PixelPart[]): PixelMaps {
  const Y = plan.years.length;
  const counts = parts.map((p) => p.index.length);
  const n = counts.reduce((a, b) => a + b, 0);
  const first = parts[0];
  const flat = <T extends Flat>(pick: (p: PixelPart) => T, make: (n: number) => T): T => {
    const out = make(n);
    let o = 0;
    for (const p of parts) {
      const a = pick(p);
      out.set(a as never, o);
      o += a.length;
    }
    return out;
  };
  const f32 = (m: number) => new Float32Array(m);
  const rho = {} as PixelMaps['rho'];
  for (const v of Object.keys(first?.rho ?? {}) as ClimateVar[]) rho[v] = flat((p) => p.rho[v]!, f32);
  const maps = {
    grid: plan.grid,
    years: plan.years,
    index: flat((p) => p.index, (m) => new Uint32Array(m)),
    zone: flat((p) => p.zone, (m) => new Int16Array(m)),
    mean: flat((p) => p.mean, f32),
    slope: flat((p) => p.slope, f32),
    p: flat((p) => p.p, f32),
    cls: flat((p) => p.cls, (m) => new Int8Array(m)),
    rho,
  } as PixelMaps;
  /** A series as a getter joining `pick` of every part once, or null when the parts have none. */
  const define = (o: object, key: string, pick: ((p: PixelPart) => Float32Array | null) | null) => {
    // configurable: attachDerived may put a derived series in its place
    if (!pick || !first || !pick(first)) return Object.defineProperty(o, key, { value: key === 'nep' ? new Float32Array(0) : null, enumerable: true, writable: true, configurable: true });
    let joined: Float32Array | null = null;
    return Object.defineProperty(o, key, { get: () => (joined ??= joinSeries(parts.map((p) => pick(p)!), counts, Y, n)), enumerable: true, configurable: true });
  };
  define(maps, 'nep', (p) => p.nep);
  define(maps, 'npp', (p) => p.npp);
  define(maps, 'rh', (p) => p.rh);
  const climate = {} as PixelMaps['climate'];
  for (const v of Object.keys(first?.climate ?? {}) as ClimateVar[]) define(climate, v, (p) => p.climate[v] ?? null);
  maps.climate = climate;
  return maps;
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

/** Derived series (engine/derivedSeries.ts) by the object holding them (PixelMaps, or its climate) and key. */
const derivedBy = new WeakMap<object, Map<string, YearSeries>>();

/**
 * Puts series the workers did not send (BlockWants.series) into `maps`: `maps.rh` and
 * `maps.climate[v]` become getters of the whole series, worked out when first read; seriesYear
 * gives one year of them without working out the others.
 */
export function attachDerived(maps: PixelMaps, d: DerivedSeries): void {
  const put = (o: object, key: string, s: YearSeries) => {
    Object.defineProperty(o, key, { get: () => s.all(), enumerable: true, configurable: true });
    let m = derivedBy.get(o);
    if (!m) derivedBy.set(o, (m = new Map()));
    m.set(key, s);
  };
  if (d.rh) put(maps, 'rh', d.rh);
  for (const [v, s] of Object.entries(d.climate) as [ClimateVar, YearSeries][]) put(maps.climate, v, s);
}

/**
 * Year index i of the series `key` of `holder` (PixelMaps or its climate; n included pixels): of
 * a derived series, that year alone; otherwise a view into the whole series. null when absent.
 */
export function seriesYear(holder: object, key: string, i: number, n: number): Float32Array | null {
  const s = derivedBy.get(holder)?.get(key);
  if (s) return s.year(i);
  const whole = (holder as Record<string, Float32Array | null | undefined>)[key];
  return whole ? whole.subarray(i * n, (i + 1) * n) : null;
}

/** A first map's parts (blocks or sub-blocks, in order) as one MeanMap of `count` pixels; a single part as it is. */
export function joinMeans(parts: readonly MeanMap[], count: number): MeanMap {
  if (parts.length === 1) return parts[0];
  const out: MeanMap = { index: new Uint32Array(count), zone: new Int16Array(count), mean: new Float32Array(count) };
  let o = 0;
  for (const p of parts) {
    out.index.set(p.index, o);
    out.zone.set(p.zone, o);
    out.mean.set(p.mean, o);
    o += p.index.length;
  }
  return out;
}
