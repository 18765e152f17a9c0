/**
 * The map: MapLibre with an offline basemap, the analysis raster as a canvas source placed by
 * per-pixel reprojection (see lookup.ts), zone outlines with HTML labels, the boundary, hover
 * read-out and click picking. No network requests unless `online` is on.
 */
import { useEffect, useRef, useState } from 'react';
import * as maplibregl from 'maplibre-gl';
import type { AnalysisResult } from '../../engine/types';
import type { LayerId, YearSel } from '../state/layers';
import { FLAT_MAX_PITCH, withoutSky } from './flatMap';
import { baseStyle, BASEMAP_COLOURS, degreeStep, graticule, labelPoint, loadCountries, loadWaters, OSM_SOURCE } from './basemap';
import { addCanvasRaster, canvasChanged, removeCanvasRaster } from './canvasRaster';
import type { PixelPick, RasterModel } from './rasterModel';
import { useDetailLayer } from './detailLayer';
import type { LonLatBounds } from './mercator';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

// MapLibre looks for its worker next to its own module, which a bundle moves: point it at the
// copy Vite ships with the app.
maplibregl.setWorkerUrl(maplibreWorkerUrl);

export interface HoverInfo {
  lon: number;
  lat: number;
  /** The included pixel under the cursor, or null. */
  pixel: PixelPick | null;
  /** Zone name under the cursor (from the pixel's zone, else the zone polygon), or null. */
  zone: string | null;
}

export interface MapPick {
  pixel: PixelPick | null;
  /** Zone id clicked, or null outside every zone. */
  zoneId: string | null;
}

interface Props {
  model: RasterModel | null;
  layer: LayerId;
  year: YearSel;
  opacity: number;
  online: boolean;
  selectedZone: string | null;
  pixel: PixelPick | null;
  onHover: (h: HoverInfo | null) => void;
  onPick: (p: MapPick) => void;
  /**
   * Wait before starting MapLibre (at most 2.5 s): its start-up holds the page's thread for most
   * of a second, which the engine needs first to prepare the dataset and hand its workers their
   * blocks. Once started, the map stays.
   */
  holdOff?: boolean;
  /** Not shown while there is no model (a dataset loading: the progress bar says so). */
  veiled?: boolean;
  /** Draw the zone outlines, boundary and graticule (false while a dataset loads: see their effect). */
  outlines?: boolean;
  /** Large mode: a finer window of the view, drawn over the model (its pixels are picked first). */
  detail?: RasterModel | null;
  /** The view's lon/lat box after each move or zoom. */
  onView?: (b: LonLatBounds) => void;
}

/** A map not shown yet: hidden, and 1 × 1 px so that every frame MapLibre draws meanwhile is tiny. */
const VEILED = { visibility: 'hidden', inset: 'auto', left: 0, top: 0, width: 1, height: 1 } as const;
/** The water colour under the map's layers: the container's, as the map has no background layer (flatMap.ts). */
const WATER = { background: BASEMAP_COLOURS.water } as const;
const WATER_VEILED = { ...WATER, ...VEILED } as const;

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

/** The map's GeoJSON sources, and the layers that draw each. */
const LAYERS_OF: Record<string, string[]> = {
  land: ['land'],
  lakes: ['lakes'],
  rivers: ['rivers'],
  borders: ['borders'],
  graticule: ['graticule'],
  regions: ['regions'],
  zones: ['zones-fill', 'zones-line', 'zones-selected'],
  boundary: ['boundary-line'],
};

/** Sets a GeoJSON source's data, and shows its layers only while it has any (see the map's load). */
function setGeojson(map: maplibregl.Map, id: string, data: GeoJSON.GeoJSON): void {
  const source = map.getSource(id) as maplibregl.GeoJSONSource | undefined;
  if (!source) return;
  source.setData(data);
  const visibility = data.type === 'FeatureCollection' && data.features.length === 0 ? 'none' : 'visible';
  for (const layer of LAYERS_OF[id] ?? []) if (map.getLayer(layer) && map.getLayoutProperty(layer, 'visibility') !== visibility) map.setLayoutProperty(layer, 'visibility', visibility);
}

