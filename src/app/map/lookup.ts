/**
 * Placing a raster of any grid CRS on a Web Mercator map without stretching it:
 * a canvas aligned with Mercator (columns evenly spaced in longitude, rows evenly spaced in
 * Mercator y) over a lon/lat box, and, computed once, for each canvas pixel the included
 * pixel k of the analysis grid whose cell holds that point (nearest neighbour). Every layer
 * render is then one pass over this lookup (see colour.ts).
 */
import { latOfMercY, mercX, mercY, type LonLatBounds } from './mercator';

/** lon/lat (degrees) → fractional grid pixel coordinates [col, row] (cell (i, j) spans [i, i+1) × [j, j+1)); NaN when undefined. */
export type LonLatToPixel = (lon: number, lat: number) => [number, number];
/** Fractional grid pixel coordinates → lon/lat (degrees). */
export type PixelToLonLat = (col: number, row: number) => [number, number];

export interface MercatorLookup {
  width: number;
  height: number;
  bounds: LonLatBounds;
  /** Canvas pixel (row-major, row 0 at the north) → included-pixel index k, or −1. */
  lookup: Int32Array;
  /** lookupSpans(lookup), when the builder had them for free (buildSeparableLookup). */
  spans?: Int32Array;
}

/**
 * The runs of a lookup's canvas pixels that show an included pixel (lookup ≥ 0), as pairs
 * [start, end): renderLayer paints those only once the rest is transparent.
 */
export function lookupSpans(lookup: Int32Array): Int32Array {
  let n = 0;
  for (let i = 0; i < lookup.length; i++) if (lookup[i] >= 0 && (i === 0 || lookup[i - 1] < 0)) n++;
  const spans = new Int32Array(2 * n);
  for (let i = 0, q = 0; i < lookup.length; ) {
    if (lookup[i] < 0) {
      i++;
      continue;
    }
    let e = i + 1;
    while (e < lookup.length && lookup[e] >= 0) e++;
    spans[q++] = i;
    spans[q++] = e;
    i = e;
  }
  return spans;
}

/**
 * Grid cell (y * width + x) → included-pixel index k, or −1. `index` is PixelMaps.index
 * (ascending grid indices of the included pixels).
 */
export function cellToIncluded(gridWidth: number, gridHeight: number, index: Uint32Array): Int32Array {
  const out = new Int32Array(gridWidth * gridHeight).fill(-1);
  for (let k = 0; k < index.length; k++) out[index[k]] = k;
  return out;
}

/** The included-pixel index k of grid cell `cell`, by binary search in the ascending `index`; −1 if not included. */
export function includedIndexOf(index: Uint32Array, cell: number): number {
  let lo = 0;
  let hi = index.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = index[mid];
    if (v === cell) return mid;
    if (v < cell) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * The lon/lat box of a grid, from points sampled along its four edges (a projected grid's
 * edges are curves in lon/lat). `steps` samples per edge.
 */
export function gridLonLatBounds(width: number, height: number, toLonLat: PixelToLonLat, steps = 64): LonLatBounds {
  let west = Infinity, east = -Infinity, south = Infinity, north = -Infinity;
  const add = (c: number, r: number) => {
    const [lon, lat] = toLonLat(c, r);
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return;
    if (lon < west) west = lon;
    if (lon > east) east = lon;
    if (lat < south) south = lat;
    if (lat > north) north = lat;
  };
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    add(t * width, 0);
    add(t * width, height);
    add(0, t * height);
    add(width, t * height);
  }
  return { west, south, east, north };
}

/**
 * Canvas size for a lon/lat box so that a canvas pixel is square in Mercator and about
 * 1/oversample of a grid pixel (measured at the grid's centre), with at most maxPixels pixels
 * and at most maxSide on a side (a WebGL texture limit).
 */
export function canvasSizeFor(
  bounds: LonLatBounds,
  gridWidth: number,
  gridHeight: number,
  toLonLat: PixelToLonLat,
  oversample = 1.5,
  maxPixels = 6_000_000,
  maxSide = 4096,
): { width: number; height: number } {
  const cx = gridWidth / 2, cy = gridHeight / 2;
  const [lon0, lat0] = toLonLat(cx, cy);
  const [lon1, lat1] = toLonLat(cx + 1, cy);
  const [lon2, lat2] = toLonLat(cx, cy + 1);
  // Size of one grid pixel in Mercator units at the centre (the smaller of its two sides).
  const dx = Math.hypot(mercX(lon1) - mercX(lon0), mercY(lat1) - mercY(lat0));
  const dy = Math.hypot(mercX(lon2) - mercX(lon0), mercY(lat2) - mercY(lat0));
  const step = Math.min(dx, dy) / oversample;
  const spanX = mercX(bounds.east) - mercX(bounds.west);
  const spanY = mercY(bounds.north) - mercY(bounds.south);
  let width = Math.max(1, Math.ceil(spanX / step));
  let height = Math.max(1, Math.ceil(spanY / step));
  const shrink = Math.max(1, Math.sqrt((width * height) / maxPixels), width / maxSide, height / maxSide);
  if (shrink > 1) {
    width = Math.max(1, Math.floor(width / shrink));
    height = Math.max(1, Math.floor(height / shrink));
  }
  return { width, height };
}

