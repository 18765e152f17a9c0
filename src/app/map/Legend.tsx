/** The map legend: a colour bar with ticks and the unit, or class swatches with names. */
import * as d3 from 'd3';
import type { ColourScale } from './colour';
import type { LayerDef, YearSel } from '../state/layers';

export function legendTitle(def: LayerDef, year: YearSel): string {
  if (!def.yearly) return def.title;
  return `${def.title}, ${year === 'mean' ? 'multi-year mean' : year}`;
}

export function unitLabel(def: LayerDef): string {
  return def.unit === '' ? '' : def.unit;
}

/** Tick values for a linear scale's legend (d3 ticks, ends included when they are round). */
export function legendTicks(lo: number, hi: number, count = 5): number[] {
  return d3.ticks(lo, hi, count);
}

export function Legend({ def, year, scale }: { def: LayerDef; year: YearSel; scale: ColourScale }) {
  const title = legendTitle(def, year);
  if (scale.type === 'classes') {
    return (
      <figure className="legend" aria-label={`Legend: ${title}`}>
        <figcaption>{title}</figcaption>
        <ul className="legend-classes">
          {scale.codes.map((c, i) => (
            <li key={c}>
              <span className="swatch" style={{ background: scale.colours[i] }} aria-hidden="true" />
              {scale.names[i]}
            </li>
          ))}
        </ul>
      </figure>
    );
  }
  const stops = d3.range(0, 1.0001, 0.1).map((t) => `${scale.interpolator(t)} ${(t * 100).toFixed(0)}%`);
  const ticks = legendTicks(scale.lo, scale.hi);
  const fmt = d3.format(Math.abs(scale.hi - scale.lo) < 5 ? '.1~f' : ',~f');
  return (
    <figure className="legend" aria-label={`Legend: ${title}, ${def.unit}`}>
      <figcaption>{title}</figcaption>
      <div className="legend-bar" style={{ background: `linear-gradient(to right, ${stops.join(', ')})` }} aria-hidden="true" />
      <div className="legend-ticks" aria-hidden="true">
        {ticks.map((v) => (
          <span key={v} style={{ left: `${((v - scale.lo) / (scale.hi - scale.lo)) * 100}%` }}>
            {fmt(v).replace('-', '−')}
          </span>
        ))}
      </div>
      <div className="legend-unit">
        {unitLabel(def)}
        {scale.diverging && def.ramp !== 'rho' ? ` · colours saturate beyond ±${fmt(scale.hi)} (98th percentile of |value|)` : ''}
      </div>
    </figure>
  );
}
