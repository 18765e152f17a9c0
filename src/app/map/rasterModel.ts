/**
 * Everything the map needs from one analysis result, computed once: the grid ↔ lon/lat
 * transform, the grid-cell → included-pixel table, the Mercator canvas lookup, the layer
 * values and their colour scales (cached per layer). Switching layer or year is then one
 * pass over the lookup.
 */
import type { AnalysisResult } from '../../engine/types';
import type { AnalysisPreview } from '../../engine/browser';
import { LayerValues, layerDef, type LayerId, type YearSel } from '../state/layers';
import { TREND_CLASS_NAMES } from '../format/trendClass';
import { buildMercatorLookup, buildSeparableLookup, canvasSizeFor, cellToIncluded, gridLonLatBounds, includedIndexOf, lookupSpans, type MercatorLookup } from './lookup';
import { gridTransform, type GridTransform } from './gridTransform';
import { renderLayer, scaleFor, type ColourScale } from './colour';
import type { LonLatBounds } from './mercator';

export interface PixelPick {
  /** Included-pixel index (into PixelMaps arrays). */
  k: number;
  /** Grid column and row. */
  x: number;
  y: number;
  lon: number;
  lat: number;
  /** The model the pixel is from (large mode: the map's level or a zoomed window); k indexes its maps. */
  model?: RasterModel;
}

const CLASS_NAMES: Record<number, string> = Object.fromEntries(Object.entries(TREND_CLASS_NAMES).map(([k, v]) => [Number(k), v]));

export class RasterModel {
  readonly transform: GridTransform;
  /** The grid-cell → included-pixel table, made when first needed (see cellToK), shared with `like`. */
  private readonly cells: { table: Int32Array | null };
  readonly bounds: LonLatBounds;
  readonly screen: MercatorLookup;
  readonly values: LayerValues;
  private readonly scales = new Map<string, ColourScale>();

  /**
   * `like`: a model of the same load drawn before (the first map, previewModel); when its pixels
   * are these, its pixel table, bounds and canvas lookup are taken as they are instead of built
   * again (the panels then come sooner).
   */
  constructor(readonly result: AnalysisResult, like?: RasterModel | null) {
    const g = result.maps.grid;
    this.transform = gridTransform(g);
    if (like && samePixels(like.result.maps, result.maps)) {
      this.cells = like.cells;
      this.bounds = like.bounds;
      this.screen = like.screen;
      this.values = new LayerValues(result.maps);
      // The first map's only layer, the mean, is the result's bit for bit: so is its scale.
      const mean = like.scales.get('nep|mean');
      if (mean && like.result.variable === result.variable) this.scales.set('nep|mean', mean);
      return;
    }
    this.cells = { table: null };
    this.bounds = includedBounds(result, this.transform);
    // A lon/lat grid without rotation lines up with the Mercator canvas column for column: one
    // canvas pixel per grid column then draws every cell as a whole number of canvas pixels (and
    // a canvas 2.25x smaller than at 1.5x, so faster to build, to paint and to upload per year).
    const [, , rx, , ry] = g.geoTransform;
    const aligned = g.crs.geographic && rx === 0 && ry === 0;
    const size = canvasSizeFor(this.bounds, g.width, g.height, this.transform.toLonLat, aligned ? 1 : 1.5);
    this.screen = this.lookupFor(this.bounds, size.width, size.height);
    this.values = new LayerValues(result.maps);
  }

  /**
   * Grid cell (y · width + x) → included-pixel index k, or −1: a table over the whole grid, made on
   * first use (the mesh lookup of a projected grid). A lon/lat grid's lookups and picks do without.
   */
  get cellToK(): Int32Array {
    const g = this.result.maps.grid;
    return (this.cells.table ??= cellToIncluded(g.width, g.height, this.result.maps.index));
  }

  /** A Mercator lookup for any box and size (the figure export renders at its own resolution). */
  lookupFor(bounds: LonLatBounds, width: number, height: number): MercatorLookup {
    const g = this.result.maps.grid;
    const [, , rx, , ry] = g.geoTransform;
    if (g.crs.geographic && rx === 0 && ry === 0) return buildSeparableLookup(bounds, width, height, this.transform.toPixel, g.width, g.height, this.result.maps.index);
    return buildMercatorLookup(bounds, width, height, this.transform.toPixel, g.width, g.height, this.cellToK);
  }

  /** The colour scale of a layer: for a yearly layer shown by year, one scale over all years. */
  scale(layer: LayerId, year: YearSel): ColourScale {
    const def = layerDef(layer);
    const byYear = def.yearly && year !== 'mean';
    const key = `${layer}|${byYear ? 'years' : 'mean'}`;
    let s = this.scales.get(key);
    if (!s) {
      const vals = byYear ? this.values.series(layer)! : this.values.values(layer, 'mean');
      s = scaleFor(def, vals, CLASS_NAMES);
      this.scales.set(key, s);
    }
    return s;
  }

