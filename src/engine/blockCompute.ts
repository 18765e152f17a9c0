/**
 * One block of rows, computed in a worker: read every year's rows, NEP, per-pixel trends, the
 * zonal sums, and the outputs the caller wants. Memory is bounded by the block, not the raster.
 */
import { computeRhNep, createPixelScratch, pixelStats, type PixelScratch } from '../core/block';
import { accumulateBlock, createZonalSums, type ZonalSums } from '../core/zonal';
import { cellAreasByRow } from '../core/pixelArea';
import type { ClimateVar } from '../core/summary';
import { openRaster, type RasterSource } from '../io/raster';
import { resampleSource } from '../io/resample';
import { applyLayer } from '../io/layer';
import { rasterizeMask, rasterizeZones } from '../io/rasterize';
import { DatasetError } from '../io/errors';
import type { BlockWants, DatasetPlan, LayerPlan } from './plan';

export interface BlockResult {
  block: number;
  y0: number;
  y1: number;
  sums: ZonalSums;
  /** Full rows (width × rows): only when wants.rows. */
  rows: { mean: Float32Array; slope: Float32Array; p: Float32Array; cls: Int8Array } | null;
  /** Included pixels of the block: only when wants.pixels. */
  pixels: {
    index: Uint32Array;
    zone: Int16Array;
    mean: Float32Array;
    slope: Float32Array;
    p: Float32Array;
    cls: Int8Array;
    rho: Partial<Record<ClimateVar, Float32Array>>;
    /** Year-major, compacted: year i of included pixel k at [i * count + k]. */
    nep: Float32Array;
    npp: Float32Array | null;
    rh: Float32Array | null;
    climate: Partial<Record<ClimateVar, Float32Array>>;
  } | null;
  /** Pixels in the block, and how many are included. */
  total: number;
  included: number;
}

/** Per-worker state: the plan, open files, scratch buffers. */
export class BlockComputer {
  private readonly sources = new Map<string, Promise<RasterSource>>();
  private readonly rowAreas: Float64Array;
  private scratch: PixelScratch;

  constructor(private readonly plan: DatasetPlan) {
    const g = plan.grid;
    this.rowAreas = cellAreasByRow(g.geoTransform, g.height, g.crs.geographic);
    this.scratch = createPixelScratch(plan.years.length);
  }

  private source(layer: LayerPlan, i: number, key: string): Promise<RasterSource> {
    const k = `${key}:${i}`;
    let s = this.sources.get(k);
    if (!s) {
      s = openRaster(layer.files[i] as string | Blob, layer.names[i]).then((src) =>
        layer.resample[i] ? resampleSource(src, this.plan.grid) : src,
      );
      this.sources.set(k, s);
    }
    return s;
  }

  private async readLayer(layer: LayerPlan, key: string, y0: number, y1: number, out: Float32Array, n: number) {
    for (let i = 0; i < layer.files.length; i++) {
      const src = await this.source(layer, i, key);
      const raw = await src.readRows(y0, y1);
      if (raw.length < n) throw new DatasetError(layer.names[i], `could not read rows ${y0}–${y1 - 1}`);
      applyLayer(raw, layer.spec, src.noData, src.dtype, out, i * n);
    }
  }

  async compute(block: number, y0: number, y1: number, wants: BlockWants): Promise<BlockResult> {
    const plan = this.plan;
    const { width } = plan.grid;
    const Y = plan.years.length;
    const n = width * (y1 - y0);
    const years = Float64Array.from(plan.years);

    // Inputs: NPP or NEP, climate.
    const nep = new Float32Array(Y * n);
    let npp: Float32Array | null = null;
    let rh: Float32Array | null = null;
    const climate: Partial<Record<ClimateVar, Float32Array>> = {};

    // Zones and boundary for these rows.
    const zone = new Int16Array(n).fill(-1);
    if (plan.zonePolygons) rasterizeZones(plan.zonePolygons, plan.grid, y0, y1, zone);
    else if (plan.zoneRaster) await this.readZoneRaster(y0, y1, zone);
    const inside = new Uint8Array(n).fill(1);
    if (plan.boundary) rasterizeMask(plan.boundary, plan.grid, y0, y1, inside);

    for (const v of plan.climateVars) {
      const arr = new Float32Array(Y * n);
      const r = plan.climateRasters[v];
      if (r) await this.readLayer(r, v, y0, y1, arr, n);
      else fillFromTable(plan.climateTable![v]!, zone, Y, n, arr);
      climate[v] = arr;
    }

    if (plan.npp) {
      npp = new Float32Array(Y * n);
      await this.readLayer(plan.npp, 'npp', y0, y1, npp, n);
      const t = climate.temperature;
      const p = climate.precipitation;
      if (plan.respiration && t && p) {
        rh = new Float32Array(Y * n);
        computeRhNep(npp, t, p, plan.respiration, rh, nep);
      } else {
        // No climate for Rh: the analysis runs on NPP itself.
        nep.set(npp);
      }
    } else {
      await this.readLayer(plan.nep!, 'nep', y0, y1, nep, n);
    }

    const area = new Float64Array(n);
    for (let r = 0; r < y1 - y0; r++) area.fill(this.rowAreas[y0 + r], r * width, (r + 1) * width);

    const out = {
      included: new Uint8Array(n),
      mean: new Float32Array(n),
      slope: new Float32Array(n),
      p: new Float32Array(n),
      cls: new Int8Array(n),
      rho: {} as Partial<Record<ClimateVar, Float32Array>>,
    };
    if (wants.pixelRho) for (const v of plan.climateVars) out.rho[v] = new Float32Array(n);
    pixelStats(
      { years, n, nep, climate: wants.pixelRho ? climate : {}, inside, method: plan.method },
      out,
      this.scratch,
    );

    const values: Record<string, Float32Array> = { nep };
    if (npp && rh) values.npp = npp;
    if (rh) values.rh = rh;
    for (const v of plan.climateVars) values[v] = climate[v]!;
    const sums = createZonalSums(plan.zoneIds.length, Y, Object.keys(values));
    accumulateBlock(sums, { n, area, zone, included: out.included, values, nep, mean: out.mean, cls: out.cls });

    let included = 0;
    for (let k = 0; k < n; k++) included += out.included[k];

    const result: BlockResult = { block, y0, y1, sums, rows: null, pixels: null, total: n, included };
    if (wants.rows) result.rows = { mean: out.mean, slope: out.slope, p: out.p, cls: out.cls };
    if (wants.pixels) result.pixels = compact(out, included, y0 * width, n, Y, zone, nep, npp, rh, climate);
    return result;
  }

