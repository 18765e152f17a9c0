/**
 * One region's statistics (the whole park or a zone): the NEP series with its trend
 * (study Figures 2 and 4), the sink/source area shares (Figure 3), the trend-class shares
 * (Table 1) and the climate correlations (Table 2). Every number is read from the summary
 * (`region`), never recomputed, and printed with a fixed precision:
 * slope, intercept, mean, cumulative, min, max: 2 decimals; R²: 3; p: 3 decimals, or
 * scientific below 0.001; rho: 3; area shares: 2 decimals in %.
 *
 * An analysis of NPP (a dataset without climate for Rh: `region.series.nep` and `region.nep`
 * then hold NPP) is named NPP throughout, and has no sink/source figure (NPP ≥ 0).
 */
import { memo, useRef } from 'react';
import type { RegionSummary, TrendMethod } from '../../core/summary';
import type { AnalysedVariable } from '../../engine/types';
import { SeriesChart } from '../charts/SeriesChart';
import { ShareChart } from '../charts/ShareChart';
import { ChartExport, CsvExport } from '../export/ExportButtons';
import { exportFileName } from '../export/filename';
import { correlationRows, seriesRows, trendClassRows } from '../export/tables';
import { NEP_UNIT } from '../format/climate';
import { equationText, trendIntercept } from '../format/equation';
import { formatFixed, formatP, formatPercent } from '../format/number';
import { sinkShares } from '../format/shares';
import { variableNames } from '../state/layers';
import { CorrelationTable } from './CorrelationTable';
import { fitLabel, methodName, SLOPE_UNIT } from './methodText';
import { Stat } from './Stat';
import { TrendClassTable } from './TrendClassTable';
import { ZonesFigure } from './ZonesFigure';
import './panels.css';

export interface ZonePanelProps {
  region: RegionSummary;
  years: readonly number[];
  method: TrendMethod;
  /** Dataset slug for file names, e.g. 'qilian'. */
  slug: string;
  datasetName: string;
  /** What the analysis ran on (AnalysisResult.variable); NEP when absent. */
  variable?: AnalysedVariable;
  /**
   * Every region of the summary (AnalysisResult.summary.regions). With it, the whole region's
   * panel (id 'all') adds the figure of every zone's series (study Figure 4).
   */
  regions?: readonly RegionSummary[];
}

/**
 * The panel, drawn again only when its props change: a year or layer switch re-renders the app
 * but changes nothing here (its charts and figure of every zone are hundreds of SVG elements).
 */
