/**
 * The explorer: header, the map with its layer control, legend and read-out on the left, the
 * panels (zones, pixel, settings) on the right. The view (layer, year, zone) lives in the URL hash.
 *
 * Clicking the map: a click on an included pixel selects that pixel (pixel panel); a click
 * inside a zone also selects the zone (zone panel), so the pixel's series can be read against
 * its zone's. A click outside every zone keeps the zone selection; a click off the data clears
 * the pixel.
 *
 * The analysed variable (result.variable) names the layers, legend, panels and exports: NPP for a
 * dataset without climate for Rh, else NEP. A failed load is told once, by the open control's
 * dismissible alert in the header (naming the file); with nothing on screen the map says what to do.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AnalysisOptions } from '../engine/types';
import { MapView, type HoverInfo, type MapPick } from './map/MapView';
import { previewModel, RasterModel, type PixelPick } from './map/rasterModel';
import { Legend } from './map/Legend';
import { exportFigure } from './map/figure';
import { availableLayers, layerDef, LAYERS, type LayerId, type YearSel } from './state/layers';
import { clampYear, formatViewState, parseViewState, type ViewState } from './state/urlState';
import { DEMO_DATASET, useAnalysis } from './state/useAnalysis';
import { Header } from './layout/Header';
import { LayerControl } from './layout/LayerControl';
import { ProgressBar } from './layout/ProgressBar';
import { CursorReadout } from './layout/CursorReadout';
import { FigureExport } from './layout/FigureExport';
import { RasterExport } from './layout/RasterExport';
import { PixelPanel, pixelSeries, SettingsPanel, ZoneList, ZonePanel } from './panels';
import { useDetail } from './map/detail';
import type { LonLatBounds } from './map/mercator';
import { pixelResolution } from './state/largeMode';

/** The empty map's hint, in the look of the map's other boxes. */
const EMPTY_HINT_STYLE = {
  background: 'rgba(255, 255, 255, 0.95)', border: '1px solid #c9d1d9', borderRadius: 6, boxShadow: '0 1px 4px rgba(0,0,0,0.12)',
  fontSize: 13, padding: '10px 14px', maxWidth: 420,
} as const;

