/**
 * The tables a person can download, as CSV rows: the correlation table (study Table 2),
 * the trend-class shares (Table 1) and the region's yearly series (Figures 2–4). Numbers at
 * full precision, as in summary.json; the screen rounds, the file does not.
 */
import { CLIMATE_VARS, type RegionSummary } from '../../core/summary';
import type { AnalysedVariable } from '../../engine/types';
import { CLIMATE_LABELS, CLIMATE_UNITS } from '../format/climate';
import { rankCorrelations } from '../format/correlation';
import { significanceMark } from '../format/number';
import { sinkShares } from '../format/shares';
import { TREND_CLASS_KEYS, TREND_CLASS_NAMES } from '../format/trendClass';
import type { CsvCell } from './csv';

type Rows = CsvCell[][];

/** rank, variable, label, rho, p, significance ('**' p < 0.01, '*' p < 0.05); region named in the first columns. */
export function correlationRows(region: RegionSummary): Rows {
  const rows: Rows = [['region_id', 'region_name', 'rank', 'variable', 'label', 'spearman_rho', 'p_value', 'significance']];
  rankCorrelations(region.correlation).forEach((r, i) => {
    rows.push([region.id, region.name, i + 1, r.variable, CLIMATE_LABELS[r.variable], r.rho, r.p, significanceMark(r.p)]);
  });
  return rows;
}

/** class (−3…3), name, share of the region's area (0…1) and in percent. */
export function trendClassRows(region: RegionSummary): Rows {
  const rows: Rows = [['region_id', 'region_name', 'class', 'name', 'area_share', 'area_percent']];
  for (const k of TREND_CLASS_KEYS) {
    const share = region.trendClasses[k];
    rows.push([region.id, region.name, Number(k), TREND_CLASS_NAMES[k], share, share === null ? null : share * 100]);
  }
  return rows;
}

/**
 * One row per year: NEP, NPP, Rh, the climate means present, sink and source areas and shares.
 * An analysis of NPP (no climate for Rh; `series.nep` then holds NPP) writes its series as
 * npp_gC_m2_yr, and no sink or source columns (NPP ≥ 0 has no source).
 */
export function seriesRows(region: RegionSummary, years: readonly number[], variable: AnalysedVariable = 'NEP'): Rows {
  const s = region.series;
  const npp = variable === 'NPP';
  const cols: { head: string; values: readonly (number | null)[] }[] = [
    { head: npp ? 'npp_gC_m2_yr' : 'nep_gC_m2_yr', values: s.nep },
  ];
  if (s.npp && !npp) cols.push({ head: 'npp_gC_m2_yr', values: s.npp });
  if (s.rh) cols.push({ head: 'rh_gC_m2_yr', values: s.rh });
  for (const v of CLIMATE_VARS) {
    const vals = s[v];
    if (vals) cols.push({ head: `${v}_${unitSuffix(CLIMATE_UNITS[v])}`, values: vals });
  }
  if (!npp) {
    cols.push(
      { head: 'sink_area_km2', values: s.sinkAreaKm2 },
      { head: 'source_area_km2', values: s.sourceAreaKm2 },
      { head: 'sink_share', values: sinkShares(region) },
      { head: 'source_share', values: s.sourceShare },
    );
  }
  const rows: Rows = [['region_id', 'region_name', 'year', ...cols.map((c) => c.head)]];
  years.forEach((year, i) => {
    rows.push([region.id, region.name, year, ...cols.map((c) => c.values[i] ?? null)]);
  });
  return rows;
}

function unitSuffix(unit: string): string {
  return unit === '°C' ? 'degC' : unit === '%' ? 'percent' : unit;
}
