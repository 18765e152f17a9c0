/**
 * The study's published figures (Jiao, "Spatiotemporal Evolution and Driving Mechanism of NEP in
 * Qilian Mountain National Park"), which the synthetic demo is calibrated to, and the choices
 * the generator makes where the study gives no number.
 */
export const YEARS = Array.from({ length: 23 }, (_, i) => 2000 + i);

export interface ZoneTarget {
  id: string;
  mean: number;
  slope: number;
  min: { year: number; value: number };
  max: { year: number; value: number };
  /** Values the generator pins in other years (not published; chosen so the park peaks in 2019). */
  pins: { year: number; value: number }[];
  /** Published Spearman rho with temperature, precipitation, humidity, sunshine (Table 2). */
  rho: Record<ClimateKey, number>;
  /** Trend-class shares planned inside the zone (area fractions of its vegetated pixels). */
  classes: { neg3: number; neg2: number; neg1: number; pos1: number; pos2: number };
  /** t-statistic range of the class +3 pixels. */
  t3: [number, number];
  /** Relative spread of the extra, pixel-level interannual noise (0 = none). */
  noise: number;
}

export type ClimateKey = 'temperature' | 'precipitation' | 'humidity' | 'sunshine';
export const CLIMATE_KEYS: ClimateKey[] = ['temperature', 'precipitation', 'humidity', 'sunshine'];

/** In zoneDefs() order. */
export const ZONE_TARGETS: ZoneTarget[] = [
  {
    id: 'III-1-2',
    mean: 221.61,
    slope: 2.31,
    min: { year: 2001, value: 184.03 },
    max: { year: 2019, value: 249.8 },
    pins: [],
    rho: { temperature: 0.52, precipitation: 0.3, humidity: 0.047, sunshine: 0.022 },
    classes: { neg3: 0.004, neg2: 0.0012, neg1: 0.009, pos1: 0.08, pos2: 0.07 },
    t3: [2.95, 9.5],
    noise: 0.4,
  },
  {
    id: 'II-3-3',
    mean: 230.13,
    slope: 3.88,
    min: { year: 2001, value: 153.59 },
    max: { year: 2019, value: 298.63 },
    pins: [],
    rho: { temperature: 0.45, precipitation: 0.43, humidity: 0.26, sunshine: 0.038 },
    classes: { neg3: 0, neg2: 0, neg1: 0, pos1: 0.04, pos2: 0.08 },
    t3: [2.95, 9],
    noise: 0.3,
  },
  {
    id: 'III-1-1',
    mean: 72.16,
    slope: 1.3,
    min: { year: 2001, value: 51.23 },
    max: { year: 2018, value: 91.22 },
    pins: [{ year: 2019, value: 88.4 }],
    rho: { temperature: 0.45, precipitation: 0.38, humidity: 0.32, sunshine: 0.14 },
    classes: { neg3: 0.004, neg2: 0.0015, neg1: 0.02, pos1: 0.12, pos2: 0.12 },
    t3: [2.95, 8.5],
    noise: 0.35,
  },
  {
    id: 'III-2',
    mean: 43.39,
    slope: 1.02,
    min: { year: 2001, value: 28.51 },
    max: { year: 2018, value: 67.06 },
    pins: [{ year: 2019, value: 62.3 }],
    rho: { temperature: 0.38, precipitation: 0.37, humidity: 0.26, sunshine: 0.11 },
    classes: { neg3: 0, neg2: 0, neg1: 0, pos1: 0.15, pos2: 0.15 },
    t3: [2.95, 7],
    noise: 0.3,
  },
  {
    id: 'III-1-3',
    mean: 6.69,
    slope: 0.25,
    min: { year: 2001, value: 0.94 },
    max: { year: 2010, value: 17.94 },
    pins: [{ year: 2019, value: 10.2 }],
    rho: { temperature: 0.49, precipitation: 0.15, humidity: 0.23, sunshine: 0.23 },
    classes: { neg3: 0, neg2: 0, neg1: 0, pos1: 0.33, pos2: 0.45 },
    t3: [2.95, 3.05],
    noise: 0,
  },
];

/** Whole park (Table 2, first row). */
export const PARK_RHO: Record<ClimateKey, number> = { temperature: 0.47, precipitation: 0.36, humidity: 0.2, sunshine: 0.098 };

/**
 * Share of the park's area that is a carbon source (NEP < 0), per year, in percent: below 0.5 %
 * every year, highest in 2015 (0.4656 %), rising from the year before only in 2012, 2015, 2017,
 * 2019 and 2020, trending down (Figure 3 and its text).
 */
export const SOURCE_SHARE_PCT = [
  0.43, 0.422, 0.405, 0.391, 0.372, 0.355, 0.34, 0.322, 0.305, 0.288, 0.262, 0.246, 0.281, 0.259, 0.231, 0.4656, 0.214, 0.238, 0.196,
  0.221, 0.243, 0.179, 0.152,
];
/** Share of the park whose multi-year mean NEP is negative, percent (100 − 99.755). */
export const MEAN_MAP_SOURCE_PCT = 0.245;

/** Two-sided t critical values for 21 df (scipy.stats.t.ppf(0.995, 21), t.ppf(0.975, 21)). */
export const T_01 = 2.831360;
export const T_05 = 2.079614;
