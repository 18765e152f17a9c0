import { useEffect, useRef } from 'react';
import * as maplibregl from 'maplibre-gl';

/** The map: an offline style with no tiles fetched from the network. */
export function MapView() {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const map = new maplibregl.Map({
      container: el.current,
      style: {
        version: 8,
        sources: {},
        layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#e8eef2' } }],
      },
      center: [99, 38.3],
      zoom: 5.3,
      attributionControl: false,
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    map.addControl(new maplibregl.NavigationControl(), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    return () => map.remove();
  }, []);
  return <div ref={el} className="map" data-testid="map" />;
}