function zonesCollection(result: AnalysisResult): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: result.zones.map((z, i) => ({ type: 'Feature', id: i, properties: { id: z.id, name: z.name, idx: i }, geometry: z.geometry })),
  };
}

/**
 * Draws a transparent 1×1 canvas raster (painted with putImageData, as the result's raster is) in
 * the middle of the view until the map is first idle, so that MapLibre compiles its raster shader
 * while the engine computes (on a software GPU that takes a while, which would otherwise come
 * after the result, before the first map). The vector layers' shaders compile when their data
 * first comes: see `outlines`.
 */
function warmShaders(map: maplibregl.Map): void {
  const c = map.getCenter();
  const d = 0.02;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  // The page's first putImageData makes Chromium set up a GPU context of its own (~150 ms, more
  // while the GPU is busy): done here, on a main-memory canvas like the raster's, not before the
  // first map.
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx?.putImageData(ctx.createImageData(1, 1), 0, 0);
  const ring: GeoJSON.Position[] = [[c.lng - d, c.lat + d], [c.lng + d, c.lat + d], [c.lng + d, c.lat - d], [c.lng - d, c.lat - d]];
  map.addSource('raster-warm', { type: 'canvas', canvas, animate: false, coordinates: ring as [[number, number], [number, number], [number, number], [number, number]] });
  map.addLayer({ id: 'raster-warm', type: 'raster', source: 'raster-warm', paint: { 'raster-resampling': 'nearest', 'raster-fade-duration': 0 } });
  map.once('idle', () => removeWarmLayer(map));
}

function removeWarmLayer(map: maplibregl.Map): void {
  if (map.getLayer('raster-warm')) map.removeLayer('raster-warm');
  if (map.getSource('raster-warm')) map.removeSource('raster-warm');
}

