/**
 * Region summaries (SPEC §3, the `regions` of summary.json, §4) from merged ZonalSums.
 * Every value that cannot be computed is null, never NaN.
 */
import type { ZonalSums } from './zonal';
import { CLIMATE_VARS, type ClimateVar, type RegionSummary, type TrendClassKey, type TrendMethod, type YearValue } from './summary';
import { ols } from './ols';
import { theilSen } from './theilSen';
import { mannKendall } from './mannKendall';
import { spearman } from './spearman';

export interface SummaryMeta {
  /** Region ids: 'all', then the zone ids in file order (length = number of regions). */
  ids: string[];
  names: string[];
  years: number[];
  method: TrendMethod;
  /** Variables of `series`, e.g. ['npp', 'rh', 'nep', 'temperature', …]. */
  vars: string[];
}

const SERIES_VARS = new Set<string>(['npp', 'rh', 'nep', ...CLIMATE_VARS]);
const CLASS_KEYS: TrendClassKey[] = ['-3', '-2', '-1', '0', '1', '2', '3'];
const M2_PER_KM2 = 1e6;

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

function allNumbers(a: (number | null)[]): a is number[] {
  return a.length > 0 && a.every((v) => v !== null);
}

export function summarizeRegions(sums: ZonalSums, meta: SummaryMeta): RegionSummary[] {
  const R = sums.area.length;
  const Y = meta.years.length;
  const SY = R > 0 ? sums.sink.length / R : 0;
  const vars = meta.vars.filter((v) => SERIES_VARS.has(v));
  if (!vars.includes('nep')) vars.push('nep');
  const climate = CLIMATE_VARS.filter((v) => vars.includes(v));
  const out: RegionSummary[] = [];

  for (let r = 0; r < meta.ids.length; r++) {
    const inRange = r < R;
    const areaM2 = inRange ? sums.area[r] : 0;
    const hasArea = areaM2 > 0;
    const at = (a: Float64Array, i: number) => (inRange && i < SY ? a[r * SY + i] : 0);

    const seriesOf = (v: string): (number | null)[] => {
      const w = sums.weight[v];
      const wv = sums.weighted[v];
      const s: (number | null)[] = [];
      for (let i = 0; i < Y; i++) {
        const wi = w ? at(w, i) : 0;
        s.push(wi > 0 ? num(at(wv, i) / wi) : null);
      }
      return s;
    };

    const series = {} as RegionSummary['series'];
    const byVar: Record<string, (number | null)[]> = {};
    for (const v of vars) byVar[v] = seriesOf(v);
    // Keys in a stable, documented order: npp, rh, nep, climate…
    for (const v of ['npp', 'rh', 'nep', ...CLIMATE_VARS]) if (byVar[v]) (series as unknown as Record<string, unknown>)[v] = byVar[v];
    series.sinkAreaKm2 = [];
    series.sourceAreaKm2 = [];
    series.sourceShare = [];
    for (let i = 0; i < Y; i++) {
      const sink = at(sums.sink, i);
      const src = at(sums.source, i);
      series.sinkAreaKm2.push(sink / M2_PER_KM2);
      series.sourceAreaKm2.push(src / M2_PER_KM2);
      series.sourceShare.push(hasArea ? num(src / areaM2) : null);
    }

    const nepS = byVar.nep;
    const nep: RegionSummary['nep'] = { mean: null, cumulative: null, min: null, max: null, slope: null, r2: null, p: null };
    if (allNumbers(nepS)) {
      let sum = 0;
      let iMin = 0;
      let iMax = 0;
      for (let i = 0; i < nepS.length; i++) {
        sum += nepS[i];
        if (nepS[i] < nepS[iMin]) iMin = i;
        if (nepS[i] > nepS[iMax]) iMax = i;
      }
      nep.mean = num(sum / nepS.length);
      nep.cumulative = num(sum);
      nep.min = { year: meta.years[iMin], value: nepS[iMin] } as YearValue;
      nep.max = { year: meta.years[iMax], value: nepS[iMax] } as YearValue;
      const fit = ols(meta.years, nepS);
      nep.r2 = num(fit.r2);
      if (meta.method === 'sen-mk') {
        nep.slope = num(theilSen(meta.years, nepS).slope);
        nep.p = num(mannKendall(nepS).p);
      } else {
        nep.slope = num(fit.slope);
        nep.p = num(fit.p);
      }
    }

    const meanSink = inRange ? sums.meanSink[r] : 0;
    const meanSource = inRange ? sums.meanSource[r] : 0;
    const trendClasses = {} as Record<TrendClassKey, number | null>;
    CLASS_KEYS.forEach((key, c) => {
      trendClasses[key] = hasArea ? num((inRange ? sums.cls[r * 7 + c] : 0) / areaM2) : null;
    });

    const correlation: RegionSummary['correlation'] = {};
    for (const v of climate as ClimateVar[]) {
      const cs = byVar[v];
      if (allNumbers(nepS) && allNumbers(cs)) {
        const sp = spearman(nepS, cs);
        correlation[v] = { rho: num(sp.rho), p: num(sp.p) };
      } else correlation[v] = { rho: null, p: null };
    }

    out.push({
      id: meta.ids[r],
      name: meta.names[r] ?? meta.ids[r],
      areaKm2: areaM2 / M2_PER_KM2,
      series,
      nep,
      meanMap: {
        sinkAreaKm2: meanSink / M2_PER_KM2,
        sourceAreaKm2: meanSource / M2_PER_KM2,
        sinkShare: hasArea ? num(meanSink / areaM2) : null,
      },
      trendClasses,
      correlation,
    });
  }
  return out;
}