/**
 * For each pixel of a width × height Mercator-aligned canvas over `bounds`, the included
 * pixel k whose grid cell holds the canvas pixel's centre (nearest neighbour), or −1.
 *
 * The inverse transform is evaluated exactly on a mesh every `mesh` canvas pixels and
 * interpolated bilinearly in between (GDAL's approximate transformer does the same); for the
 * smooth transforms of map projections over a few pixels the error is far below a pixel.
 * mesh = 1 evaluates every pixel exactly.
 */
export function buildMercatorLookup(
  bounds: LonLatBounds,
  width: number,
  height: number,
  toPixel: LonLatToPixel,
  gridWidth: number,
  gridHeight: number,
  cellToK: Int32Array,
  mesh = 8,
): MercatorLookup {
  const lookup = new Int32Array(width * height).fill(-1);
  const y0 = mercY(bounds.north), y1 = mercY(bounds.south);
  const lonOf = (c: number) => bounds.west + ((c + 0.5) / width) * (bounds.east - bounds.west);
  const latOf = (r: number) => latOfMercY(y0 + ((r + 0.5) / height) * (y1 - y0));
  // Mesh nodes: 0, mesh, 2·mesh, … and the last index.
  const nodes = (n: number) => {
    const out: number[] = [];
    for (let i = 0; i < n - 1; i += mesh) out.push(i);
    out.push(n - 1);
    return out;
  };
  const cols = nodes(width);
  const rows = nodes(height);
  const nc = cols.length, nr = rows.length;
  const mc = new Float64Array(nc * nr);
  const mr = new Float64Array(nc * nr);
  for (let j = 0; j < nr; j++) {
    const lat = latOf(rows[j]);
    for (let i = 0; i < nc; i++) {
      const [c, r] = toPixel(lonOf(cols[i]), lat);
      mc[j * nc + i] = c;
      mr[j * nc + i] = r;
    }
  }
  // Per canvas column: its mesh segment and the weight of the segment's right node.
  const segOf = (n: number, nodeList: number[]) => {
    const seg = new Int32Array(n);
    const w = new Float64Array(n);
    const last = nodeList.length - 1;
    for (let p = 0; p < n; p++) {
      const s = last === 0 ? 0 : Math.min(Math.floor(p / mesh), last - 1);
      const a = nodeList[s], b = nodeList[Math.min(s + 1, last)];
      seg[p] = s;
      w[p] = b === a ? 0 : (p - a) / (b - a);
    }
    return { seg, w };
  };
  const colSeg = segOf(width, cols);
  const rowSeg = segOf(height, rows);
  const cs = colSeg.seg, cw = colSeg.w;
  // Per canvas row: the mesh blended between its two mesh rows, then per pixel only along the row.
  const rc = new Float64Array(nc);
  const rr = new Float64Array(nc);
  for (let r = 0; r < height; r++) {
    const j = rowSeg.seg[r], v = rowSeg.w[r];
    const a = j * nc, b = Math.min(j + 1, nr - 1) * nc;
    for (let i = 0; i < nc; i++) {
      rc[i] = (1 - v) * mc[a + i] + v * mc[b + i];
      rr[i] = (1 - v) * mr[a + i] + v * mr[b + i];
    }
    let lat = NaN;
    const o = r * width;
    for (let c = 0; c < width; c++) {
      const i = cs[c], u = cw[c];
      const iB = i + 1 < nc ? i + 1 : i;
      let gc = rc[i] + u * (rc[iB] - rc[i]);
      let gr = rr[i] + u * (rr[iB] - rr[i]);
      if (!(gc === gc && gr === gr && gc !== Infinity && gc !== -Infinity && gr !== Infinity && gr !== -Infinity)) {
        // The mesh cell touches a point where the transform is undefined: evaluate exactly.
        if (Number.isNaN(lat)) lat = latOf(r);
        [gc, gr] = toPixel(lonOf(c), lat);
      }
      if (!(gc >= 0 && gr >= 0 && gc < gridWidth && gr < gridHeight)) continue;
      lookup[o + c] = cellToK[(gr | 0) * gridWidth + (gc | 0)];
    }
  }
  return { width, height, bounds, lookup };
}

/** MapLibre image/canvas source corners (top-left, top-right, bottom-right, bottom-left). */
export function sourceCorners(b: LonLatBounds): [[number, number], [number, number], [number, number], [number, number]] {
  return [
    [b.west, b.north],
    [b.east, b.north],
    [b.east, b.south],
    [b.west, b.south],
  ];
}

