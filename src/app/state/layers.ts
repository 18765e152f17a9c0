/**
 * The map's layers: what each shows, its unit, how it is coloured, and its per-pixel values
 * (for the included pixels, k = 0 … n−1) from the engine's PixelMaps.
 */
import { CLIMATE_VARS, type ClimateVar } from '../../core/summary';
import type { AnalysedVariable, PixelMaps } from '../../engine/types';
import { hasSeries, seriesYear } from '../../engine/pixelJoin';

export type { AnalysedVariable };

export type LayerId =
  | 'nep'
  | 'npp'
  | 'rh'
  | ClimateVar
  | 'slope'
  | 'trend-class'
  | 'sink-source'
  | `rho-${ClimateVar}`;

/** A year of the series, or the multi-year mean. */
export type YearSel = number | 'mean';

export type RampKind = 'diverging' | 'sequential' | 'classes' | 'sign' | 'rho';

export interface LayerDef {
  id: LayerId;
  /** Short name for the layer control. */
  label: string;
  /** For titles: "Net ecosystem productivity (NEP)". */
  title: string;
  unit: string;
  /** Follows the year control (a year or the multi-year mean). */
  yearly: boolean;
  ramp: RampKind;
  /** d3-scale-chromatic interpolator name for continuous ramps. */
  scheme?: 'BrBG' | 'RdBu' | 'YlGn' | 'YlOrBr' | 'YlOrRd' | 'Blues' | 'GnBu' | 'cividis' | 'PuOr';
  group: 'Carbon' | 'Trend' | 'Climate' | `Correlation with ${AnalysedVariable}`;
}

const G = 'gC m⁻² yr⁻¹';
const CLIMATE_META: Record<ClimateVar, { label: string; unit: string; scheme: LayerDef['scheme'] }> = {
  temperature: { label: 'Temperature', unit: '°C', scheme: 'YlOrRd' },
  precipitation: { label: 'Precipitation', unit: 'mm', scheme: 'Blues' },
  humidity: { label: 'Relative humidity', unit: '%', scheme: 'GnBu' },
  sunshine: { label: 'Sunshine duration', unit: 'h', scheme: 'cividis' },
};

export const LAYERS: readonly LayerDef[] = [
  { id: 'nep', label: 'NEP', title: 'Net ecosystem productivity (NEP)', unit: G, yearly: true, ramp: 'diverging', scheme: 'BrBG', group: 'Carbon' },
  { id: 'npp', label: 'NPP', title: 'Net primary productivity (NPP)', unit: G, yearly: true, ramp: 'sequential', scheme: 'YlGn', group: 'Carbon' },
  { id: 'rh', label: 'Rh', title: 'Soil heterotrophic respiration (Rh)', unit: G, yearly: true, ramp: 'sequential', scheme: 'YlOrBr', group: 'Carbon' },
  { id: 'sink-source', label: 'Sink / source', title: 'Carbon sink (NEP > 0) and source (NEP < 0)', unit: '', yearly: true, ramp: 'sign', group: 'Carbon' },
  { id: 'slope', label: 'Trend slope', title: 'Trend of NEP', unit: 'gC m⁻² yr⁻²', yearly: false, ramp: 'diverging', scheme: 'RdBu', group: 'Trend' },
  { id: 'trend-class', label: 'Trend class', title: 'Trend class of NEP', unit: '', yearly: false, ramp: 'classes', group: 'Trend' },
  ...CLIMATE_VARS.map((v): LayerDef => ({
    id: v, label: CLIMATE_META[v].label, title: CLIMATE_META[v].label, unit: CLIMATE_META[v].unit,
    yearly: true, ramp: 'sequential', scheme: CLIMATE_META[v].scheme, group: 'Climate',
  })),
  ...CLIMATE_VARS.map((v): LayerDef => ({
    id: `rho-${v}`, label: `ρ ${CLIMATE_META[v].label.toLowerCase()}`,
    title: `Spearman's ρ of NEP with ${CLIMATE_META[v].label.toLowerCase()}`,
    unit: 'unitless', yearly: false, ramp: 'rho', scheme: 'RdBu', group: 'Correlation with NEP',
  })),
];

/** The analysed variable's names: 'NEP' and 'Net ecosystem productivity (NEP)', or NPP's. */
export function variableNames(variable: AnalysedVariable = 'NEP'): { short: AnalysedVariable; long: string; file: 'nep' | 'npp' } {
  return variable === 'NPP'
    ? { short: 'NPP', long: 'Net primary productivity (NPP)', file: 'npp' }
    : { short: 'NEP', long: 'Net ecosystem productivity (NEP)', file: 'nep' };
}

/** Layers that only exist when the analysis runs on NEP: NPP and Rh beside it, and its sign. */
const NEP_ONLY: readonly LayerId[] = ['npp', 'rh', 'sink-source'];

/**
 * The layers of an analysis of `variable`. For NEP, LAYERS. For NPP (a dataset without climate
 * for Rh): the 'nep' layer (the analysed series) is named NPP, the trend and correlation layers
 * say "of NPP", and NPP/Rh/sink-source are left out (NPP is the analysed layer itself, there is
 * no Rh, and NPP ≥ 0 has no source). Ids, ramps and units are the same for both.
 */
export function layersFor(variable: AnalysedVariable = 'NEP'): readonly LayerDef[] {
  return variable === 'NPP' ? NPP_LAYERS : LAYERS;
}

