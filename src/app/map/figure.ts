/**
 * The publication figure of the map, drawn with the 2D canvas API on an offscreen canvas:
 * the raster re-rendered at the figure's pixel ratio (its own Mercator lookup), land and
 * borders, graticule, zone outlines with their codes, the boundary, a frame with lon/lat
 * ticks, a scale bar, a north arrow, the legend with units, a title and a source line.
 */
import * as d3 from 'd3';
import { layerDef, layerFileStem, type AnalysedVariable, type LayerId, type YearSel } from '../state/layers';
import { degreeStep } from './basemap';
import { BASEMAP_COLOURS, labelPoint, loadCountries } from './basemap';
import { legendTicks, legendTitle } from './Legend';
import { mercX, mercY, type LonLatBounds } from './mercator';
import { degreeLabel, figureFileName, frameSize, metresPerPixel, padBounds, scaleBar, ticksBetween } from './figureLayout';
import type { RasterModel } from './rasterModel';
import { download } from '../export/download';

const FONT = 'Helvetica, Arial, "Liberation Sans", sans-serif';

type Project = (lon: number, lat: number) => [number, number];

function pathGeometry(ctx: CanvasRenderingContext2D, g: GeoJSON.Geometry, project: Project): void {
  const ring = (coords: GeoJSON.Position[], close: boolean) => {
    coords.forEach((c, i) => {
      const [x, y] = project(c[0], Math.max(-85, Math.min(85, c[1])));
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    if (close) ctx.closePath();
  };
  switch (g.type) {
    case 'Polygon': g.coordinates.forEach((r) => ring(r, true)); break;
    case 'MultiPolygon': g.coordinates.forEach((p) => p.forEach((r) => ring(r, true))); break;
    case 'LineString': ring(g.coordinates, false); break;
    case 'MultiLineString': g.coordinates.forEach((l) => ring(l, false)); break;
    case 'GeometryCollection': g.geometries.forEach((x) => pathGeometry(ctx, x, project)); break;
    default: break;
  }
}

function pathOf(ctx: CanvasRenderingContext2D, obj: GeoJSON.GeoJSON, project: Project): void {
  if (obj.type === 'FeatureCollection') obj.features.forEach((f) => f.geometry && pathGeometry(ctx, f.geometry, project));
  else if (obj.type === 'Feature') obj.geometry && pathGeometry(ctx, obj.geometry, project);
  else pathGeometry(ctx, obj, project);
}

export interface FigureOptions {
  layer: LayerId;
  year: YearSel;
  /** Pixel ratio: 1, 2 or 3. */
  scale: number;
  /** Zone to outline in colour, or null. */
  zone: string | null;
}

/** Draw the figure; returns the canvas (size ∝ scale). */
export async function drawFigure(model: RasterModel, opt: FigureOptions): Promise<HTMLCanvasElement> {
  const { layer, year, scale: s } = opt;
  const result = model.result;
  const def = layerDef(layer, result.variable);
  const colourScale = model.scale(layer, year);
  const countries = await loadCountries().catch(() => null);

  const bounds: LonLatBounds = padBounds(model.bounds, 0.04);
  const frame = frameSize(bounds, 860, 620);
  const M = { left: 64, top: 70, right: 24, bottom: 64 };
  const legendW = 250;
  const W = M.left + frame.width + M.right + legendW;
  const H = M.top + frame.height + M.bottom;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(W * s);
  canvas.height = Math.round(H * s);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(s, s);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, W, H);

  // Frame coordinates (CSS px) of a lon/lat.
  const x0 = mercX(bounds.west), x1 = mercX(bounds.east), yN = mercY(bounds.north), yS = mercY(bounds.south);
  const project: Project = (lon, lat) => [
    M.left + ((mercX(lon) - x0) / (x1 - x0)) * frame.width,
    M.top + ((yN - mercY(lat)) / (yN - yS)) * frame.height,
  ];

  // Inside the frame, clipped.
  ctx.save();
  ctx.beginPath();
  ctx.rect(M.left, M.top, frame.width, frame.height);
  ctx.clip();
  ctx.fillStyle = BASEMAP_COLOURS.water;
  ctx.fillRect(M.left, M.top, frame.width, frame.height);
  if (countries) {
    ctx.beginPath();
    pathOf(ctx, countries.land, project);
    ctx.fillStyle = BASEMAP_COLOURS.land;
    ctx.fill('evenodd');
  }
  const step = degreeStep(bounds.east - bounds.west);
  const latStep = degreeStep(bounds.north - bounds.south, 5);
  ctx.beginPath();
  for (const lon of ticksBetween(bounds.west, bounds.east, step)) {
    const [x] = project(lon, 0);
    ctx.moveTo(x, M.top);
    ctx.lineTo(x, M.top + frame.height);
  }
  for (const lat of ticksBetween(bounds.south, bounds.north, latStep)) {
    const [, y] = project(0, lat);
    ctx.moveTo(M.left, y);
    ctx.lineTo(M.left + frame.width, y);
  }
  ctx.strokeStyle = BASEMAP_COLOURS.graticule;
  ctx.lineWidth = 0.5;
  ctx.stroke();

  // The raster at the figure's own resolution: one canvas pixel per device pixel.
  const rw = Math.round(frame.width * s), rh = Math.round(frame.height * s);
  const lk = model.lookupFor(bounds, rw, rh);
  const img = new ImageData(rw, rh);
  model.paint(layer, year, new Uint32Array(img.data.buffer), lk.lookup);
  const tmp = document.createElement('canvas');
  tmp.width = rw;
  tmp.height = rh;
  tmp.getContext('2d')!.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(tmp, M.left, M.top, frame.width, frame.height);

  if (countries) {
    ctx.beginPath();
    pathGeometry(ctx, countries.borders, project);
    ctx.setLineDash([4, 2]);
    ctx.strokeStyle = BASEMAP_COLOURS.border;
    ctx.lineWidth = 0.8;
    ctx.stroke();
    ctx.setLineDash([]);
  }
  // Zones, the selected zone, the boundary.
  ctx.lineJoin = 'round';
  ctx.beginPath();
  result.zones.forEach((z) => pathGeometry(ctx, z.geometry, project));
  ctx.strokeStyle = '#333';
  ctx.lineWidth = 0.8;
  ctx.stroke();
  const sel = result.zones.find((z) => z.id === opt.zone);
  if (sel) {
    ctx.beginPath();
    pathGeometry(ctx, sel.geometry, project);
    ctx.strokeStyle = BASEMAP_COLOURS.selected;
    ctx.lineWidth = 2;
    ctx.stroke();
  }
  if (result.boundary) {
    ctx.beginPath();
    pathOf(ctx, result.boundary, project);
    ctx.strokeStyle = '#000';
    ctx.lineWidth = 1.4;
    ctx.stroke();
  }
  // Zone codes with a white halo.
  ctx.font = `bold 11px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (const z of result.zones) {
    const [x, y] = project(...labelPoint(z.geometry));
    ctx.lineWidth = 3;
    ctx.strokeStyle = 'rgba(255,255,255,0.9)';
    ctx.strokeText(z.id, x, y);
    ctx.fillStyle = '#111';
    ctx.fillText(z.id, x, y);
  }
  // North arrow (top right) and scale bar (bottom left), inside the frame.
  drawNorthArrow(ctx, M.left + frame.width - 28, M.top + 14);
  const midLat = (bounds.north + bounds.south) / 2;
  const bar = scaleBar(metresPerPixel(bounds, frame.width, midLat), frame.width * 0.25);
  drawScaleBar(ctx, M.left + 14, M.top + frame.height - 18, bar);
  ctx.restore();

  // Frame and ticks.
  ctx.strokeStyle = '#000';
  ctx.lineWidth = 1;
  ctx.strokeRect(M.left + 0.5, M.top + 0.5, frame.width - 1, frame.height - 1);
  ctx.font = `11px ${FONT}`;
  ctx.fillStyle = '#000';
  const tick = 5;
  ctx.beginPath();
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const lon of ticksBetween(bounds.west, bounds.east, step)) {
    const [x] = project(lon, 0);
    ctx.moveTo(x, M.top + frame.height);
    ctx.lineTo(x, M.top + frame.height + tick);
    ctx.moveTo(x, M.top);
    ctx.lineTo(x, M.top - tick);
    ctx.fillText(degreeLabel(lon, 'E', 'W'), x, M.top + frame.height + tick + 2);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const lat of ticksBetween(bounds.south, bounds.north, latStep)) {
    const [, y] = project(0, lat);
    ctx.moveTo(M.left, y);
    ctx.lineTo(M.left - tick, y);
    ctx.moveTo(M.left + frame.width, y);
    ctx.lineTo(M.left + frame.width + tick, y);
    ctx.fillText(degreeLabel(lat, 'N', 'S'), M.left - tick - 3, y);
  }
  ctx.stroke();

  // Title.
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.font = `bold 17px ${FONT}`;
  ctx.fillText(legendTitle(def, year), M.left, 30);
  ctx.font = `12px ${FONT}`;
  ctx.fillStyle = '#333';
  ctx.fillText(`${result.summary.dataset}, ${result.summary.years[0]}–${result.summary.years[result.summary.years.length - 1]}`, M.left, 50);

  // Legend.
  drawLegend(ctx, M.left + frame.width + M.right + 10, M.top, legendW - 20, frame.height, def, colourScale);

  // Source line.
  ctx.font = `10px ${FONT}`;
  ctx.fillStyle = '#555';
  ctx.textAlign = 'left';
  ctx.fillText(
    `Web Mercator; raster on its ${result.maps.grid.crs.name} grid, reprojected per pixel (nearest neighbour). Basemap: Natural Earth. NEP Explorer.`,
    M.left, H - 14,
  );
  return canvas;
}

function drawNorthArrow(ctx: CanvasRenderingContext2D, x: number, y: number): void {
  ctx.save();
  ctx.fillStyle = 'rgba(255,255,255,0.8)';
  ctx.fillRect(x - 12, y - 4, 24, 46);
  ctx.beginPath();
  ctx.moveTo(x, y + 14);
  ctx.lineTo(x + 8, y + 38);
  ctx.lineTo(x, y + 32);
  ctx.closePath();
  ctx.fillStyle = '#fff';
  ctx.fill();
  ctx.beginPath();
  ctx.moveTo(x, y + 14);
  ctx.lineTo(x - 8, y + 38);
  ctx.lineTo(x, y + 32);
  ctx.closePath();
  ctx.fillStyle = '#000';
  ctx.fill();
  ctx.beginPath();
  ctx.moveTo(x, y + 14);
  ctx.lineTo(x + 8, y + 38);
  ctx.lineTo(x, y + 32);
  ctx.closePath();
  ctx.strokeStyle = '#000';
  ctx.lineWidth = 1;
  ctx.stroke();
  ctx.font = `bold 12px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillStyle = '#000';
  ctx.fillText('N', x, y - 2);
  ctx.restore();
}

function drawScaleBar(ctx: CanvasRenderingContext2D, x: number, y: number, bar: { km: number; px: number }): void {
  ctx.save();
  ctx.fillStyle = 'rgba(255,255,255,0.8)';
  ctx.fillRect(x - 6, y - 20, bar.px + 40, 30);
  const h = 5;
  for (let i = 0; i < 4; i++) {
    ctx.fillStyle = i % 2 ? '#fff' : '#000';
    ctx.fillRect(x + (i * bar.px) / 4, y, bar.px / 4, h);
  }
  ctx.strokeStyle = '#000';
  ctx.lineWidth = 0.8;
  ctx.strokeRect(x, y, bar.px, h);
  ctx.font = `10px ${FONT}`;
  ctx.fillStyle = '#000';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText('0', x, y - 2);
  ctx.fillText(String(bar.km / 2), x + bar.px / 2, y - 2);
  ctx.textAlign = 'left';
  ctx.fillText(`${bar.km} km`, x + bar.px - 6, y - 2);
  ctx.restore();
}

function drawLegend(
  ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number,
  def: ReturnType<typeof layerDef>, scale: ReturnType<RasterModel['scale']>,
): void {
  ctx.save();
  ctx.fillStyle = '#000';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.font = `bold 12px ${FONT}`;
  const head = def.ramp === 'classes' ? 'Trend class' : def.ramp === 'sign' ? 'Carbon sink / source' : def.label;
  ctx.fillText(head, x, y);
  ctx.font = `11px ${FONT}`;
  if (def.unit) ctx.fillText(def.unit === 'unitless' ? 'ρ (unitless)' : def.unit, x, y + 16);
  if (scale.type === 'classes') {
    scale.codes.forEach((c, i) => {
      const yy = y + 40 + i * 22;
      ctx.fillStyle = scale.colours[i];
      ctx.fillRect(x, yy, 18, 14);
      ctx.strokeStyle = '#555';
      ctx.lineWidth = 0.5;
      ctx.strokeRect(x + 0.25, yy + 0.25, 17.5, 13.5);
      ctx.fillStyle = '#000';
      ctx.fillText(scale.names[i], x + 26, yy + 1);
    });
    ctx.restore();
    return;
  }
  // A vertical colour bar, high values at the top.
  const barH = Math.min(h - 60, 300), barW = 18, top = y + 40;
  for (let i = 0; i < barH; i++) {
    ctx.fillStyle = scale.interpolator(1 - i / (barH - 1));
    ctx.fillRect(x, top + i, barW, 1.2);
  }
  ctx.strokeStyle = '#000';
  ctx.lineWidth = 0.6;
  ctx.strokeRect(x, top, barW, barH);
  const fmt = d3.format(Math.abs(scale.hi - scale.lo) < 5 ? '.1~f' : ',~f');
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#000';
  ctx.beginPath();
  for (const v of legendTicks(scale.lo, scale.hi, 6)) {
    const yy = top + (1 - (v - scale.lo) / (scale.hi - scale.lo)) * barH;
    ctx.moveTo(x + barW, yy);
    ctx.lineTo(x + barW + 4, yy);
    ctx.fillText(fmt(v).replace('-', '−'), x + barW + 7, yy);
  }
  ctx.stroke();
  if (def.ramp === 'diverging') {
    ctx.font = `10px ${FONT}`;
    ctx.fillStyle = '#555';
    ctx.textBaseline = 'top';
    const note = ['Colours saturate beyond', `±${fmt(scale.hi)} (98th percentile of |value|)`];
    note.forEach((t, i) => ctx.fillText(t, x, top + barH + 10 + i * 13));
  }
  ctx.restore();
}

/**
 * The figure's file name, `<layer>[-<year>]_<slug>.png`, naming the analysed variable:
 * `nep-mean_qilian.png`, or `npp-mean_hawaii.png` for an analysis of NPP (figureFileName's
 * stem, the layer id, swapped for the variable's).
 */
export function figureFileNameFor(layer: LayerId, year: YearSel, slug: string, variable: AnalysedVariable = 'NEP'): string {
  const name = figureFileName(layer, year, slug);
  const stem = layerFileStem(layer, year);
  return name.startsWith(stem) ? layerFileStem(layer, year, variable) + name.slice(stem.length) : name;
}

/** Draw and download the figure as `<layer>[-<year>]_<slug>.png` (figureFileNameFor). */
export async function exportFigure(model: RasterModel, layer: LayerId, year: YearSel, scale: number, zone: string | null): Promise<void> {
  const canvas = await drawFigure(model, { layer, year, scale, zone });
  const blob = await new Promise<Blob>((res, rej) => canvas.toBlob((b) => (b ? res(b) : rej(new Error('could not encode the PNG'))), 'image/png'));
  const r = model.result;
  download(blob, figureFileNameFor(layer, year, r.slug, r.variable));
}
