/**
 * A yearly NEP (or NPP) series with its trend line (study Figures 2 and 4): points joined by a line
 * (gaps where a year is missing), the fitted line dashed, the minimum and maximum marked and
 * labelled with year and value, a light grid, axes with units.
 */
import { useId, type Ref } from 'react';
import { format as d3format, line, scaleLinear } from 'd3';
import type { YearValue } from '../../core/summary';
import { NEP_UNIT } from '../format/climate';
import { formatFixed } from '../format/number';
import { XAxis, YAxis } from './Axes';
import { CHART_HEIGHT, CHART_WIDTH, frame, yearTicks } from './layout';
import './charts.css';

export interface SeriesChartProps {
  years: readonly number[];
  values: ArrayLike<number | null>;
  /** The trend line y = slope · year + intercept; not drawn when either is null. */
  slope: number | null;
  intercept: number | null;
  /** The series' name on the axis and in the legend: 'NEP' (default) or 'NPP'. */
  name?: string;
  /** Name of the fit in the legend: 'OLS fit' or 'Theil–Sen fit'. */
  fitLabel: string;
  /** Extremes to mark and label (from the summary); omitted → not marked. */
  min?: YearValue | null;
  max?: YearValue | null;
  /** Accessible name of the chart. */
  title: string;
  /** Text alternative: what the chart shows in words. */
  description: string;
  svgRef?: Ref<SVGSVGElement>;
  width?: number;
  height?: number;
  testId?: string;
}

function finite(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

export function SeriesChart(props: SeriesChartProps) {
  const { years, values, slope, intercept, fitLabel, min, max, title, description, svgRef } = props;
  const name = props.name ?? 'NEP';
  const f = frame(props.width ?? CHART_WIDTH, props.height ?? CHART_HEIGHT);
  const titleId = useId();
  const descId = useId();

  const pts: { year: number; value: number | null }[] = [];
  for (let i = 0; i < years.length; i++) {
    const v = values[i];
    pts.push({ year: years[i], value: finite(v) ? v : null });
  }
  const hasFit = finite(slope) && finite(intercept) && years.length > 0;
  const y0 = years[0] ?? 0;
  const y1 = years[years.length - 1] ?? 1;
  const fitAt = (yr: number) => (slope as number) * yr + (intercept as number);

  const ext: number[] = pts.filter((p) => p.value !== null).map((p) => p.value as number);
  if (hasFit) ext.push(fitAt(y0), fitAt(y1));
  let lo = ext.length ? Math.min(...ext) : 0;
  let hi = ext.length ? Math.max(...ext) : 1;
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.12;
  const y = scaleLinear().domain([lo - pad, hi + pad]).range([f.bottom, f.top]).nice(5);
  const xPad = years.length > 1 ? 0.5 : 1;
  const x = scaleLinear().domain([y0 - xPad, y1 + xPad]).range([f.left, f.right]);

  const path = line<{ year: number; value: number | null }>()
    .defined((p) => p.value !== null)
    .x((p) => x(p.year))
    .y((p) => y(p.value as number))(pts);

  const [dLo, dHi] = y.domain();
  const tickFormat = d3format(Math.abs(dHi - dLo) < 5 ? '.1f' : ',.0f');

  const extremes: { key: string; yv: YearValue; below: boolean }[] = [];
  if (max && finite(max.value)) extremes.push({ key: 'max', yv: max, below: false });
  if (min && finite(min.value)) extremes.push({ key: 'min', yv: min, below: true });

  return (
    <svg
      ref={svgRef}
      className="chart"
      viewBox={`0 0 ${f.width} ${f.height}`}
      width="100%"
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      data-testid={props.testId}
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      <YAxis scale={y} frame={f} label={`${name} (${NEP_UNIT})`} format={tickFormat} />
      <XAxis position={x} ticks={yearTicks(years)} frame={f} label="Year" />
      {dLo < 0 && dHi > 0 && <line className="zero-line" x1={f.left} x2={f.right} y1={y(0)} y2={y(0)} />}
      {path && <path className="series-line" d={path} />}
      {pts.map((p) =>
        p.value === null ? null : <circle key={p.year} className="series-point" cx={x(p.year)} cy={y(p.value)} r={2.6} />,
      )}
      {hasFit && <line className="fit-line" x1={x(y0)} x2={x(y1)} y1={y(fitAt(y0))} y2={y(fitAt(y1))} />}
      {extremes.map(({ key, yv, below }) => {
        const cx = x(yv.year);
        const cy = y(yv.value as number);
        const rel = (cx - f.left) / (f.right - f.left);
        const anchor = rel < 0.2 ? 'start' : rel > 0.8 ? 'end' : 'middle';
        return (
          <g key={key} className={`extreme extreme-${key}`}>
            <circle cx={cx} cy={cy} r={4.5} />
            <text x={cx} y={below ? cy + 15 : cy - 9} textAnchor={anchor}>
              {`${key === 'max' ? 'Max' : 'Min'} ${yv.year}: ${formatFixed(yv.value, 2)}`}
            </text>
          </g>
        );
      })}
      <g className="legend" transform={`translate(${f.left + 6},${12})`}>
        <line className="series-line" x1={0} x2={18} y1={0} y2={0} />
        <circle className="series-point" cx={9} cy={0} r={2.6} />
        <text x={23} dy="0.32em">{name}</text>
        {hasFit && (
          <>
            <line className="fit-line" x1={62} x2={80} y1={0} y2={0} />
            <text x={85} dy="0.32em">{fitLabel}</text>
          </>
        )}
      </g>
    </svg>
  );
}