export function App() {
  const [view, setView] = useState<ViewState>(() => parseViewState(location.hash));
  const [options, setOptions] = useState<AnalysisOptions | null>(null);
  const analysis = useAnalysis(DEMO_DATASET, options);
  const result = analysis.result;
  const variable = result?.variable ?? analysis.preview?.variable ?? 'NEP';
  const layers = useMemo(() => (result ? availableLayers(result.maps, result.variable) : [...LAYERS]), [result]);
  const years = result?.maps.years ?? [];
  const layer: LayerId = layers.some((l) => l.id === view.layer) ? view.layer : 'nep';
  const year: YearSel = result ? clampYear(view.year, years) : view.year;
  const def = layerDef(layer, variable);
  // Before the first result: the load's first map (the mean), shown only in the view it is (the
  // mean layer), with the progress bar on; the panels and the other layers wait for the result.
  const preview = !result && layer === 'nep' && year === 'mean' ? analysis.preview : null;
  const early = useMemo(() => (preview ? previewModel(preview) : null), [preview]);
  const lastEarly = useRef<RasterModel | null>(null);
  if (early) lastEarly.current = early;
  // The result's model takes the first map's lookup when its pixels are the same (a full-resolution
  // first map; one from an overview is on a grid of its own).
  const model = useMemo(() => (result ? new RasterModel(result, lastEarly.current) : null), [result]);
  if (model) lastEarly.current = null;
  const shown = model ?? early;
  const [hover, setHover] = useState<HoverInfo | null>(null);
  const [pixel, setPixel] = useState<PixelPick | null>(null);
  const [playing, setPlaying] = useState(false);
  const [opacity, setOpacity] = useState(0.9);
  const [online, setOnline] = useState(false);

  // The view in the URL hash (replace, so the back button is not flooded while playing).
  useEffect(() => {
    const h = formatViewState({ layer, year, zone: view.zone }, location.hash);
    if (h !== location.hash) history.replaceState(null, '', h);
  }, [layer, year, view.zone]);
  useEffect(() => {
    const on = () => setView(parseViewState(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  // A new result: drop a pixel picked on the previous one.
  useEffect(() => setPixel(null), [result]);

  const regions = result?.summary.regions ?? [];
  const zoneId = view.zone && regions.some((r) => r.id === view.zone) ? view.zone : 'all';
  const region = regions.find((r) => r.id === zoneId) ?? regions[0];

  const onPick = useCallback((p: MapPick) => {
    setPixel(p.pixel);
    if (p.zoneId) setView((v) => ({ ...v, zone: p.zoneId }));
  }, []);

  // Large mode: the view's finer window (drawn over the map; its pixels are picked first).
  const [mapView, setMapView] = useState<LonLatBounds | null>(null);
  const detail = useDetail(result, mapView, analysis.busy);
  const hoverValue = hover?.pixel && model ? (hover.pixel.model ?? model).values.values(layer, year)[hover.pixel.k] : null;
  const scale = shown ? shown.scale(layer, year) : null;
  // The picked pixel's own maps: the map's level, or (large mode) the zoomed window it was picked on.
  const maps = result ? (pixel?.model?.result.maps ?? result.maps) : undefined;
  const pixelZone = pixel && maps && maps.zone[pixel.k] >= 0 ? result!.zones[maps.zone[pixel.k]]?.name : undefined;

  return (
    <div className="app">
      <Header dataset={result?.summary.dataset ?? null} loading={analysis.dataset} />
      <main className="main">
        <div className="map-area">
          <MapView
            model={shown}
            layer={layer}
            year={year}
            opacity={opacity}
            online={online}
            selectedZone={zoneId === 'all' ? null : zoneId}
            pixel={pixel}
            onHover={setHover}
            onPick={onPick}
            veiled={analysis.busy}
            outlines={!analysis.busy}
            detail={detail?.model ?? null}
            onView={setMapView}
            holdOff={analysis.busy && !result && !analysis.preview && !analysis.progress?.stage.startsWith('Computing')}
          />
          {result && (
            <div className="map-overlay top-left">
              <LayerControl
                layers={layers}
                layer={layer}
                onLayer={(id) => setView((v) => ({ ...v, layer: id }))}
                years={years}
                year={year}
                onYear={(y) => setView((v) => ({ ...v, year: y }))}
                playing={playing}
                onPlaying={setPlaying}
                opacity={opacity}
                onOpacity={setOpacity}
                online={online}
                onOnline={setOnline}
              />
              <FigureExport disabled={!model} onExport={(s) => exportFigure(model!, layer, year, s, zoneId === 'all' ? null : zoneId)} />
              <RasterExport result={result} />
            </div>
          )}
          {scale && (
            <div className="map-overlay bottom-left">
              <Legend def={def} year={year} scale={scale} />
            </div>
          )}
          {result && (
            <div className="map-overlay bottom-right">
              <CursorReadout hover={hover} def={def} value={hoverValue} />
            </div>
          )}
          {analysis.busy && analysis.progress && (
            <div className="map-overlay center">
              <ProgressBar progress={analysis.progress} />
            </div>
          )}
          {!result && !analysis.busy && (
            <div className="map-overlay center">
              <div className="empty-hint" role="status" data-testid="empty-hint" style={EMPTY_HINT_STYLE}>
                <b>No dataset on screen.</b> Use <b>Open data…</b> at the top to pick GeoTIFFs, a folder or a dataset.json, or give its URL.
              </div>
            </div>
          )}
        </div>
        <aside className="side-panel" aria-label="Statistics">
          {result && region && (
            <>
              <ZoneList regions={regions} selectedId={zoneId} onSelect={(id) => setView((v) => ({ ...v, zone: id === 'all' ? null : id }))} />
              {pixel && maps && (
                <PixelPanel
                  years={maps.years}
                  series={pixelSeries(maps, pixel.k)}
                  method={result.summary.method}
                  lon={pixel.lon}
                  lat={pixel.lat}
                  zoneName={pixelZone}
                  resolution={pixelResolution(result, maps)}
                  slope={maps.slope[pixel.k]}
                  p={maps.p[pixel.k]}
                  cls={maps.cls[pixel.k]}
                  slug={result.slug}
                  variable={variable}
                  onClose={() => setPixel(null)}
                />
              )}
              <ZonePanel region={region} regions={regions} years={result.summary.years} method={result.summary.method} slug={result.slug} datasetName={result.summary.dataset} variable={variable} />
              <details className="settings">
                <summary>Analysis settings</summary>
                <SettingsPanel
                  key={result.summary.dataset}
                  options={{
                    method: result.summary.method,
                    respiration: result.summary.respiration
                      ? { a: result.summary.respiration.a, b: result.summary.respiration.b, c: result.summary.respiration.c, k: result.summary.respiration.k }
                      : null,
                  }}
                  busy={analysis.busy}
                  onApply={(o) => setOptions(o)}
                />
              </details>
            </>
          )}
        </aside>
      </main>
    </div>
  );
}
