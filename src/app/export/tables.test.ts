import { describe, expect, it } from 'vitest';
import type { RegionSummary } from '../../core/summary';
import { correlationRows, seriesRows, trendClassRows } from './tables';

const region: RegionSummary = {
  id: 'III-1-2',
  name: 'Eastern Qilian',
  areaKm2: 100,
  series: {
    nep: [10, -2, 12],
    npp: [30, 20, 33],
    rh: [20, 22, 21],
    temperature: [1, 2, 3],
    sunshine: [2500, 2600, 2550],
    sinkAreaKm2: [90, 40, 100],
    sourceAreaKm2: [10, 60, 0],
    sourceShare: [0.1, 0.6, 0],
  },
  nep: { mean: 6.67, cumulative: 20, min: { year: 2001, value: -2 }, max: { year: 2002, value: 12 }, slope: 1, r2: 0.05, p: 0.85 },
  meanMap: { sinkAreaKm2: 95, sourceAreaKm2: 5, sinkShare: 0.95 },
  trendClasses: { '-3': 0, '-2': 0.01, '-1': 0.02, '0': 0, '1': 0.25, '2': 0.1, '3': 0.62 },
  correlation: { temperature: { rho: 0.5, p: 0.667 }, sunshine: { rho: -1, p: 0 } },
};

describe('correlationRows', () => {
  it('ranks by |rho| and marks significance', () => {
    expect(correlationRows(region)).toEqual([
      ['region_id', 'region_name', 'rank', 'variable', 'label', 'spearman_rho', 'p_value', 'significance'],
      ['III-1-2', 'Eastern Qilian', 1, 'sunshine', 'Sunshine duration', -1, 0, '**'],
      ['III-1-2', 'Eastern Qilian', 2, 'temperature', 'Temperature', 0.5, 0.667, ''],
    ]);
  });
});

describe('trendClassRows', () => {
  it('lists the seven classes with names, shares and percents', () => {
    const rows = trendClassRows(region);
    expect(rows).toHaveLength(8);
    expect(rows[1]).toEqual(['III-1-2', 'Eastern Qilian', 3, 'Extremely significant increase', 0.62, 62]);
    expect(rows[4]).toEqual(['III-1-2', 'Eastern Qilian', 0, 'No change', 0, 0]);
    expect(rows[7][2]).toBe(-3);
  });
});

describe('seriesRows', () => {
  it('writes one row per year with the variables present', () => {
    const rows = seriesRows(region, [2000, 2001, 2002]);
    expect(rows[0]).toEqual([
      'region_id', 'region_name', 'year', 'nep_gC_m2_yr', 'npp_gC_m2_yr', 'rh_gC_m2_yr',
      'temperature_degC', 'sunshine_h', 'sink_area_km2', 'source_area_km2', 'sink_share', 'source_share',
    ]);
    expect(rows[2]).toEqual(['III-1-2', 'Eastern Qilian', 2001, -2, 20, 22, 2, 2600, 40, 60, 0.4, 0.6]);
    expect(rows).toHaveLength(4);
  });

  it('writes an NPP analysis (no climate) as NPP, without sink and source columns', () => {
    const nppOnly: RegionSummary = {
      ...region,
      series: { nep: [30, 20, 33], humidity: [60, 61, 62], sinkAreaKm2: [100, 100, 100], sourceAreaKm2: [0, 0, 0], sourceShare: [0, 0, 0] },
    };
    expect(seriesRows(nppOnly, [2000, 2001, 2002], 'NPP')).toEqual([
      ['region_id', 'region_name', 'year', 'npp_gC_m2_yr', 'humidity_percent'],
      ['III-1-2', 'Eastern Qilian', 2000, 30, 60],
      ['III-1-2', 'Eastern Qilian', 2001, 20, 61],
      ['III-1-2', 'Eastern Qilian', 2002, 33, 62],
    ]);
  });
});
