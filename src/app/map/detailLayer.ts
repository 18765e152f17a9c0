/**
 * Large mode's zoomed window drawn over the map's coarse raster: a second canvas source, above
 * the coarse one and below the zones, painted with the same layer, year and colour scale as the
 * map (the scale of the map's level, so colours agree across the seam).
 */
import { useEffect, useRef } from 'react';
import type * as maplibregl from 'maplibre-gl';
import type { LayerId, YearSel } from '../state/layers';
import { addCanvasRaster, canvasChanged, removeCanvasRaster } from './canvasRaster';
import type { RasterModel } from './rasterModel';

export function useDetailLayer(
  map: maplibregl.Map | null,
  loaded: boolean,
  detail: RasterModel | null,
  coarse: RasterModel | null,
  layer: LayerId,
  year: YearSel,
  opacity: number,
  el: HTMLElement | null,
): void {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  useEffect(() => {
    if (!map || !loaded || !detail || !coarse) {
      el?.removeAttribute('data-detail');
      return;
    }
    canvasRef.current = addCanvasRaster(map, 'raster-detail', detail.screen, opacity, 'zones-fill');
    const g = detail.result.maps.grid;
    el?.setAttribute('data-detail', `${g.width}x${g.height}`);
    return () => {
      removeCanvasRaster(map, 'raster-detail');
      canvasRef.current = null;
    };
    // opacity has its own effect
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, loaded, detail, coarse]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!map || !loaded || !detail || !coarse || !canvas) return;
    const ctx = canvas.getContext('2d')!;
    const img = ctx.createImageData(canvas.width, canvas.height);
    detail.paintWith(coarse.scale(layer, year), layer, year, new Uint32Array(img.data.buffer));
    ctx.putImageData(img, 0, 0);
    canvasChanged(map, 'raster-detail');
  }, [map, loaded, detail, coarse, layer, year]);

  useEffect(() => {
    if (map && loaded && map.getLayer('raster-detail')) map.setPaintProperty('raster-detail', 'raster-opacity', opacity);
  }, [map, loaded, detail, opacity]);
}
