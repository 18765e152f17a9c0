/**
 * A yearly NEP (or NPP) series with its trend line (study Figures 2 and 4): points joined by a line
 * (gaps where a year is missing), the fitted line dashed, the minimum and maximum marked and
 * labelled with year and value, a light grid, axes with units.
 */
import { useId, type Ref } from 'react';
import type { YearValue } from '../../core/summary';
import { NEP_UNIT } from '../format/climate';
import { CHART_HEIGHT, CHART_WIDTH, frame } from './layout';
import { hasTrendLine, SeriesPlot } from './SeriesPlot';
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

export function SeriesChart(props: SeriesChartProps) {
  const { years, values, slope, intercept, fitLabel, min, max, title, description, svgRef } = props;
  const name = props.name ?? 'NEP';
  const f = frame(props.width ?? CHART_WIDTH, props.height ?? CHART_HEIGHT);
  const titleId = useId();
  const descId = useId();
  const hasFit = hasTrendLine(years, slope, intercept);

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
      <SeriesPlot frame={f} years={years} values={values} slope={slope} intercept={intercept} min={min} max={max} yLabel={`${name} (${NEP_UNIT})`} xLabel="Year" />
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