/**
 * buildMercatorLookup for a grid whose column depends on longitude only and whose row on
 * latitude only (lon/lat grids without rotation): each canvas column's grid column and each
 * canvas row's grid row evaluated exactly once (the same cells as the exact per-pixel
 * evaluation), with the lookup's spans (lookupSpans) as they come.
 *
 * The work goes by included pixel, not by canvas pixel: the included pixels come as `index`
 * (ascending grid cells, PixelMaps.index), and each grid column covers a contiguous range of
 * canvas columns, so a canvas row is its grid row's stretch of `index`, each cell written over its
 * range; a canvas row on the same grid row as the one above is a copy of it. This runs once per
 * result, as code V8 has not optimized: a loop over every canvas pixel (1.4 M for the demo) took
 * ~30 ms of the page's thread as the result came; a park fills a fraction of its box. (No table
 * of cell → k over the whole grid either: a fresh 6 MB for the demo.)
 */
export function buildSeparableLookup(
  bounds: LonLatBounds,
  width: number,
  height: number,
  toPixel: LonLatToPixel,
  gridWidth: number,
  gridHeight: number,
  index: Uint32Array,
): MercatorLookup {
  const lookup = new Int32Array(width * height).fill(-1);
  const y0 = mercY(bounds.north), y1 = mercY(bounds.south);
  const midLat = 0.5 * (bounds.north + bounds.south), midLon = 0.5 * (bounds.west + bounds.east);
  // The canvas columns of each grid column: [first, end), empty when first = −1.
  const first = new Int32Array(gridWidth).fill(-1);
  const end = new Int32Array(gridWidth);
  let on = 0;
  for (let c = 0; c < width; c++) {
    const gc = toPixel(bounds.west + ((c + 0.5) / width) * (bounds.east - bounds.west), midLat)[0];
    if (!(gc >= 0 && gc < gridWidth)) continue;
    const g = gc | 0;
    if (first[g] < 0) first[g] = c;
    end[g] = c + 1;
    on++;
  }
  // Columns are monotonic in longitude, so each grid column's canvas columns are contiguous.
  let covered = 0;
  for (let g = 0; g < gridWidth; g++) if (first[g] >= 0) covered += end[g] - first[g];
  // (Not so, e.g. across the antimeridian: then pixel by pixel, exactly.)
  if (covered !== on) return buildMercatorLookup(bounds, width, height, toPixel, gridWidth, gridHeight, cellToIncluded(gridWidth, gridHeight, index), 1);
  let spans = new Int32Array(1024);
  let ns = 0;
  const span = (a: number, b: number) => {
    if (ns + 2 > spans.length) {
      const grown = new Int32Array(spans.length * 2);
      grown.set(spans);
      spans = grown;
    }
    spans[ns++] = a;
    spans[ns++] = b;
  };
  let prevRow = -1, prevStart = 0, prevEnd = 0;
  for (let r = 0; r < height; r++) {
    const gr = toPixel(midLon, latOfMercY(y0 + ((r + 0.5) / height) * (y1 - y0)))[1];
    if (!(gr >= 0 && gr < gridHeight)) {
      prevRow = -1;
      continue;
    }
    const row = gr | 0;
    const o = r * width;
    if (row === prevRow) {
      lookup.copyWithin(o, o - width, o);
      const s0 = prevStart, s1 = prevEnd;
      prevStart = ns;
      for (let q = s0; q < s1; q += 2) span(spans[q] + width, spans[q + 1] + width);
      prevEnd = ns;
      continue;
    }
    prevRow = row;
    prevStart = ns;
    const base = row * gridWidth;
    const from = lowerBound(index, base, 0, index.length);
    const to = lowerBound(index, base + gridWidth, from, index.length);
    // Spans of this row, merged where ranges touch (columns may run either way).
    let a = -1, b = -1;
    for (let p = from; p < to; p++) {
      const g = index[p] - base;
      const c0 = first[g];
      if (c0 < 0) continue;
      const c1 = end[g];
      if (c1 - c0 === 1) lookup[o + c0] = p;
      else lookup.fill(p, o + c0, o + c1);
      if (c0 === b) b = c1;
      else if (c1 === a) a = c0;
      else {
        if (a >= 0) span(o + a, o + b);
        a = c0;
        b = c1;
      }
    }
    if (a >= 0) span(o + a, o + b);
    // Columns running east to west give the row's spans right to left: put them in order.
    if (ns - prevStart > 2 && spans[prevStart] > spans[ns - 2]) reversePairs(spans, prevStart, ns);
    prevEnd = ns;
  }
  return { width, height, bounds, lookup, spans: spans.slice(0, ns) };
}

/** Pairs spans[from …to) in reverse order (each pair kept as it is). */
function reversePairs(spans: Int32Array, from: number, to: number): void {
  for (let i = from, j = to - 2; i < j; i += 2, j -= 2) {
    const a = spans[i], b = spans[i + 1];
    spans[i] = spans[j];
    spans[i + 1] = spans[j + 1];
    spans[j] = a;
    spans[j + 1] = b;
  }
}

/** The first position in index[lo..hi) (ascending) holding a value ≥ v (hi when none). */
function lowerBound(index: Uint32Array, v: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (index[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