  private async readZoneRaster(y0: number, y1: number, zone: Int16Array) {
    const zr = this.plan.zoneRaster!;
    const k = 'zones';
    let s = this.sources.get(k);
    if (!s) {
      s = openRaster(zr.file as string | Blob, zr.name);
      this.sources.set(k, s);
    }
    const raw = await (await s).readRows(y0, y1);
    const byCode = new Map<number, number>();
    zr.codes.forEach((c, i) => byCode.set(c, i));
    for (let i = 0; i < zone.length; i++) zone[i] = byCode.get(Number(raw[i])) ?? -1;
  }

  close() {
    for (const s of this.sources.values()) s.then((x) => x.close()).catch(() => {});
    this.sources.clear();
  }
}

function fillFromTable(t: { region: Float64Array; zones: (Float64Array | null)[] }, zone: Int16Array, Y: number, n: number, out: Float32Array) {
  for (let i = 0; i < Y; i++) {
    const o = i * n;
    const rv = t.region[i];
    for (let k = 0; k < n; k++) {
      const z = zone[k];
      const zs = z >= 0 ? t.zones[z] : null;
      out[o + k] = zs && Number.isFinite(zs[i]) ? zs[i] : rv;
    }
  }
}

function compact(
  out: { included: Uint8Array; mean: Float32Array; slope: Float32Array; p: Float32Array; cls: Int8Array; rho: Partial<Record<ClimateVar, Float32Array>> },
  count: number,
  base: number,
  n: number,
  Y: number,
  zone: Int16Array,
  nep: Float32Array,
  npp: Float32Array | null,
  rh: Float32Array | null,
  climate: Partial<Record<ClimateVar, Float32Array>>,
): NonNullable<BlockResult['pixels']> {
  const idx = new Uint32Array(count);
  const local = new Uint32Array(count);
  for (let k = 0, j = 0; k < n; k++) if (out.included[k]) { idx[j] = base + k; local[j++] = k; }
  const pick = <T extends Float32Array | Int8Array | Int16Array>(a: T, make: (m: number) => T): T => {
    const r = make(count);
    for (let j = 0; j < count; j++) r[j] = a[local[j]];
    return r;
  };
  const series = (a: Float32Array) => {
    const r = new Float32Array(Y * count);
    for (let i = 0; i < Y; i++) {
      const o = i * n, q = i * count;
      for (let j = 0; j < count; j++) r[q + j] = a[o + local[j]];
    }
    return r;
  };
  const f32 = (m: number) => new Float32Array(m);
  const rho: Partial<Record<ClimateVar, Float32Array>> = {};
  for (const [v, a] of Object.entries(out.rho) as [ClimateVar, Float32Array][]) rho[v] = pick(a, f32);
  const clim: Partial<Record<ClimateVar, Float32Array>> = {};
  for (const [v, a] of Object.entries(climate) as [ClimateVar, Float32Array][]) clim[v] = series(a);
  return {
    index: idx,
    zone: pick(zone, (m) => new Int16Array(m)),
    mean: pick(out.mean, f32),
    slope: pick(out.slope, f32),
    p: pick(out.p, f32),
    cls: pick(out.cls, (m) => new Int8Array(m)),
    rho,
    nep: series(nep),
    npp: npp ? series(npp) : null,
    rh: rh ? series(rh) : null,
    climate: clim,
  };
}
