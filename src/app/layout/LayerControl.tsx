/** The layer control on the map: layers by group, year slider with play, mean, opacity, online basemap. */
import { useEffect, useId, useRef } from 'react';
import type { LayerDef, LayerId, YearSel } from '../state/layers';

interface Props {
  layers: LayerDef[];
  layer: LayerId;
  onLayer: (id: LayerId) => void;
  years: number[];
  year: YearSel;
  onYear: (y: YearSel) => void;
  playing: boolean;
  onPlaying: (p: boolean) => void;
  opacity: number;
  onOpacity: (o: number) => void;
  online: boolean;
  onOnline: (o: boolean) => void;
}

/** How long each year shows while playing. */
const PLAY_MS = 700;

export function LayerControl(p: Props) {
  const id = useId();
  const def = p.layers.find((l) => l.id === p.layer);
  const yearly = def?.yearly ?? false;
  const groups = [...new Set(p.layers.map((l) => l.group))];
  const first = p.years[0], last = p.years[p.years.length - 1];
  const sliderYear = p.year === 'mean' ? last : p.year;

  // Play: show each year for PLAY_MS, then the next (wrapping around), until paused.
  const next = useRef({ years: p.years, onYear: p.onYear });
  next.current = { years: p.years, onYear: p.onYear };
  useEffect(() => {
    if (!p.playing) return;
    const t = setTimeout(() => {
      const { years, onYear } = next.current;
      const i = p.year === 'mean' ? -1 : years.indexOf(p.year);
      onYear(years[(i + 1) % years.length]);
    }, PLAY_MS);
    return () => clearTimeout(t);
  }, [p.playing, p.year]);

  return (
    <section className="layer-control" aria-label="Map layers">
      <div role="radiogroup" aria-label="Layer" className="layer-groups">
        {groups.map((g) => (
          <fieldset key={g}>
            <legend>{g}</legend>
            {p.layers
              .filter((l) => l.group === g)
              .map((l) => (
                <label key={l.id} className="layer-option">
                  <input type="radio" name={`${id}-layer`} value={l.id} checked={p.layer === l.id} onChange={() => p.onLayer(l.id)} />
                  {l.label}
                </label>
              ))}
          </fieldset>
        ))}
      </div>
      <fieldset className="year-control" disabled={!yearly}>
        <legend>Year{yearly ? '' : ' (not used by this layer)'}</legend>
        <label className="inline">
          <input
            type="checkbox"
            checked={p.year === 'mean'}
            onChange={(e) => {
              p.onPlaying(false);
              p.onYear(e.target.checked ? 'mean' : last);
            }}
          />
          Multi-year mean {first}–{last}
        </label>
        <div className="year-row">
          <button
            type="button"
            className="play"
            aria-pressed={p.playing}
            aria-label={p.playing ? 'Pause the year animation' : `Play the years ${first}–${last}`}
            onClick={() => {
              if (!p.playing && p.year === 'mean') p.onYear(first);
              p.onPlaying(!p.playing);
            }}
          >
            {p.playing ? '❚❚' : '▶'}
          </button>
          <input
            type="range"
            aria-label="Year"
            aria-valuetext={p.year === 'mean' ? 'multi-year mean' : String(p.year)}
            min={first}
            max={last}
            step={1}
            value={sliderYear}
            onChange={(e) => {
              p.onYear(Number(e.target.value));
            }}
          />
          <output className="year-value" aria-live="off">{p.year === 'mean' ? 'mean' : p.year}</output>
        </div>
      </fieldset>
      <div className="control-row">
        <label htmlFor={`${id}-opacity`}>Opacity</label>
        <input
          id={`${id}-opacity`}
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={p.opacity}
          onChange={(e) => p.onOpacity(Number(e.target.value))}
        />
      </div>
      <label className="inline" title="Loads OpenStreetMap tiles from the internet">
        <input type="checkbox" checked={p.online} onChange={(e) => p.onOnline(e.target.checked)} />
        Online basemap (OpenStreetMap)
      </label>
    </section>
  );
}
