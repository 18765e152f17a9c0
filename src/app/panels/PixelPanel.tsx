/**
 * One pixel's NEP series with its trend line, slope, p and trend class (from the engine's pixel
 * maps); named NPP when the analysis ran on NPP (a dataset without climate for Rh).
 */
import { useRef } from 'react';
import type { TrendMethod } from '../../core/summary';
import { SeriesChart } from '../charts/SeriesChart';
import { ChartExport, CsvExport } from '../export/ExportButtons';
import { exportFileName, pixelFilePart } from '../export/filename';
import { NEP_UNIT } from '../format/climate';
import { ols } from '../../core/ols';
import { theilSen } from '../../core/theilSen';
import { equationText } from '../format/equation';
import { formatFixed, formatP } from '../format/number';
import { TREND_CLASS_COLORS, trendClassCode, trendClassName } from '../format/trendClass';
import type { TrendClassKey } from '../../core/summary';
import type { AnalysedVariable } from '../../engine/types';
import { variableNames } from '../state/layers';
import { fitLabel, methodName, SLOPE_UNIT } from './methodText';
import { Stat } from './Stat';
import './panels.css';

export interface PixelPanelProps {
  years: readonly number[];
  /** The pixel's NEP (or NPP, see `variable`) per year (NaN where missing). */
  series: ArrayLike<number>;
  method: TrendMethod;
  lon: number;
  lat: number;
  zoneName?: string;
  slope: number;
  p: number;
  /** Trend class −3…3. */
  cls: number;
  /** Dataset slug for export file names. */
  slug?: string;
  /** What the analysis ran on (AnalysisResult.variable); NEP when absent. */
  variable?: AnalysedVariable;
  /** Large mode: what the pixel is (e.g. "overview pixel, 1.85 km"): its series is that level's, not a full-resolution pixel's. */
  resolution?: string | null;
  onClose?: () => void;
}

function lonLatText(lon: number, lat: number): string {
  return `${Math.abs(lat).toFixed(4)}° ${lat < 0 ? 'S' : 'N'}, ${Math.abs(lon).toFixed(4)}° ${lon < 0 ? 'W' : 'E'}`;
}

export function PixelPanel({ years, series, method, lon, lat, zoneName, slope, p, cls, slug = 'dataset', variable = 'NEP', resolution = null, onClose }: PixelPanelProps) {
  const v = variableNames(variable);
  const svg = useRef<SVGSVGElement>(null);
  const values = Array.from({ length: years.length }, (_, i) => (Number.isFinite(series[i]) ? series[i] : null));
  const s = Number.isFinite(slope) ? slope : null;
  // The line drawn: the core's fit of this series (the same computation as the engine's
  // per-pixel slope); the numbers shown are the engine's (props).
  const fit = method === 'sen-mk' ? theilSen(years, series) : ols(years, series);
  const intercept = Number.isFinite(fit.intercept) && s !== null ? fit.intercept : null;
  const lineSlope = Number.isFinite(fit.slope) ? fit.slope : null;
  const valid = values.filter((v): v is number => v !== null);
  const mean = valid.length ? valid.reduce((a, b) => a + b, 0) / valid.length : null;
  const where = pixelFilePart(lon, lat);
  const base = exportFileName(`${v.file}-series`, slug, where, 'x').replace(/\.x$/, '');
  const key = String(cls) as TrendClassKey;
  const place = lonLatText(lon, lat);

  return (
    <section className="pixel-panel" aria-label={`Pixel at ${place}`}>
      <header className="panel-header">
        <h2>Pixel {place}</h2>
        {zoneName && <p className="muted">Zone: {zoneName}</p>}
        {resolution && <p className="muted" data-testid="pixel-resolution">{resolution}</p>}
        {onClose && (
          <button type="button" className="close-button" onClick={onClose} aria-label="Close pixel panel">
            ×
          </button>
        )}
      </header>
      <dl className="stats">
        <Stat label="Trend (slope)" text={formatFixed(s, 2)} value={s} unit={SLOPE_UNIT} testId="pixel-slope" />
        <Stat label={method === 'sen-mk' ? 'p (Mann–Kendall)' : 'p (t-test)'} text={formatP(p)} value={Number.isFinite(p) ? p : null} testId="pixel-p" />
        <Stat label={`Mean ${v.short}`} text={formatFixed(mean, 2)} value={mean} unit={NEP_UNIT} testId="pixel-mean" />
        <div className="stat">
          <dt>Trend class</dt>
          <dd data-testid="pixel-class" data-value={cls}>
            {TREND_CLASS_COLORS[key] && <span className="swatch" style={{ background: TREND_CLASS_COLORS[key] }} aria-hidden="true" />}
            {trendClassName(cls)} ({trendClassCode(cls)})
          </dd>
        </div>
      </dl>
      <figure className="panel-figure">
        <figcaption>
          <span className="fig-title">{v.short} of the pixel, {methodName(method)}</span>
          <ChartExport target={svg} fileBase={base} label={`pixel ${v.short} series`} />
          <CsvExport
            rows={() => [['lon', 'lat', 'year', `${v.file}_gC_m2_yr`], ...years.map((y, i) => [lon, lat, y, values[i]])]}
            filename={exportFileName('pixel-series', slug, where, 'csv')}
            label="pixel series"
          />
        </figcaption>
        <p className="equation">
          <span data-testid="pixel-equation">{equationText(lineSlope, intercept, 2)}</span>
          <span className="muted"> (y = {v.short}, x = year)</span>
        </p>
        <SeriesChart
          svgRef={svg}
          testId="chart-pixel-series"
          years={years}
          values={values}
          slope={lineSlope}
          intercept={intercept}
          name={v.short}
          fitLabel={fitLabel(method)}
          title={`${v.short} per year at ${place}`}
          description={`Slope ${formatFixed(s, 2)} ${SLOPE_UNIT}, p = ${formatP(p)}, ${trendClassName(cls)}.`}
          height={210}
        />
      </figure>
    </section>
  );
}
