/**
 * The view in the URL hash, so a view can be shared: #layer=nep&year=2019&zone=III-1-2.
 * Unknown or invalid entries fall back to defaults; other hash parameters are kept as they are
 * (for later extensions).
 */
import { isLayerId, type LayerId, type YearSel } from './layers';

export interface ViewState {
  layer: LayerId;
  year: YearSel;
  /** Selected zone id (summary region id), or null for none / the whole region. */
  zone: string | null;
}

export const DEFAULT_VIEW: ViewState = { layer: 'nep', year: 'mean', zone: null };

export function parseViewState(hash: string): ViewState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const layer = p.get('layer');
  const year = p.get('year');
  const zone = p.get('zone');
  let y: YearSel = DEFAULT_VIEW.year;
  if (year && /^\d{4}$/.test(year)) y = Number(year);
  return {
    layer: layer && isLayerId(layer) ? layer : DEFAULT_VIEW.layer,
    year: y,
    zone: zone ? zone : null,
  };
}

/** The hash for a view, keeping any other parameters of `previous`. */
export function formatViewState(v: ViewState, previous = ''): string {
  const p = new URLSearchParams(previous.replace(/^#/, ''));
  p.set('layer', v.layer);
  p.set('year', String(v.year));
  if (v.zone) p.set('zone', v.zone);
  else p.delete('zone');
  return '#' + p.toString();
}

/** A year valid for the result: the given one if present, else the mean. */
export function clampYear(y: YearSel, years: number[]): YearSel {
  return y === 'mean' || years.includes(y) ? y : 'mean';
}

/**
 * The dataset in the page's query: `?dataset=<URL of a dataset.json>` (absolute, or relative to
 * the page). With the view in the hash, the whole address opens the same view elsewhere.
 */
export function datasetFromSearch(search: string): string | null {
  const v = new URLSearchParams(search.replace(/^\?/, '')).get('dataset');
  return v && v.trim() ? v.trim() : null;
}

/** The query with `dataset` set (or removed for null), other parameters kept; '' when empty. */
export function searchWithDataset(search: string, url: string | null): string {
  const p = new URLSearchParams(search.replace(/^\?/, ''));
  if (url) p.set('dataset', url);
  else p.delete('dataset');
  const s = p.toString();
  return s ? '?' + s : '';
}