export function MapView({ model, layer, year, opacity, online, selectedZone, pixel, onHover, onPick, holdOff = false, veiled = false, outlines = true, detail = null, onView }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [loaded, setLoaded] = useState(false);
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const imageRef = useRef<ImageData | null>(null);
  const modelRef = useRef<RasterModel | null>(null);
  const handlers = useRef({ onHover, onPick, onView });
  handlers.current = { onHover, onPick, onView };
  const detailRef = useRef<RasterModel | null>(null);
  detailRef.current = detail;
  /** The finest pixel on screen under a point: the zoomed window's, else the map's. */
  const pickAt = (lon: number, lat: number) => {
    const d = detailRef.current?.pick(lon, lat);
    return d && d.k >= 0 ? d : modelRef.current?.pick(lon, lat) ?? null;
  };

  const [go, setGo] = useState(!holdOff);
  useEffect(() => {
    if (go) return;
    if (!holdOff) return void setGo(true);
    const t = setTimeout(() => setGo(true), 2500);
    return () => clearTimeout(t);
  }, [holdOff, go]);

  // The map, once.
  useEffect(() => {
    if (!el.current || !go) return;
    const map = new maplibregl.Map({
      container: el.current,
      style: baseStyle(),
      center: [99, 38.3],
      zoom: 5.3,
      attributionControl: false,
      canvasContextAttributes: { preserveDrawingBuffer: true },
      maxPitch: FLAT_MAX_PITCH,
    });
    mapRef.current = map;
    withoutSky(map);
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    map.addControl(new maplibregl.AttributionControl({ compact: true, customAttribution: 'Basemap: Natural Earth' }), 'bottom-right');
    // Zone names next to their codes only when zoomed in enough to have room for them.
    const names = () => el.current?.classList.toggle('show-zone-names', map.getZoom() >= 7);
    map.on('zoomend', names);
    map.on('load', () => {
      names();
      // Every vector layer starts hidden, its source empty: setGeojson shows a source's layers once
      // it has data. A line or fill layer draws MapLibre's tile clipping masks even with no data,
      // and on a software GPU their shader costs ~0.2 s of CPU while a dataset loads (flatMap.ts).
      const hidden = { visibility: 'none' } as const;
      const line = (id: string, source: string, paint: maplibregl.LineLayerSpecification['paint'], filter?: maplibregl.FilterSpecification) =>
        map.addLayer({ id, type: 'line', source, paint, layout: hidden, ...(filter ? { filter } : {}) });
      const fill = (id: string, source: string, paint: maplibregl.FillLayerSpecification['paint']) => map.addLayer({ id, type: 'fill', source, paint, layout: hidden });
      for (const s of Object.keys(LAYERS_OF)) map.addSource(s, { type: 'geojson', data: EMPTY });
      fill('land', 'land', { 'fill-color': BASEMAP_COLOURS.land });
      fill('lakes', 'lakes', { 'fill-color': BASEMAP_COLOURS.water, 'fill-outline-color': BASEMAP_COLOURS.river });
      line('rivers', 'rivers', { 'line-color': BASEMAP_COLOURS.river, 'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.4, 8, 1.4] });
      line('borders', 'borders', { 'line-color': BASEMAP_COLOURS.border, 'line-width': 0.8, 'line-dasharray': [4, 2] });
      line('graticule', 'graticule', { 'line-color': BASEMAP_COLOURS.graticule, 'line-width': 0.6 });
      line('regions', 'regions', { 'line-color': BASEMAP_COLOURS.region, 'line-width': 0.7, 'line-dasharray': [1, 2] });
      fill('zones-fill', 'zones', { 'fill-color': '#000', 'fill-opacity': 0 });
      line('zones-line', 'zones', { 'line-color': BASEMAP_COLOURS.zone, 'line-width': 1 });
      line('zones-selected', 'zones', { 'line-color': BASEMAP_COLOURS.selected, 'line-width': 2.5 }, ['==', ['get', 'id'], '']);
      line('boundary-line', 'boundary', { 'line-color': BASEMAP_COLOURS.boundary, 'line-width': 1.6 });
      warmShaders(map);
      setLoaded(true);
    });

    let raf = 0;
    let last: maplibregl.MapMouseEvent | null = null;
    const zoneAt = (e: maplibregl.MapMouseEvent): { id: string; name: string } | null => {
      if (!map.getLayer('zones-fill')) return null;
      const f = map.queryRenderedFeatures(e.point, { layers: ['zones-fill'] })[0];
      return f ? { id: String(f.properties.id), name: String(f.properties.name) } : null;
    };
    map.on('mousemove', (e) => {
      last = e;
      if (raf) return;
      raf = requestAnimationFrame(() => {
        raf = 0;
        const ev = last!;
        const pick = pickAt(ev.lngLat.lng, ev.lngLat.lat);
        const pixelPick = pick && pick.k >= 0 ? pick : null;
        const m = pixelPick?.model ?? modelRef.current;
        let zone: string | null = null;
        if (m && pixelPick && m.result.maps.zone[pixelPick.k] >= 0) zone = m.result.zones[m.result.maps.zone[pixelPick.k]]?.name ?? null;
        else zone = zoneAt(ev)?.name ?? null;
        handlers.current.onHover({ lon: ev.lngLat.lng, lat: ev.lngLat.lat, pixel: pixelPick, zone });
      });
    });
    map.getCanvas().addEventListener('mouseleave', () => handlers.current.onHover(null));
    map.on('moveend', () => {
      const b = map.getBounds();
      handlers.current.onView?.({ west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth() });
    });
    map.on('click', (e) => {
      if (!modelRef.current) return;
      const pick = pickAt(e.lngLat.lng, e.lngLat.lat);
      const z = zoneAt(e);
      handlers.current.onPick({ pixel: pick && pick.k >= 0 ? pick : null, zoneId: z?.id ?? null });
    });
    return () => {
      cancelAnimationFrame(raf);
      mapRef.current = null;
      setLoaded(false);
      map.remove();
    };
  }, [go]);

  // The basemap's data (Natural Earth land, borders, rivers, lakes; the park's regions) once the
  // load is over (the first map and the whole result on screen), or after a few seconds without
  // a map: tiling it keeps the page's thread, MapLibre's workers and the GPU busy for a second or
  // more, time the engine's workers need on a small machine.
  const [basemapDue, setBasemapDue] = useState(false);
  useEffect(() => {
    if (basemapDue) return;
    if (model && !veiled) {
      const t = setTimeout(() => setBasemapDue(true), 0);
      return () => clearTimeout(t);
    }
    const t = setTimeout(() => setBasemapDue(true), 5000);
    return () => clearTimeout(t);
  }, [model, veiled, basemapDue]);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || !basemapDue) return;
    loadCountries()
      .then(({ land, borders }) => {
        if (!mapRef.current) return;
        setGeojson(map, 'land', land);
        setGeojson(map, 'borders', { type: 'Feature', properties: {}, geometry: borders });
      })
      .catch((e) => console.warn('basemap: could not load Natural Earth countries', e));
    loadWaters()
      .then(({ rivers, lakes }) => {
        if (!mapRef.current) return;
        setGeojson(map, 'rivers', rivers);
        setGeojson(map, 'lakes', lakes);
      })
      .catch((e) => console.warn('basemap: could not load Natural Earth rivers and lakes', e));
    fetch(`${import.meta.env.BASE_URL}basemap/qilian-regions.geojson`)
      .then((r) => (r.ok ? r.json() : EMPTY))
      .then((d) => mapRef.current && setGeojson(map, 'regions', d))
      .catch(() => {});
  }, [loaded, basemapDue]);

  // A new result: the raster canvas source, zones, boundary, labels, graticule; fit the view.
  useEffect(() => {
    const map = mapRef.current;
    modelRef.current = model;
    if (!map || !loaded || !model) return;
    // Unveiled: the container has its size now. Only when it changed: a resize reallocates the
    // WebGL drawing buffer (~80 ms in software GL), which a new result of the same size skips.
    const c = map.getContainer();
    const canvas = map.getCanvas();
    if (c.clientWidth !== canvas.clientWidth || c.clientHeight !== canvas.clientHeight) map.resize();
    const { screen, result } = model;
    canvasRef.current = addCanvasRaster(map, 'raster', screen, opacity, 'zones-fill');
    // The shader warm-up's layer goes with the first raster, in the same frame (not one of its own).
    removeWarmLayer(map);
    const b = screen.bounds;
    const markers = result.zones.map((z) => {
      const div = document.createElement('div');
      div.className = 'zone-label';
      const code = document.createElement('b');
      code.textContent = z.id;
      const name = document.createElement('span');
      name.textContent = z.name;
      div.append(code, name);
      return new maplibregl.Marker({ element: div, anchor: 'center' }).setLngLat(labelPoint(z.geometry)).addTo(map);
    });
    // Leave room for the layer control (left) and the legend (bottom).
    const w = el.current?.clientWidth ?? 800;
    const padding = w > 700 ? { left: 280, right: 30, top: 30, bottom: 130 } : 20;
    map.fitBounds([[b.west, b.south], [b.east, b.north]], { padding, duration: 0 });
    el.current?.setAttribute('data-raster', `${screen.width}x${screen.height}`);
    el.current?.setAttribute('data-grid', `${result.maps.grid.width}x${result.maps.grid.height}`);
    return () => {
      markers.forEach((mk) => mk.remove());
      removeCanvasRaster(map, 'raster');
      canvasRef.current = null;
    };
    // opacity is applied by its own effect
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [model, loaded]);

  // Zone outlines (and their fill, which clicks find zones in), the boundary and the graticule:
  // drawn once the analysis is over (`outlines`), or at once for the dataset whose outlines are on
  // screen already (a re-run with new settings). Their line shader is MapLibre's largest: on a
  // software GPU it compiles for ~250 ms, CPU the engine's workers need while a dataset loads.
  const outlined = useRef('');
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || !model) return;
    const { screen, result } = model;
    const key = `${result.zones.map((z) => z.id).join('\u0000')}|${result.boundary ? 'b' : ''}|${result.maps.grid.width}x${result.maps.grid.height}`;
    // While a dataset loads the sources stay empty: emptying them again (each a round trip to
    // MapLibre's worker, and a frame when it answers) drew the first map three more times.
    if (!outlines && (outlined.current === key || outlined.current === '')) return;
    const b = screen.bounds;
    setGeojson(map, 'zones', outlines ? zonesCollection(result) : EMPTY);
    setGeojson(map, 'boundary', outlines ? result.boundary ?? EMPTY : EMPTY);
    setGeojson(map, 'graticule', outlines ? graticule(b, degreeStep(b.east - b.west)) : EMPTY);
    outlined.current = outlines ? key : '';
  }, [model, loaded, outlines]);

  // Layer or year: one pass over the lookup into the canvas, then a texture update.
  useEffect(() => {
    const map = mapRef.current;
    const canvas = canvasRef.current;
    if (!map || !loaded || !model || !canvas) return;
    const t0 = performance.now();
    const ctx = canvas.getContext('2d')!;
    // One ImageData per canvas, reused by every layer or year switch (a fresh one is megabytes).
    let img = imageRef.current;
    const fresh = !img || img.width !== canvas.width || img.height !== canvas.height;
    if (fresh) {
      img = ctx.createImageData(canvas.width, canvas.height); // transparent black: painted where the park is only
      imageRef.current = img;
    }
    model.paint(layer, year, new Uint32Array(img!.data.buffer), undefined, fresh);
    ctx.putImageData(img!, 0, 0);
    canvasChanged(map, 'raster');
    el.current?.setAttribute('data-render-ms', (performance.now() - t0).toFixed(1));
    el.current?.setAttribute('data-view', `${layer}|${year}`);
  }, [model, loaded, layer, year]);

  useDetailLayer(loaded ? mapRef.current : null, loaded, detail, model, layer, year, opacity, el.current);

  useEffect(() => {
    const map = mapRef.current;
    if (map && loaded && map.getLayer('raster')) map.setPaintProperty('raster', 'raster-opacity', opacity);
  }, [opacity, loaded, model]);

  useEffect(() => {
    const map = mapRef.current;
    if (map && loaded) map.setFilter('zones-selected', ['==', ['get', 'id'], selectedZone ?? '']);
  }, [selectedZone, loaded, model]);

  // The selected pixel: a small square marker.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || !pixel) return;
    const div = document.createElement('div');
    div.className = 'pixel-marker';
    div.setAttribute('aria-label', `Selected pixel at ${pixel.lon.toFixed(3)}, ${pixel.lat.toFixed(3)}`);
    const mk = new maplibregl.Marker({ element: div }).setLngLat([pixel.lon, pixel.lat]).addTo(map);
    return () => void mk.remove();
  }, [pixel, loaded]);

  // Online basemap: OpenStreetMap tiles, only when asked for. They are opaque, above the offline
  // land and lakes (which show while tiles load, and wherever none come).
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    if (online) {
      if (!map.getSource('osm')) map.addSource('osm', OSM_SOURCE);
      if (!map.getLayer('osm')) map.addLayer({ id: 'osm', type: 'raster', source: 'osm', paint: { 'raster-saturation': -0.6 } }, 'graticule');
    } else {
      if (map.getLayer('osm')) map.removeLayer('osm');
      if (map.getSource('osm')) map.removeSource('osm');
    }
  }, [online, loaded]);

  // Veiled (hidden, and 1 × 1 px) until the first map while a dataset loads: MapLibre starts and
  // compiles its shaders meanwhile, but every frame it draws then is one pixel (on a software GPU
  // whole-canvas frames took ~0.5 s of CPU from the engine's workers), and there is nothing to see
  // on it yet. The model's effect sizes it to its container when it is unveiled.
  return <div ref={el} className="map" data-testid="map" role="region" aria-label="Map" style={veiled && !model ? WATER_VEILED : WATER} />;
}