const NPP_LAYERS: readonly LayerDef[] = LAYERS.filter((l) => !NEP_ONLY.includes(l.id)).map((l): LayerDef => {
  const names = variableNames('NPP');
  if (l.id === 'nep') return { ...l, label: names.short, title: names.long };
  return {
    ...l,
    title: l.title.replace(/\bNEP\b/g, names.short),
    group: l.group === 'Correlation with NEP' ? 'Correlation with NPP' : l.group,
  };
});

/** A layer's definition, named for the analysed variable (ids only NEP has fall back to LAYERS). */
export function layerDef(id: LayerId, variable: AnalysedVariable = 'NEP'): LayerDef {
  const d = layersFor(variable).find((l) => l.id === id) ?? LAYERS.find((l) => l.id === id);
  if (!d) throw new Error(`unknown layer ${id}`);
  return d;
}

export function isLayerId(s: string): s is LayerId {
  return LAYERS.some((l) => l.id === s);
}

/** The study's names of the trend classes, −3 … 3 (SPEC §3). */
export const TREND_CLASS_NAMES: Record<number, string> = {
  3: 'Extremely significant increase',
  2: 'Significant increase',
  1: 'Non-significant increase',
  0: 'No change',
  [-1]: 'Non-significant decrease',
  [-2]: 'Significant decrease',
  [-3]: 'Extremely significant decrease',
};

/** The layers this result can show (NPP/Rh/climate only when the dataset has them), named for `variable`. */
export function availableLayers(maps: PixelMaps, variable: AnalysedVariable = 'NEP'): LayerDef[] {
  return layersFor(variable).filter((l) => {
    // Asked without joining a series the app may never show (engine/pixelJoin.ts).
    if (l.id === 'npp' || l.id === 'rh') return hasSeries(maps, l.id);
    if ((CLIMATE_VARS as readonly string[]).includes(l.id)) return hasSeries(maps.climate, l.id);
    if (l.id.startsWith('rho-')) return maps.rho[l.id.slice(4) as ClimateVar] !== undefined;
    return true;
  });
}

/** Per-pixel mean over the years of a year-major series (NaN years skipped). */
export function meanOverYears(series: Float32Array, n: number, years: number): Float32Array {
  const sum = new Float64Array(n);
  const cnt = new Uint16Array(n);
  for (let i = 0; i < years; i++) {
    const off = i * n;
    for (let k = 0; k < n; k++) {
      const v = series[off + k];
      if (v === v) {
        sum[k] += v;
        cnt[k]++;
      }
    }
  }
  const out = new Float32Array(n);
  for (let k = 0; k < n; k++) out[k] = cnt[k] ? sum[k] / cnt[k] : NaN;
  return out;
}

/**
 * Values of a layer for every included pixel: a view into the engine's arrays where possible
 * (a year of a series is a subarray, no copy); multi-year means are computed once per result
 * and cached.
 */
export class LayerValues {
  private readonly means = new Map<string, Float32Array>();
  constructor(readonly maps: PixelMaps) {}

  get n(): number {
    return this.maps.index.length;
  }

  /** The year-major series behind a yearly layer, or null. */
  series(id: LayerId): Float32Array | null {
    const m = this.maps;
    if (id === 'nep' || id === 'sink-source') return m.nep;
    if (id === 'npp') return m.npp;
    if (id === 'rh') return m.rh;
    if ((CLIMATE_VARS as readonly string[]).includes(id)) return m.climate[id as ClimateVar] ?? null;
    return null;
  }

  values(id: LayerId, year: YearSel): Float32Array | Int8Array {
    const m = this.maps;
    const n = this.n;
    if (id === 'slope') return m.slope;
    if (id === 'trend-class') return m.cls;
    if (id.startsWith('rho-')) {
      const r = m.rho[id.slice(4) as ClimateVar];
      if (!r) throw new Error(`no ${id} in this result`);
      return r;
    }
    // NEP's mean map is the result's own: its series is not read (nor joined: engine/pixelJoin.ts).
    if (year === 'mean' && (id === 'nep' || id === 'sink-source')) return m.mean;
    if (year === 'mean') {
      let cached = this.means.get(id);
      if (!cached) {
        const s = this.series(id);
        if (!s) throw new Error(`no ${id} in this result`);
        cached = meanOverYears(s, n, m.years.length);
        this.means.set(id, cached);
      }
      return cached;
    }
    const i = m.years.indexOf(year);
    if (i < 0) throw new Error(`year ${year} is not in this result`);
    // One year: of a series the app works out itself (engine/derivedSeries.ts), that year alone.
    const key = id === 'sink-source' ? 'nep' : id;
    const holder = (CLIMATE_VARS as readonly string[]).includes(id) ? m.climate : m;
    const v = seriesYear(holder, key, i, n);
    if (!v) throw new Error(`no ${id} in this result`);
    return v;
  }
}

/**
 * The export file name's stem for a view: nep-2019, nep-mean, trend-class, rho-temperature.
 * An analysis of NPP says so: npp-2019, npp-mean, npp-slope, npp-trend-class, npp-rho-humidity
 * (climate layers, the same for both, keep their names).
 */
export function layerFileStem(id: LayerId, year: YearSel, variable: AnalysedVariable = 'NEP'): string {
  let stem: string = id;
  if (variable === 'NPP') {
    if (id === 'nep') stem = 'npp';
    else if (id === 'slope' || id === 'trend-class' || id.startsWith('rho-')) stem = `npp-${id}`;
  }
  return layerDef(id, variable).yearly ? `${stem}-${year}` : stem;
}
