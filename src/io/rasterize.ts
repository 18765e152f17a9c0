/**
 * Polygons to pixels, by pixel centres (SPEC §3): a pixel belongs to a polygon when its centre
 * is inside it (holes excluded). A scanline fill, as GDAL's gdal_rasterize does by default:
 * for each row, the crossings of the row's centre line with the polygon's edges, sorted, filled
 * pair by pair (even–odd over all rings of a feature, so holes and multipolygon parts need no
 * special case).
 *
 * Rings are projected to the grid's CRS once (projectZones); edges are then straight lines in
 * that CRS between projected vertices — what GDAL does after ogr2ogr -t_srs.
 *
 * Centres exactly on an edge follow GDAL 3.6 (checked on test/fixtures/vector/expected_ties.json):
 * an edge counts for row centre v when ymin ≤ v < ymax (in pixel/line coordinates), a pixel x is
 * filled between crossings a < b when floor(a + .5) ≤ x < floor(b + .5) (its centre in (a, b]),
 * and a horizontal edge lying on a row's centre line is filled on its own when, with the ring
 * turned clockwise in a north-up world (counterclockwise in pixel/line shoelace terms), it runs
 * towards −x: the "bottom" edges of the interior, so a rectangle from centre to centre includes
 * all its edge centres.
 */
import { DatasetError } from './errors';
import type { GeoTransform } from './grid';
import type { PolygonGeometry } from './zones';

/** One feature's rings in the grid's CRS: all rings of all its parts, each [x0, y0, x1, y1, …]. Plain data (workers get a copy). */
export interface ProjectedPolygon {
  rings: Float64Array[];
  /** [minX, minY, maxX, maxY] in the grid's CRS. */
  bbox: [number, number, number, number];
}

export interface RasterizeGrid {
  width: number;
  height: number;
  geoTransform: GeoTransform;
}

/**
 * Projects each feature's rings once with `project` (lon, lat → grid CRS x, y), in feature order.
 * A vertex that does not project (non-finite result) is an error naming `file`.
 */
export function projectZones(
  features: readonly { geometry: PolygonGeometry }[],
  project: (lon: number, lat: number) => [number, number],
  file = 'zones',
): ProjectedPolygon[] {
  return features.map((f, fi) => {
    const parts = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const rings: Float64Array[] = [];
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const part of parts) {
      for (const ring of part) {
        const a = new Float64Array(ring.length * 2);
        for (let i = 0; i < ring.length; i++) {
          const [x, y] = project(ring[i][0], ring[i][1]);
          if (!Number.isFinite(x) || !Number.isFinite(y)) {
            throw new DatasetError(file, `feature ${fi}: the point ${ring[i][0]}, ${ring[i][1]} cannot be projected to the grid's CRS`);
          }
          a[2 * i] = x;
          a[2 * i + 1] = y;
          if (x < minX) minX = x;
          if (x > maxX) maxX = x;
          if (y < minY) minY = y;
          if (y > maxY) maxY = y;
        }
        rings.push(a);
      }
    }
    return { rings, bbox: [minX, minY, maxX, maxY] };
  });
}

/**
 * Zone index per pixel for rows y0 … y1−1: out[(y − y0)·width + x] = index of the first polygon
 * (in order) whose interior holds the pixel centre, −1 when none does.
 */
export function rasterizeZones(polys: readonly ProjectedPolygon[], grid: RasterizeGrid, y0: number, y1: number, out: Int16Array): void {
  const { width } = grid;
  checkOut(out.length, width, y0, y1);
  out.fill(-1, 0, width * (y1 - y0));
  for (let k = 0; k < polys.length; k++) {
    scan(polys[k], grid, y0, y1, (row, xs, xe) => {
      const o = row * width;
      for (let x = xs; x < xe; x++) if (out[o + x] === -1) out[o + x] = k;
    });
  }
}

/** Boundary mask for rows y0 … y1−1: 1 where the pixel centre is inside any polygon, 0 elsewhere. */
export function rasterizeMask(polys: readonly ProjectedPolygon[], grid: RasterizeGrid, y0: number, y1: number, out: Uint8Array): void {
  const { width } = grid;
  checkOut(out.length, width, y0, y1);
  out.fill(0, 0, width * (y1 - y0));
  for (const p of polys) {
    scan(p, grid, y0, y1, (row, xs, xe) => out.fill(1, row * width + xs, row * width + xe));
  }
}