  /**
   * Colour a layer into RGBA pixels through a lookup (default: the screen canvas). A buffer this
   * model painted through the screen lookup before, or a `fresh` one (all transparent: a new
   * ImageData), is painted where the park is only: a year or layer switch, or a new result's first
   * paint, touches a fraction of the canvas.
   */
  paint(layer: LayerId, year: YearSel, out: Uint32Array, lookup: Int32Array = this.screen.lookup, fresh = false): void {
    const own = lookup === this.screen.lookup;
    const partial = own && (fresh || this.painted.has(out.buffer));
    if (partial) this.spans ??= this.screen.spans ?? lookupSpans(lookup);
    renderLayer(lookup, this.values.values(layer, year), this.scale(layer, year), out, partial ? this.spans : undefined);
    if (own) this.painted.add(out.buffer);
  }

  private readonly painted = new WeakSet<ArrayBufferLike>();
  private spans: Int32Array | undefined;

  /** Colour a layer with another model's colour scale (large mode: a zoomed window in the map's colours). */
  paintWith(scale: ColourScale, layer: LayerId, year: YearSel, out: Uint32Array): void {
    renderLayer(this.screen.lookup, this.values.values(layer, year), scale, out);
  }

  /** The grid pixel under a lon/lat, and its included index k (−1 when the pixel is not included); null off the grid. */
  pick(lon: number, lat: number): PixelPick | null {
    const g = this.result.maps.grid;
    const [c, r] = this.transform.toPixel(lon, lat);
    if (!(c >= 0 && r >= 0 && c < g.width && r < g.height)) return null;
    const x = Math.floor(c), y = Math.floor(r);
    const cell = y * g.width + x;
    return { k: this.cells.table ? this.cells.table[cell] : includedIndexOf(this.result.maps.index, cell), x, y, lon, lat, model: this };
  }
}

/** Same grid and the same included pixels. */
function samePixels(a: AnalysisResult['maps'], b: AnalysisResult['maps']): boolean {
  const ga = a.grid, gb = b.grid;
  if (ga.width !== gb.width || ga.height !== gb.height || ga.crs.name !== gb.crs.name) return false;
  if (ga.geoTransform.some((v, i) => v !== gb.geoTransform[i])) return false;
  const x = a.index, y = b.index;
  if (x.length !== y.length) return false;
  for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return false;
  return true;
}

/**
 * lon/lat box of the included pixels (the park): per grid row, the corners of its first and
 * last included pixel (a projected grid's row is not a parallel, so all four corners). The
 * whole grid if nothing is included.
 */
function includedBounds(result: AnalysisResult, t: GridTransform): LonLatBounds {
  const g = result.maps.grid;
  const idx = result.maps.index;
  if (idx.length === 0) return gridLonLatBounds(g.width, g.height, t.toLonLat);
  let west = Infinity, east = -Infinity, south = Infinity, north = -Infinity;
  const corner = (c: number, r: number) => {
    const [lon, lat] = t.toLonLat(c, r);
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return;
    if (lon < west) west = lon;
    if (lon > east) east = lon;
    if (lat < south) south = lat;
    if (lat > north) north = lat;
  };
  const cell = (x: number, y: number) => {
    corner(x, y);
    corner(x + 1, y);
    corner(x, y + 1);
    corner(x + 1, y + 1);
  };
  // index is ascending, so each row's included pixels are a contiguous run of it, whose end is
  // found by bisection: a few steps a row, not one a pixel (a loop V8 would optimize, each load).
  let k = 0;
  while (k < idx.length) {
    const y = Math.floor(idx[k] / g.width);
    const j = firstAtLeast(idx, k, (y + 1) * g.width) - 1;
    cell(idx[k] - y * g.width, y);
    cell(idx[j] - y * g.width, y);
    k = j + 1;
  }
  return { west, south, east, north };
}

/** The first position ≥ from of ascending `a` whose value is ≥ v (a.length when none). */
function firstAtLeast(a: Uint32Array, from: number, v: number): number {
  let lo = from, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The model of a first map (engine/browser AnalysisPreview): the mean layer only, on the grid it
 * was computed on (full resolution: its values, colour scale and lookup are the full result's,
 * which takes them over; an overview: the result builds its own). Nothing else may be drawn from
 * it: its other layers are empty, and it has no statistics.
 */
export function previewModel(p: AnalysisPreview): RasterModel {
  const none = new Float32Array(0);
  const result: AnalysisResult = {
    variable: p.variable,
    summary: { schema: 'nep-summary/1', dataset: '', years: p.maps.years, method: 'ols', respiration: null, pixels: { total: 0, included: p.maps.index.length }, regions: [] },
    maps: { ...p.maps, slope: none, p: none, cls: new Int8Array(0), rho: {}, nep: none, npp: null, rh: null, climate: {} },
    zones: p.zones,
    boundary: p.boundary,
    slug: p.slug,
  };
  return new RasterModel(result);
}
