/**
 * The drawing of a yearly series with its trend line inside a frame, as an SVG group (no <svg>,
 * no legend): axes and grid, the series (points joined, gaps where a year is missing), the fitted
 * line dashed, minimum and maximum marked and labelled. SeriesChart wraps one in an <svg> with a
 * legend; ZonesFigure draws several side by side in one <svg> (study Figure 4).
 */
import { format as d3format, line, scaleLinear, type ScaleLinear } from 'd3';
import type { YearValue } from '../../core/summary';
import { formatFixed } from '../format/number';
import { XAxis, YAxis } from './Axes';
import { yearTicks, type Frame } from './layout';

export interface SeriesPlotProps {
  frame: Frame;
  years: readonly number[];
  values: ArrayLike<number | null>;
  /** The trend line y = slope · year + intercept; not drawn when either is null. */
  slope: number | null;
  intercept: number | null;
  min?: YearValue | null;
  max?: YearValue | null;
  /** Axis titles; '' draws none. */
  yLabel: string;
  xLabel: string;
  /** About how many y ticks and year ticks. */
  yTicks?: number;
  yearTicks?: number;
  /** Radii of the series points and of the extreme markers. */
  pointRadius?: number;
  markRadius?: number;
  /** Room above and below the data, as a share of its range. */
  pad?: number;
}

export function finite(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Whether a trend line y = slope · year + intercept is drawn. */
export function hasTrendLine(years: readonly number[], slope: number | null, intercept: number | null): boolean {
  return finite(slope) && finite(intercept) && years.length > 0;
}

/**
 * The y scale of a series plot over `range` ([bottom, top] in pixels): the values and the trend
 * line's ends, padded by `pad` of their range, niced to about `ticks` ticks; and the tick format
 * (one decimal for a domain narrower than 5, else whole numbers with thousands separators).
 */
export function seriesYScale(
  years: readonly number[],
  values: ArrayLike<number | null>,
  slope: number | null,
  intercept: number | null,
  range: [number, number],
  pad = 0.12,
  ticks = 5,
): { y: ScaleLinear<number, number>; format: (v: number) => string } {
  const ext: number[] = [];
  for (let i = 0; i < years.length; i++) {
    const v = values[i];
    if (finite(v)) ext.push(v);
  }
  if (hasTrendLine(years, slope, intercept)) {
    const fitAt = (yr: number) => (slope as number) * yr + (intercept as number);
    ext.push(fitAt(years[0]), fitAt(years[years.length - 1]));
  }
  let lo = ext.length ? Math.min(...ext) : 0;
  let hi = ext.length ? Math.max(...ext) : 1;
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const p = (hi - lo) * pad;
  const y = scaleLinear().domain([lo - p, hi + p]).range(range).nice(ticks);
  const [dLo, dHi] = y.domain();
  return { y, format: d3format(Math.abs(dHi - dLo) < 5 ? '.1f' : ',.0f') };
}

export function SeriesPlot(props: SeriesPlotProps) {
  const { frame: f, years, values, slope, intercept, min, max } = props;
  const pointRadius = props.pointRadius ?? 2.6;
  const markRadius = props.markRadius ?? 4.5;

  const pts: { year: number; value: number | null }[] = [];
  for (let i = 0; i < years.length; i++) {
    const v = values[i];
    pts.push({ year: years[i], value: finite(v) ? v : null });
  }
  const hasFit = hasTrendLine(years, slope, intercept);
  const y0 = years[0] ?? 0;
  const y1 = years[years.length - 1] ?? 1;
  const fitAt = (yr: number) => (slope as number) * yr + (intercept as number);
  const yTicks = props.yTicks ?? 5;
  const { y, format: tickFormat } = seriesYScale(years, values, slope, intercept, [f.bottom, f.top], props.pad, yTicks);
  const xPad = years.length > 1 ? 0.5 : 1;
  const x = scaleLinear().domain([y0 - xPad, y1 + xPad]).range([f.left, f.right]);

  const path = line<{ year: number; value: number | null }>()
    .defined((p) => p.value !== null)
    .x((p) => x(p.year))
    .y((p) => y(p.value as number))(pts);

  const [dLo, dHi] = y.domain();

  const extremes: { key: string; yv: YearValue; below: boolean }[] = [];
  if (max && finite(max.value)) extremes.push({ key: 'max', yv: max, below: false });
  if (min && finite(min.value)) extremes.push({ key: 'min', yv: min, below: true });

  return (
    <>
      <YAxis scale={y} frame={f} label={props.yLabel} format={tickFormat} ticks={yTicks} />
      <XAxis position={x} ticks={yearTicks(years, props.yearTicks ?? 6)} frame={f} label={props.xLabel} />
      {dLo < 0 && dHi > 0 && <line className="zero-line" x1={f.left} x2={f.right} y1={y(0)} y2={y(0)} />}
      {path && <path className="series-line" d={path} />}
      {pts.map((p) =>
        p.value === null ? null : <circle key={p.year} className="series-point" cx={x(p.year)} cy={y(p.value)} r={pointRadius} />,
      )}
      {hasFit && <line className="fit-line" x1={x(y0)} x2={x(y1)} y1={y(fitAt(y0))} y2={y(fitAt(y1))} />}
      {extremes.map(({ key, yv, below }) => {
        const cx = x(yv.year);
        const cy = y(yv.value as number);
        const rel = (cx - f.left) / (f.right - f.left);
        const anchor = rel < 0.2 ? 'start' : rel > 0.8 ? 'end' : 'middle';
        return (
          <g key={key} className={`extreme extreme-${key}`}>
            <circle cx={cx} cy={cy} r={markRadius} />
            <text x={cx} y={below ? cy + markRadius + 10.5 : cy - markRadius - 4.5} textAnchor={anchor}>
              {`${key === 'max' ? 'Max' : 'Min'} ${yv.year}: ${formatFixed(yv.value, 2)}`}
            </text>
          </g>
        );
      })}
    </>
  );
}
