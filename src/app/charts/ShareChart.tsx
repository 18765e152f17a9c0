/**
 * Yearly carbon source and sink area shares (study Figure 3): source share in % as bars on
 * the left axis, sink share in % as a line on the right axis.
 */
import { useId, type Ref } from 'react';
import { format as d3format, line, scaleBand, scaleLinear } from 'd3';
import { XAxis, YAxis } from './Axes';
import { CHART_HEIGHT, CHART_WIDTH, frame, yearTicks } from './layout';
import './charts.css';

export interface ShareChartProps {
  years: readonly number[];
  /** Shares 0…1 per year. */
  sourceShare: readonly (number | null)[];
  sinkShare: readonly (number | null)[];
  title: string;
  description: string;
  svgRef?: Ref<SVGSVGElement>;
  testId?: string;
}

function finite(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** A domain that shows small differences: padded around the data, clamped to [0, 100]. */
function percentDomain(vals: number[], fromZero: boolean): [number, number] {
  if (vals.length === 0) return [0, 100];
  let lo = Math.min(...vals);
  let hi = Math.max(...vals);
  if (fromZero) lo = 0;
  const span = hi - lo;
  const pad = span > 0 ? span * 0.15 : Math.max(0.1, Math.abs(hi) * 0.01);
  if (!fromZero) lo = Math.max(0, lo - pad);
  hi = Math.min(100, hi + pad);
  if (hi <= lo) hi = lo + 1;
  return [lo, hi];
}

function decimalsFor([lo, hi]: number[]): string {
  const span = hi - lo;
  return span < 0.05 ? '.3f' : span < 0.5 ? '.2f' : span < 5 ? '.1f' : '.0f';
}

export function ShareChart({ years, sourceShare, sinkShare, title, description, svgRef, testId }: ShareChartProps) {
  const f = frame(CHART_WIDTH, CHART_HEIGHT, { right: 56 });
  const titleId = useId();
  const descId = useId();
  const src = sourceShare.map((v) => (finite(v) ? v * 100 : null));
  const sink = sinkShare.map((v) => (finite(v) ? v * 100 : null));

  const ySrc = scaleLinear().domain(percentDomain(src.filter(finite), true)).range([f.bottom, f.top]).nice(5);
  const ySink = scaleLinear().domain(percentDomain(sink.filter(finite), false)).range([f.bottom, f.top]).nice(5);
  const band = scaleBand<number>().domain(years as number[]).range([f.left, f.right]).padding(0.25);
  const center = (yr: number) => (band(yr) ?? f.left) + band.bandwidth() / 2;

  const sinkPath = line<number | null>()
    .defined((v) => v !== null)
    .x((_, i) => center(years[i]))
    .y((v) => ySink(v as number))(sink);

  return (
    <svg ref={svgRef} className="chart" viewBox={`0 0 ${f.width} ${f.height}`} width="100%" role="img" aria-labelledby={`${titleId} ${descId}`} data-testid={testId}>
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      <YAxis scale={ySrc} frame={f} label="Source area (%)" format={d3format(decimalsFor(ySrc.domain()))} />
      <YAxis scale={ySink} frame={f} side="right" grid={false} label="Sink area (%)" format={d3format(decimalsFor(ySink.domain()))} />
      <XAxis position={center} ticks={yearTicks(years)} frame={f} label="Year" />
      {src.map((v, i) =>
        v === null ? null : (
          <rect key={years[i]} className="source-bar" x={band(years[i])} width={band.bandwidth()} y={ySrc(v)} height={Math.max(0, f.bottom - ySrc(v))}>
            <title>{`${years[i]}: source ${v.toFixed(4)} %`}</title>
          </rect>
        ),
      )}
      {sinkPath && <path className="sink-line" d={sinkPath} />}
      {sink.map((v, i) => (v === null ? null : <circle key={years[i]} className="sink-point" cx={center(years[i])} cy={ySink(v)} r={2.2} />))}
      <g className="legend" transform={`translate(${f.left + 6},${12})`}>
        <rect className="source-bar" x={0} y={-5} width={12} height={10} />
        <text x={17} dy="0.32em">Source area (NEP &lt; 0)</text>
        <line className="sink-line" x1={150} x2={168} y1={0} y2={0} />
        <text x={173} dy="0.32em">Sink area (NEP &gt; 0)</text>
      </g>
    </svg>
  );
}