export const ZonePanel = memo(function ZonePanel({ region, years, method, slug, datasetName, variable = 'NEP', regions }: ZonePanelProps) {
  const seriesSvg = useRef<SVGSVGElement>(null);
  const shareSvg = useRef<SVGSVGElement>(null);
  const nep = region.nep;
  const intercept = trendIntercept(years, region.series.nep, nep.slope, method);
  const span = years.length ? `${years[0]}–${years[years.length - 1]}` : '';
  const file = (kind: string, ext: string) => exportFileName(kind, slug, region.id, ext);
  const base = (kind: string) => file(kind, 'x').replace(/\.x$/, '');
  const where = region.id === 'all' ? region.name : `${region.name} (${region.id})`;
  const v = variableNames(variable);
  const hasCorrelation = Object.keys(region.correlation).length > 0;

  return (
    <section className="zone-panel" aria-labelledby={`zone-title-${region.id}`} data-region-id={region.id}>
      <header className="panel-header">
        <h2 id={`zone-title-${region.id}`}>
          <span data-testid="zone-name">{region.name}</span> <span className="zone-id">{region.id}</span>
        </h2>
        <p className="muted">
          {datasetName} · {span} · <span data-testid="zone-area" data-value={region.areaKm2}>{formatFixed(region.areaKm2, 2)}</span> km²
        </p>
      </header>

      <dl className="stats">
        <Stat label="Trend (slope)" text={formatFixed(nep.slope, 2)} value={nep.slope} unit={SLOPE_UNIT} testId="zone-slope" />
        <Stat label={method === 'sen-mk' ? 'p (Mann–Kendall)' : 'p (t-test)'} text={formatP(nep.p)} value={nep.p} testId="zone-p" />
        <Stat label={<>R² (OLS)</>} text={formatFixed(nep.r2, 3)} value={nep.r2} testId="zone-r2" />
        <Stat label={`Mean ${v.short}`} text={formatFixed(nep.mean, 2)} value={nep.mean} unit={NEP_UNIT} testId="zone-mean" />
        <Stat label={`Cumulative ${v.short}`} text={formatFixed(nep.cumulative, 2)} value={nep.cumulative} unit="gC m⁻²" testId="zone-cumulative" />
        <Stat label={`Minimum (${nep.min?.year ?? '–'})`} text={formatFixed(nep.min?.value, 2)} value={nep.min?.value} unit={NEP_UNIT} testId="zone-min" />
        <Stat label={`Maximum (${nep.max?.year ?? '–'})`} text={formatFixed(nep.max?.value, 2)} value={nep.max?.value} unit={NEP_UNIT} testId="zone-max" />
      </dl>

      <figure className="panel-figure">
        <figcaption>
          <span className="fig-title" data-testid="zone-chart-title">{v.short} {span}, {methodName(method)}</span>
          <ChartExport target={seriesSvg} fileBase={base(`${v.file}-series`)} label={`${v.short} time series`} />
          <CsvExport rows={() => seriesRows(region, years, variable)} filename={file('series', 'csv')} label="yearly series" />
        </figcaption>
        <p className="equation">
          <span data-testid="zone-equation">{equationText(nep.slope, intercept, 2)}</span>
          <span className="muted"> (y = {v.short}, x = year)</span>, R² = {formatFixed(nep.r2, 3)}, p = {formatP(nep.p)}
        </p>
        <SeriesChart
          svgRef={seriesSvg}
          testId="chart-nep-series"
          years={years}
          values={region.series.nep}
          slope={nep.slope}
          intercept={intercept}
          name={v.short}
          fitLabel={fitLabel(method)}
          min={nep.min}
          max={nep.max}
          title={`Yearly mean ${v.short} of ${where}, ${span}`}
          description={`Slope ${formatFixed(nep.slope, 2)} ${SLOPE_UNIT}; minimum ${formatFixed(nep.min?.value, 2)} in ${nep.min?.year ?? '–'}; maximum ${formatFixed(nep.max?.value, 2)} in ${nep.max?.year ?? '–'}.`}
        />
      </figure>

      {variable === 'NEP' && (
        <figure className="panel-figure">
          <figcaption>
            <span className="fig-title">Carbon source and sink area</span>
            <ChartExport target={shareSvg} fileBase={base('sink-source-share')} label="sink and source area chart" />
          </figcaption>
          <ShareChart
            svgRef={shareSvg}
            testId="chart-share"
            years={years}
            sourceShare={region.series.sourceShare}
            sinkShare={sinkShares(region)}
            title={`Share of ${where} that is a carbon source (NEP < 0) or sink (NEP > 0), per year`}
            description={`Source share from ${formatPercent(Math.min(...region.series.sourceShare.map((v) => v ?? Infinity)), 3)} to ${formatPercent(Math.max(...region.series.sourceShare.map((v) => v ?? -Infinity)), 3)}.`}
          />
          <p className="note">
            Multi-year mean NEP: sink <span data-testid="zone-sink-area" data-value={region.meanMap.sinkAreaKm2}>{formatFixed(region.meanMap.sinkAreaKm2, 2)}</span> km² (
            <span data-testid="zone-sink-share" data-value={region.meanMap.sinkShare ?? ''}>{formatPercent(region.meanMap.sinkShare, 3)}</span>), source{' '}
            <span data-testid="zone-source-area" data-value={region.meanMap.sourceAreaKm2}>{formatFixed(region.meanMap.sourceAreaKm2, 2)}</span> km².
          </p>
        </figure>
      )}

      {region.id === 'all' && regions && regions.length > 1 && (
        <ZonesFigure regions={regions} years={years} method={method} slug={slug} variable={variable} />
      )}

      <section className="panel-section" aria-label="Trend classes">
        <div className="section-head">
          <h3>Trend classes</h3>
          <CsvExport rows={() => trendClassRows(region)} filename={file('trend-classes', 'csv')} label="trend-class table" />
        </div>
        <TrendClassTable trendClasses={region.trendClasses} method={method} caption={`Area share by ${v.short} trend class, ${where}`} />
      </section>

      <section className="panel-section" aria-label="Climate correlation">
        <div className="section-head">
          <h3>Climate drivers</h3>
          {hasCorrelation && <CsvExport rows={() => correlationRows(region)} filename={file('correlation', 'csv')} label="correlation table" />}
        </div>
        <CorrelationTable correlation={region.correlation} n={years.length} variable={variable} caption={`Spearman correlation of ${v.short} with climate, ${where}`} />
      </section>
    </section>
  );
});
