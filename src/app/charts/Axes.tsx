/** Axes and grid as React elements (d3 computes the scales and ticks, React owns the SVG). */
import type { ScaleLinear } from 'd3';
import { tickText, type Frame } from './layout';

export interface YAxisProps {
  scale: ScaleLinear<number, number>;
  frame: Frame;
  label: string;
  side?: 'left' | 'right';
  ticks?: number;
  format: (v: number) => string;
  grid?: boolean;
}

export function YAxis({ scale, frame: f, label, side = 'left', ticks = 5, format, grid = true }: YAxisProps) {
  const x = side === 'left' ? f.left : f.right;
  const dir = side === 'left' ? -1 : 1;
  const mid = (f.top + f.bottom) / 2;
  const labelX = side === 'left' ? 14 : f.width - 12;
  return (
    <g className={`axis axis-y axis-${side}`}>
      {scale.ticks(ticks).map((t) => (
        <g key={t} transform={`translate(0,${scale(t)})`}>
          {grid && <line className="grid" x1={f.left} x2={f.right} />}
          <line className="tick" x1={x} x2={x + dir * 4} />
          <text className="tick-label" x={x + dir * 7} dy="0.32em" textAnchor={side === 'left' ? 'end' : 'start'}>
            {tickText(t, format)}
          </text>
        </g>
      ))}
      <line className="domain" x1={x} x2={x} y1={f.top} y2={f.bottom} />
      <text className="axis-label" transform={`translate(${labelX},${mid}) rotate(${side === 'left' ? -90 : 90})`} textAnchor="middle">
        {label}
      </text>
    </g>
  );
}

export interface XAxisProps {
  position: (v: number) => number;
  ticks: readonly number[];
  frame: Frame;
  label: string;
  format?: (v: number) => string;
}

export function XAxis({ position, ticks, frame: f, label, format = String }: XAxisProps) {
  return (
    <g className="axis axis-x">
      <line className="domain" x1={f.left} x2={f.right} y1={f.bottom} y2={f.bottom} />
      {ticks.map((t) => (
        <g key={t} transform={`translate(${position(t)},${f.bottom})`}>
          <line className="tick" y2={4} />
          <text className="tick-label" y={15} textAnchor="middle">
            {tickText(t, format)}
          </text>
        </g>
      ))}
      <text className="axis-label" x={(f.left + f.right) / 2} y={f.height - 6} textAnchor="middle">
        {label}
      </text>
    </g>
  );
}
