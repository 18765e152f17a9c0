/**
 * "NEP of every zone (Figure 4)": the whole region's and each zone's yearly NEP side by side
 * (study Figure 4 (a)–(f)), each with its trend line, equation, R², minimum and maximum; the
 * whole figure downloads as one PNG (1×, 2× or 3×; 2× by default, like the other charts) or SVG, named
 * `<nep|npp>-zones_<slug>.<ext>`. Numbers are read from the summary, never recomputed (the
 * intercept is placed as the zone panel does, trendIntercept). NPP-only analyses say NPP.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { RegionSummary, TrendMethod } from '../../core/summary';
import type { AnalysedVariable } from '../../engine/types';
import { ZonesChart, type ZonesChartPanel } from '../charts/ZonesChart';
import { exportFileName } from '../export/filename';
import { NEP_UNIT } from '../format/climate';
import { equationText, trendIntercept } from '../format/equation';
import { formatFixed, formatP } from '../format/number';
import { variableNames } from '../state/layers';
import { fitLabel, SLOPE_UNIT } from './methodText';
import { ChartExport, PNG_SCALES } from '../export/ExportButtons';
import './panels.css';

export interface ZonesFigureProps {
  /** The summary's regions: the whole region ('all') and the zones. */
  regions: readonly RegionSummary[];
  years: readonly number[];
  method: TrendMethod;
  /** Dataset slug for file names, e.g. 'qilian'. */
  slug: string;
  variable?: AnalysedVariable;
}

/** The whole region first, then the zones in summary order. */
export function figureOrder(regions: readonly RegionSummary[]): RegionSummary[] {
  return [...regions.filter((r) => r.id === 'all'), ...regions.filter((r) => r.id !== 'all')];
}

/**
 * False for the first render, true once the page has painted: the six charts (below the zone's
 * own numbers and charts) then come a frame after the rest of a new result, not with it.
 */
function usePainted(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    const id = requestAnimationFrame(() => setTimeout(() => setPainted(true), 0));
    return () => cancelAnimationFrame(id);
  }, []);
  return painted;
}

export function ZonesFigure({ regions, years, method, slug, variable = 'NEP' }: ZonesFigureProps) {
  const painted = usePainted();
  const svg = useRef<SVGSVGElement>(null);
  const headingId = useId();
  const captionId = useId();
  const v = variableNames(variable);
  const span = years.length ? `${years[0]}–${years[years.length - 1]}` : '';
  const fit = fitLabel(method);
  const ordered = figureOrder(regions);
  const fileBase = exportFileName(`${v.file}-zones`, slug, null, 'x').replace(/\.x$/, '');

  const panels: ZonesChartPanel[] = ordered.map((r) => {
    const n = r.nep;
    const intercept = trendIntercept(years, r.series.nep, n.slope, method);
    return {
      id: r.id,
      name: r.name,
      values: r.series.nep,
      slope: n.slope,
      intercept,
      min: n.min,
      max: n.max,
      r2: n.r2,
      equation: equationText(n.slope, intercept, 2),
      fitStat: `R² = ${formatFixed(n.r2, 3)}`,
      description:
        `Slope ${formatFixed(n.slope, 2)} ${SLOPE_UNIT}, R² ${formatFixed(n.r2, 3)}, p ${formatP(n.p)}; ` +
        `mean ${formatFixed(n.mean, 2)} ${NEP_UNIT}; minimum ${formatFixed(n.min?.value, 2)} in ${n.min?.year ?? '–'}; ` +
        `maximum ${formatFixed(n.max?.value, 2)} in ${n.max?.year ?? '–'}.`,
    };
  });
  const heading = `${v.short} of every zone (Figure 4)`;

  return (
    <section className="panel-section zones-figure" aria-labelledby={headingId} data-testid="zones-figure">
      <div className="section-head">
        <h3 id={headingId}>{heading}</h3>
        <ChartExport scales={PNG_SCALES} target={svg} fileBase={fileBase} label={`${v.short} of every zone figure`} />
      </div>
      <figure className="panel-figure" aria-labelledby={captionId}>
        {painted && <ZonesChart
          svgRef={svg}
          testId="chart-zones"
          panels={panels}
          years={years}
          name={v.short}
          yLabel={`${v.short} (${NEP_UNIT})`}
          fitLabel={fit}
          title={`Yearly mean ${v.short} of the whole region and of each zone, ${span}`}
          description={`${panels.length} panels, one per region, each with its own y range and the same years; the ${fit} dashed, minimum and maximum circled.`}
        />}
        <figcaption id={captionId} className="note">
          Yearly mean {v.short} ({NEP_UNIT}), {span}, of the whole region and of each zone, with the {fit} (dashed), its
          equation (x = year) and R²; the minimum and maximum are circled. Each panel has its own y range.
        </figcaption>
      </figure>
    </section>
  );
}
