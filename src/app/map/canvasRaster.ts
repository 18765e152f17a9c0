/**
 * A raster drawn from a canvas of our own (a MercatorLookup's size and bounds) as a MapLibre
 * canvas source and raster layer: the map's raster and large mode's zoomed window.
 */
import type * as maplibregl from 'maplibre-gl';
import { sourceCorners, type MercatorLookup } from './lookup';

/**
 * Adds source and layer `id` below layer `before` (when the map has it) and returns the canvas to
 * paint. The canvas is in main memory, not on the GPU: each paint is one putImageData and
 * MapLibre's texture upload then reads plain memory (a GPU canvas costs a GL context of its own,
 * ~150 ms to create on a software GPU, and a read-back per upload).
 */
export function addCanvasRaster(map: maplibregl.Map, id: string, screen: MercatorLookup, opacity: number, before: string): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = screen.width;
  canvas.height = screen.height;
  canvas.getContext('2d', { willReadFrequently: true });
  map.addSource(id, { type: 'canvas', canvas, coordinates: sourceCorners(screen.bounds), animate: false });
  map.addLayer(
    { id, type: 'raster', source: id, paint: { 'raster-resampling': 'nearest', 'raster-fade-duration': 0, 'raster-opacity': opacity } },
    map.getLayer(before) ? before : undefined,
  );
  return canvas;
}

/** Tells MapLibre the canvas of source `id` has new pixels (a paused canvas source re-uploads once). */
export function canvasChanged(map: maplibregl.Map, id: string): void {
  const src = map.getSource(id) as maplibregl.CanvasSource | undefined;
  if (src && typeof src.play === 'function') {
    src.play();
    src.pause();
  }
  map.triggerRepaint();
}

/** Removes what addCanvasRaster added. */
export function removeCanvasRaster(map: maplibregl.Map, id: string): void {
  if (map.getLayer(id)) map.removeLayer(id);
  if (map.getSource(id)) map.removeSource(id);
}