function checkOut(length: number, width: number, y0: number, y1: number): void {
  if (!(y1 >= y0) || length < width * (y1 - y0)) {
    throw new RangeError(`rasterize: rows ${y0}…${y1} need ${width * (y1 - y0)} values, the output has ${length}`);
  }
}

/** A ring in pixel/line coordinates, its orientation there (twice its signed area) and its rows. */
interface PixelRing {
  px: Float64Array;
  py: Float64Array;
  n: number;
  area2: number;
  minY: number;
  maxY: number;
}

/**
 * The polygon's rings in pixel/line coordinates of a geotransform, made once and kept with the
 * polygon: the engine rasterizes every block's rows with the same polygons (thousands of
 * vertices for a park's zones), and transformed every vertex again for each.
 */
const ringsByPolygon = new WeakMap<ProjectedPolygon, { gt: readonly number[]; rings: PixelRing[] }>();

function pixelRings(poly: ProjectedPolygon, gt: readonly number[], inv: readonly number[]): PixelRing[] {
  const kept = ringsByPolygon.get(poly);
  if (kept && sameNumbers(kept.gt, gt)) return kept.rings;
  const rings: PixelRing[] = [];
  for (let k = 0; k < poly.rings.length; k++) {
    const ring = poly.rings[k];
    let n = ring.length >> 1;
    // A closing point equal to the first adds a zero-length edge: harmless, but skip it.
    if (n > 1 && ring[0] === ring[2 * n - 2] && ring[1] === ring[2 * n - 1]) n--;
    if (n < 3) continue;
    rings.push(pixelRing(ring, n, inv));
  }
  ringsByPolygon.set(poly, { gt: Array.from(gt), rings });
  return rings;
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The first n vertices of a ring ([x0, y0, x1, y1, …] in the grid's CRS) in pixel/line coordinates (inv: world → pixel/line). */
function pixelRing(ring: Float64Array, n: number, inv: readonly number[]): PixelRing {
  const i0 = inv[0], i1 = inv[1], i2 = inv[2], i3 = inv[3], i4 = inv[4], i5 = inv[5];
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  let area2 = 0;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    px[i] = i0 + i1 * ring[2 * i] + i2 * ring[2 * i + 1];
    py[i] = i3 + i4 * ring[2 * i] + i5 * ring[2 * i + 1];
    if (py[i] < minY) minY = py[i];
    if (py[i] > maxY) maxY = py[i];
  }
  for (let i = 0, j = n - 1; i < n; j = i++) area2 += px[j] * py[i] - px[i] * py[j];
  return { px, py, n, area2, minY, maxY };
}

/**
 * Calls fill(row − y0, xStart, xEnd) for each run [xStart, xEnd) of pixels of rows y0 … y1−1
 * whose centre is inside the polygon (even–odd over all its rings).
 *
 * Written without destructuring, iterators or closures, and split into small loops: V8's
 * optimizing compilers (which every engine worker runs on it again) spent ~10× longer on the
 * first version, whose `const [a, b] = array` and `for … of` expand into the iterator protocol.
 */
function scan(
  poly: ProjectedPolygon,
  grid: RasterizeGrid,
  y0: number,
  y1: number,
  fill: (row: number, xs: number, xe: number) => void,
): void {
  const gt = grid.geoTransform;
  const g0 = gt[0], g1 = gt[1], g2 = gt[2], g3 = gt[3], g4 = gt[4], g5 = gt[5];
  const det = g1 * g5 - g2 * g4;
  if (!(det !== 0) || !Number.isFinite(det)) throw new RangeError('rasterize: the geotransform cannot be inverted');
  // World → pixel/line: the inverse of the affine geotransform.
  const i1 = g5 / det, i2 = -g2 / det, i4 = -g4 / det, i5 = g1 / det;
  const i0 = -(i1 * g0 + i2 * g3), i3 = -(i4 * g0 + i5 * g3);
  if (!bboxReaches(poly.bbox, i0, i1, i2, i3, i4, i5, y0, y1, grid.width)) return;

  const rows = y1 - y0;
  const crossings: number[][] = [];
  for (let r = 0; r < rows; r++) crossings.push([]);
  const horizontal: number[] = []; // (row, xStart, xEnd) triples
  const rings = pixelRings(poly, gt, [i0, i1, i2, i3, i4, i5]);
  for (let k = 0; k < rings.length; k++) {
    const ring = rings[k];
    if (ring.maxY < y0 || ring.minY > y1 + 1) continue; // no edge of it reaches these rows' centres
    ringCrossings(ring.px, ring.py, ring.n, ring.area2, y0, y1, crossings, horizontal);
  }
  const width = grid.width;
  for (let r = 0; r < rows; r++) {
    const xs = crossings[r];
    if (xs.length < 2) continue;
    xs.sort(ascending);
    for (let j = 0; j + 1 < xs.length; j += 2) {
      const a = Math.max(0, Math.floor(xs[j] + 0.5));
      const b = Math.min(width, Math.floor(xs[j + 1] + 0.5));
      if (b > a) fill(r, a, b);
    }
  }
  for (let k = 0; k < horizontal.length; k += 3) {
    const a = Math.max(0, horizontal[k + 1]);
    const b = Math.min(width, horizontal[k + 2]);
    if (b > a) fill(horizontal[k], a, b);
  }
}

function ascending(a: number, b: number): number {
  return a - b;
}

/** Quick reject: whether the bbox's corners in pixel space reach rows y0 … y1 and columns 0 … width. */
function bboxReaches(bbox: readonly number[], i0: number, i1: number, i2: number, i3: number, i4: number, i5: number, y0: number, y1: number, width: number): boolean {
  let pyMin = Infinity, pyMax = -Infinity, pxMin = Infinity, pxMax = -Infinity;
  for (let c = 0; c < 4; c++) {
    const X = c < 2 ? bbox[0] : bbox[2];
    const Y = c % 2 === 0 ? bbox[1] : bbox[3];
    const px = i0 + i1 * X + i2 * Y;
    const py = i3 + i4 * X + i5 * Y;
    if (py < pyMin) pyMin = py;
    if (py > pyMax) pyMax = py;
    if (px < pxMin) pxMin = px;
    if (px > pxMax) pxMax = px;
  }
  return !(pyMax < y0 || pyMin > y1 || pxMax < 0 || pxMin > width);
}

/** A ring's edges' crossings with the centre lines of rows y0 … y1−1, to crossings[row − y0], and its horizontal edges filled on their own. */
function ringCrossings(px: Float64Array, py: Float64Array, n: number, area2: number, y0: number, y1: number, crossings: number[][], horizontal: number[]): void {
  let ax = px[n - 1];
  let ay = py[n - 1];
  for (let i = 0; i < n; i++) {
    const bx = px[i];
    const by = py[i];
    if (ay === by) {
      // A horizontal edge on a row's centre line: filled when it runs towards −x in the
      // ring's counterclockwise (pixel/line) orientation, as GDAL does.
      const y = ay - 0.5;
      if (Number.isInteger(y) && y >= y0 && y < y1 && (area2 > 0 ? ax > bx : ax < bx)) {
        const lo = Math.min(ax, bx), hi = Math.max(ax, bx);
        horizontal.push(y - y0, Math.floor(lo + 0.5), Math.floor(hi + 0.5));
      }
    } else {
      // Lower and upper end (in line coordinates).
      const lx = ay < by ? ax : bx, ly = ay < by ? ay : by;
      const ux = ay < by ? bx : ax, uy = ay < by ? by : ay;
      // Rows whose centre v = y + 0.5 satisfies ly ≤ v < uy.
      const yFirst = Math.max(y0, Math.ceil(ly - 0.5));
      const yLast = Math.min(y1 - 1, Math.ceil(uy - 0.5) - 1);
      for (let y = yFirst; y <= yLast; y++) {
        const v = y + 0.5;
        crossings[y - y0].push((v - ly) * (ux - lx) / (uy - ly) + lx);
      }
    }
    ax = bx;
    ay = by;
  }
}
