/** The value under the cursor: layer value with unit, zone, lon/lat. */
import type { HoverInfo } from '../map/MapView';
import type { LayerDef } from '../state/layers';
import { TREND_CLASS_NAMES } from '../state/layers';

export function formatLonLat(lon: number, lat: number): string {
  const f = (v: number, pos: string, neg: string) => `${Math.abs(v).toFixed(3)}°${v < 0 ? neg : pos}`;
  return `${f(lat, 'N', 'S')} ${f(lon, 'E', 'W')}`;
}

export function formatLayerValue(def: LayerDef, v: number): string {
  if (!Number.isFinite(v)) return 'no data';
  if (def.ramp === 'classes') return TREND_CLASS_NAMES[v] ?? String(v);
  if (def.ramp === 'sign') return v > 0 ? `sink (NEP ${v.toFixed(1)})` : v < 0 ? `source (NEP ${v.toFixed(1)})` : 'neutral';
  const digits = def.ramp === 'rho' ? 3 : Math.abs(v) < 10 ? 2 : 1;
  return `${v.toFixed(digits).replace('-', '−')}${def.unit && def.unit !== 'unitless' ? ' ' + def.unit : ''}`;
}

export function CursorReadout({ hover, def, value }: { hover: HoverInfo | null; def: LayerDef; value: number | null }) {
  if (!hover) return <div className="readout" data-testid="readout" aria-live="off">Move the pointer over the map</div>;
  return (
    <div className="readout" data-testid="readout" aria-live="off">
      <div data-testid="readout-value">
        <b>{def.label}:</b> {value === null ? '—' : formatLayerValue(def, value)}
      </div>
      <div data-testid="readout-zone">{hover.zone ?? 'Outside the zones'}</div>
      <div data-testid="readout-lonlat">{formatLonLat(hover.lon, hover.lat)}</div>
    </div>
  );
}
