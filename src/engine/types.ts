/** What the engine hands the app (and, in part, the CLI): the summary and the per-pixel maps. */
import type { ClimateVar, Summary, TrendMethod } from '../core/summary';
import type { Pei2010Params } from '../core/respiration';
import type { Grid } from '../io/grid';

export interface AnalysisOptions {
  method: TrendMethod;
  /** Rh coefficients; null when the dataset gives NEP directly or has no climate. */
  respiration: Pei2010Params | null;
}

/** Per-pixel results, stored for the included pixels only (a park is a small part of its bounding grid). */
export interface PixelMaps {
  grid: Grid;
  years: number[];
  /** Row-major grid indices (y * width + x) of the included pixels, ascending. */
  index: Uint32Array;
  /** Zone of each included pixel: an index into AnalysisResult.zones, or -1. */
  zone: Int16Array;
  mean: Float32Array;
  slope: Float32Array;
  p: Float32Array;
  /** Trend class −3…3 (SPEC §3). */
  cls: Int8Array;
  /** Spearman's rho of the pixel's NEP series with each climate variable present. */
  rho: Partial<Record<ClimateVar, Float32Array>>;
  /** Year-major series: year i of included pixel k is at [i * index.length + k]. */
  nep: Float32Array;
  npp: Float32Array | null;
  rh: Float32Array | null;
  climate: Partial<Record<ClimateVar, Float32Array>>;
}

export interface ZoneFeature {
  /** The zone's id property, as a string (summary region id). */
  id: string;
  name: string;
  /** Every property of the feature, as read (user strings: render as text, never HTML). */
  properties: Record<string, unknown>;
  /** lon/lat (RFC 7946) polygon or multipolygon. */
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
}

/**
 * The variable the trend and zone analysis ran on: NEP (NPP − Rh, or NEP given directly), or NPP
 * itself when the dataset has NPP but no climate for Rh (summary.series.nep then holds NPP).
 */
export type AnalysedVariable = 'NEP' | 'NPP';

export interface AnalysisResult {
  /** What `summary.series.nep`, `nep.*` and `maps.nep/mean/slope/cls/rho` hold; absent: NEP. */
  variable?: AnalysedVariable;
  summary: Summary;
  maps: PixelMaps;
  zones: ZoneFeature[];
  boundary: GeoJSON.FeatureCollection | null;
  /** Short name for export file names, e.g. 'qilian'. */
  slug: string;
}

export interface Progress {
  /** What is happening, for a person: 'Reading NPP 2005', 'Computing trends', … */
  stage: string;
  done: number;
  total: number;
  /** The dataset's name, on the first message once it is known (the page's header shows it then). */
  dataset?: string;
}
