/** The `nep-summary/1` document of SPEC §4: what `npm run analyze` writes and the app shows. */
import type { Pei2010Params } from './respiration';

export type ClimateVar = 'temperature' | 'precipitation' | 'humidity' | 'sunshine';
export const CLIMATE_VARS: readonly ClimateVar[] = ['temperature', 'precipitation', 'humidity', 'sunshine'];
export type TrendMethod = 'ols' | 'sen-mk';
export type TrendClassKey = '-3' | '-2' | '-1' | '0' | '1' | '2' | '3';

export interface YearValue {
  year: number;
  value: number | null;
}

export interface RegionSummary {
  id: string;
  name: string;
  areaKm2: number;
  series: {
    npp?: (number | null)[];
    rh?: (number | null)[];
    nep: (number | null)[];
    temperature?: (number | null)[];
    precipitation?: (number | null)[];
    humidity?: (number | null)[];
    sunshine?: (number | null)[];
    sinkAreaKm2: number[];
    sourceAreaKm2: number[];
    sourceShare: (number | null)[];
  };
  nep: {
    mean: number | null;
    cumulative: number | null;
    min: YearValue | null;
    max: YearValue | null;
    slope: number | null;
    r2: number | null;
    p: number | null;
  };
  meanMap: { sinkAreaKm2: number; sourceAreaKm2: number; sinkShare: number | null };
  trendClasses: Record<TrendClassKey, number | null>;
  correlation: Partial<Record<ClimateVar, { rho: number | null; p: number | null }>>;
}

export interface Summary {
  schema: 'nep-summary/1';
  dataset: string;
  years: number[];
  method: TrendMethod;
  respiration: ({ model: 'pei2010' } & Pei2010Params) | null;
  pixels: { total: number; included: number };
  regions: RegionSummary[];
}
