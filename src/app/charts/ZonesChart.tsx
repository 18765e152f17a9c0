/**
 * Small multiples of yearly series (study Figure 4: NEP of the whole park and of each subzone):
 * one SVG, a 2-column grid of compact SeriesPlots with the same years on every x axis and each
 * its own y range, each titled "(letter) name · id" with its trend equation and R² above the plot,
 * a legend on top and the shared "Year" below. One <svg>, so the figure exports as one image.
 *
 * Accessibility: the <svg> is a group named by its title; each panel is an image whose name
 * says the region and its numbers. Names (from user files) are rendered as text only.
 */
import { useId, type Ref } from 'react';
import type { YearValue } from '../../core/summary';
import { CHART_WIDTH, frame, tickText } from './layout';
import { charsThatFit, gridCells, panelLetter, wrapTitle, yAxisMargin } from './smallMultiples';
import { hasTrendLine, SeriesPlot, seriesYScale } from './SeriesPlot';
import './charts.css';

export interface ZonesChartPanel {
  id: string;
  name: string;
  values: ArrayLike<number | null>;
  slope: number | null;
  intercept: number | null;
  min?: YearValue | null;
  max?: YearValue | null;
  /** The fitted line's equation as printed, e.g. "y = 2.31x − 4398.12". */
  equation: string;
  /** "R² = 0.552" as printed. */
  fitStat: string;
  /** What the panel shows in words (its accessible name after the title). */
  description: string;
  /** Raw numbers for data-* hooks (tests read them). */
  r2: number | null;
}

export interface ZonesChartProps {
  panels: readonly ZonesChartPanel[];
  years: readonly number[];
  /** The series' name: 'NEP' or 'NPP'. */
  name: string;
  /** The y axis title, e.g. "NEP (gC m⁻² yr⁻¹)". */
  yLabel: string;
  /** 'OLS fit' or 'Theil–Sen fit'. */
  fitLabel: string;
  title: string;
  description: string;
  svgRef?: Ref<SVGSVGElement>;
  testId?: string;
  columns?: number;
}

/** Figure geometry (viewBox units; the figure is drawn at the side panel's width). */
export const ZONES_LAYOUT = {
  width: CHART_WIDTH,
  cellHeight: 172,
  gapX: 12,
  gapY: 10,
  /** Legend row above the grid, shared "Year" below it. */
  top: 22,
  bottom: 18,
  /** Inside a cell: two title lines, the equation line, then the plot. */
  titleSize: 9.5,
  titleLine: 11.5,
  equationY: 34,
  margin: { left: 40, right: 6, top: 42, bottom: 18 },
  /** Plot styling shared by every panel (tick label size as in charts.css). */
  yTicks: 4,
  pad: 0.2,
  tickSize: 8.5,
  /** From the cell's edge to where tick labels may start (the rotated y title sits at x = 14), and the tick with its gap. */
  titleRoom: 19,
  tickGap: 8,
} as const;

export function ZonesChart(props: ZonesChartProps) {
  const { panels, years, name, yLabel, fitLabel, title, description, svgRef } = props;
  const L = ZONES_LAYOUT;
  const titleId = useId();
  const descId = useId();
  const grid = gridCells(panels.length, {
    width: L.width,
    columns: props.columns ?? 2,
    cellHeight: L.cellHeight,
    gapX: L.gapX,
    gapY: L.gapY,
    top: L.top,
    bottom: L.bottom,
  });
  const anyFit = panels.some((p) => hasTrendLine(years, p.slope, p.intercept));
  // One left margin for every panel (so the plots line up), wide enough for the widest tick label.
  const tickLabels = panels.flatMap((p) => {
    const { y, format } = seriesYScale(years, p.values, p.slope, p.intercept, [1, 0], L.pad, L.yTicks);
    return y.ticks(L.yTicks).map((t) => tickText(t, format));
  });
  const margin = { ...L.margin, left: yAxisMargin(tickLabels, L.tickSize, L.titleRoom, L.tickGap, L.margin.left) };

  return (
    <svg
      ref={svgRef}
      className="chart zones-chart"
      viewBox={`0 0 ${L.width} ${grid.height}`}
      width="100%"
      role="group"
      aria-labelledby={titleId}
      aria-describedby={descId}
      data-testid={props.testId}
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      <g className="legend" transform={`translate(${margin.left},${10})`} aria-hidden="true">
        <line className="series-line" x1={0} x2={18} y1={0} y2={0} />
        <circle className="series-point" cx={9} cy={0} r={2.2} />
        <text x={23} dy="0.32em">{name}</text>
        {anyFit && (
          <>
            <line className="fit-line" x1={58} x2={76} y1={0} y2={0} />
            <text x={81} dy="0.32em">{fitLabel}</text>
          </>
        )}
        <g className="extreme extreme-max">
          <circle cx={160} cy={0} r={3.6} />
        </g>
        <text x={167} dy="0.32em">Maximum</text>
        <g className="extreme extreme-min">
          <circle cx={225} cy={0} r={3.6} />
        </g>
        <text x={232} dy="0.32em">Minimum</text>
      </g>
      {panels.map((p, i) => {
        const cell = grid.cells[i];
        const f = frame(cell.width, cell.height, margin);
        const letter = panelLetter(i);
        const lines = wrapTitle(`(${letter}) ${p.name}`, ` · ${p.id}`, charsThatFit(cell.width - 4, L.titleSize), 2);
        const fullTitle = `(${letter}) ${p.name} · ${p.id}`;
        return (
          <g
            key={p.id}
            className="zones-panel"
            transform={`translate(${cell.x},${cell.y})`}
            role="img"
            aria-label={`${fullTitle}. ${p.description}`}
            data-testid="zones-panel"
            data-region-id={p.id}
          >
            <title>{fullTitle}</title>
            <text className="panel-title" x={2} y={L.titleLine - 1.5}>
              {lines.map((l, k) => (
                <tspan key={k} x={2} dy={k === 0 ? 0 : L.titleLine}>
                  {l}
                </tspan>
              ))}
            </text>
            <text className="panel-equation" x={f.left} y={L.equationY}>
              <tspan data-testid="zones-panel-equation" data-slope={p.slope ?? ''}>{p.equation}</tspan>
              <tspan dx={8} data-testid="zones-panel-r2" data-value={p.r2 ?? ''}>{p.fitStat}</tspan>
            </text>
            <SeriesPlot
              frame={f}
              years={years}
              values={p.values}
              slope={p.slope}
              intercept={p.intercept}
              min={p.min}
              max={p.max}
              yLabel={cell.col === 0 ? yLabel : ''}
              xLabel=""
              yTicks={L.yTicks}
              yearTicks={5}
              pointRadius={2}
              markRadius={3.6}
              pad={L.pad}
            />
          </g>
        );
      })}
      <text className="axis-label" x={L.width / 2} y={grid.height - 4} textAnchor="middle">
        Year
      </text>
    </svg>
  );
}
