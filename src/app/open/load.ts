/**
 * Opening a dataset, checked before it is trusted: a dataset.json by URL (CORS, 404 and Range
 * checked, files fetched whole when the server ignores Range), or picked files (a DatasetInput
 * resolving to Blobs). The manifest is parsed first, the size checked against what the browser
 * holds, and the engine run (which refuses a dataset without a single included pixel, naming the
 * first year's NPP or NEP file, as the command line does).
 */
import { analyzeInput, analyzeLargeInBrowser, prefetchInWorkers, slugify, type AnalysisPreview } from '../../engine/browser';
import type { DatasetInput } from '../../engine/prepare';
import type { AnalysisOptions, AnalysisResult, Progress } from '../../engine/types';
import { parseManifest, type Manifest } from '../../io/manifest';
import { expandPath, resolvePath } from '../../io/paths';
import { openRaster } from '../../io/raster';
import { DatasetError, isDatasetError } from '../../io/errors';
import { budgetFromSearch, isLarge } from './limits';
import { largeNote } from '../state/largeMode';
import { zippedInput } from './pickedFiles';
import { datasetFiles } from '../../engine/browser/prefetch';
import { isZipUrl, takeEarly } from './earlyFetch';
import { fetchFailure, fetchWhole, ignoresRangeMessage, probeRange, WHOLE_FILE_BUDGET } from './remote';

export type DatasetSource =
  /** A dataset.json by URL, absolute or relative to the page. */
  | { kind: 'url'; url: string }
  /** Picked or dropped files. */
  | { kind: 'input'; input: DatasetInput };

export interface Loaded {
  result: AnalysisResult;
  /** Plain statements about the dataset for the person (no climate, Range ignored, …). */
  notes: string[];
  /** NPP given but no Rh (no temperature and precipitation): NEP shown is NPP. */
  nppOnly: boolean;
}

export const NO_CLIMATE_NOTE = 'No climate: trends and zones are computed on NPP; Rh and correlations need temperature and precipitation.';

const isHttp = (s: string) => /^https?:/i.test(s);

async function fetchManifest(url: string, name: string, signal?: AbortSignal): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { signal, cache: 'no-cache' });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw await fetchFailure(url, name);
  }
  if (res.status === 404) throw new DatasetError(name, `not found on the server (HTTP 404: ${url})`);
  if (!res.ok) throw new DatasetError(name, `the server answered HTTP ${res.status} for ${url}`);
  const bytes = await res.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DatasetError(name, 'is not UTF-8 text (is this a dataset.json?)');
  }
}

/**
 * A dataset.json by URL, started early: its text, and for a dataset on the page's own server its
 * files fetched whole into Blobs by the engine's workers (engine/browser/prefetch.ts).
 */
interface Started {
  url: string;
  text: Promise<string>;
  /** url → Blob; empty when nothing was prefetched (another origin: see loadSource). */
  files: Promise<Map<string, Blob>>;
}

function start(url: string, name: string): Started {
  const t0 = performance.now();
  const text = fetchManifest(url, name);
  const files = text.then(async (t) => {
    if (new URL(url).origin !== location.origin) return new Map<string, Blob>();
    let manifest: Manifest;
    try {
      manifest = parseManifest(t, name);
    } catch {
      return new Map<string, Blob>(); // reported by loadSource
    }
    const urls = new Set<string>();
    for (const p of datasetFiles(manifest)) {
      try {
        const r = resolvePath(url, p);
        if (isHttp(r)) urls.add(r);
      } catch {
        /* reported by the engine */
      }
    }
    const t1 = performance.now();
    const got = await prefetchInWorkers([...urls]);
    measure('nep:manifest', t0, t1);
    measure('nep:prefetch', t1, performance.now());
    return got;
  });
  // Whoever takes it reports the failure; until then it is not unhandled.
  files.catch(() => {});
  return { url, text, files };
}

/** A load started before the app asked for it (preloadUrl), with what it has told so far. */
interface EarlyLoad {
  url: string;
  stop: AbortController;
  result: Promise<Loaded>;
  progress: Progress | null;
  preview: AnalysisPreview | null;
  onProgress: ((p: Progress) => void) | null;
  onPreview: ((p: AnalysisPreview) => void) | null;
}

let early: EarlyLoad | null = null;

/**
 * Starts loading and analysing a dataset.json by URL, with the dataset's own settings, before the
 * app has rendered (main.tsx calls it for the dataset the page opens with): the manifest, the
 * downloads and the first map's computation then overlap the app's start-up instead of waiting for
 * it. loadSource takes the load over when asked for the same URL with no settings of its own (and
 * is told what it missed); asked for anything else, it stops it.
 */
export function preloadUrl(sourceUrl: string): void {
  let url: string;
  try {
    url = new URL(sourceUrl, location.href).href;
  } catch {
    return; // loadSource reports a bad URL
  }
  const e: EarlyLoad = {
    url, stop: new AbortController(), result: null as unknown as Promise<Loaded>,
    progress: null, preview: null, onProgress: null, onPreview: null,
  };
  e.result = loadUrl(url, {}, (p) => { e.progress = p; e.onProgress?.(p); }, e.stop.signal, (p) => { e.preview = p; e.onPreview?.(p); });
  e.result.catch(() => {}); // told to whoever takes it over
  early = e;
}

const nameOf = (url: string) => decodeURIComponent(new URL(url).pathname.split('/').pop() || 'dataset.json');

export async function loadSource(
  source: DatasetSource,
  options: Partial<AnalysisOptions>,
  onProgress: (p: Progress) => void,
  signal?: AbortSignal,
  onPreview?: (p: AnalysisPreview) => void,
): Promise<Loaded> {
  const e = early;
  early = null;
  if (e) {
    const same = source.kind === 'url' && new URL(source.url, location.href).href === e.url && JSON.stringify(options) === '{}';
    if (same && !signal?.aborted) {
      e.onProgress = onProgress;
      e.onPreview = onPreview ?? null;
      if (e.progress) onProgress(e.progress);
      if (e.preview) onPreview?.(e.preview);
      signal?.addEventListener('abort', () => e.stop.abort(), { once: true });
      return abortable(e.result, signal);
    }
    e.stop.abort();
  }
  if (source.kind === 'input') {
    const manifest = parseManifest(source.input.manifestText, source.input.manifestName);
    return run(source.input, manifest, options, onProgress, signal, [], onPreview);
  }
  return loadUrl(new URL(source.url, location.href).href, options, onProgress, signal, onPreview);
}

async function loadUrl(
  url: string,
  options: Partial<AnalysisOptions>,
  onProgress: (p: Progress) => void,
  signal?: AbortSignal,
  onPreview?: (p: AnalysisPreview) => void,
): Promise<Loaded> {
  const name = nameOf(url);
  if (isZipUrl(url)) {
    // A dataset zipped whole (the demo is one: scripts/demo-pack.ts): one download, read in place.
    onProgress({ stage: `Downloading ${name}`, done: 0, total: 1 });
    const t0 = performance.now();
    const input = await zippedInput(await fetchWhole(url, name, signal, takeEarly(url)), name);
    measure('nep:prefetch', t0, performance.now());
    return run(input, parseManifest(input.manifestText, input.manifestName), options, onProgress, signal, [], onPreview);
  }
  onProgress({ stage: `Reading ${name}`, done: 0, total: 1 });
  const started = start(url, name);
  const text = await abortable(started.text, signal);
  const manifest = parseManifest(text, name);
  const notes: string[] = [];
  let resolve: DatasetInput['resolve'] = (p) => resolvePath(url, p);
  const main = (manifest.npp ?? manifest.nep)!;
  const first = expandPath(main.path, manifest.years[0]);
  const firstUrl = resolvePath(url, first);
  // Files on the page's own server come whole (start): whether it honours Range matters only for
  // those it did not give, so it is asked only then.
  if (isHttp(firstUrl) && new URL(url).origin === location.origin) {
    const paths = datasetFiles(manifest);
    onProgress({ stage: `Downloading ${paths.length} files`, done: 0, total: paths.length });
    const files = await abortable(started.files, signal);
    resolve = (p) => {
      const r = resolvePath(url, p);
      return files.get(r) ?? r;
    };
    if (paths.every((p) => files.has(resolvePath(url, p)))) {
      const parts = new URL(url).pathname.split('/').filter(Boolean);
      const slug = slugify(parts.length > 1 ? parts[parts.length - 2] : 'dataset');
      return run({ manifestText: text, manifestName: name, resolve, slug }, manifest, options, onProgress, signal, notes, onPreview);
    }
  }
  if (isHttp(firstUrl)) {
    onProgress({ stage: `Checking the server for ${first}`, done: 0, total: 1 });
    const probe = await probeRange(firstUrl, first);
    if (!probe.ranges) {
      notes.push(ignoresRangeMessage(firstUrl));
      const paths = datasetFiles(manifest);
      const blobs = new Map<string, Blob>();
      let total = 0;
      for (const [i, p] of paths.entries()) {
        onProgress({ stage: `Downloading ${p} whole (the server ignores Range)`, done: i, total: paths.length });
        const b = await fetchWhole(resolvePath(url, p), p, signal);
        total += b.size;
        if (total > WHOLE_FILE_BUDGET) {
          throw new DatasetError(p, `${ignoresRangeMessage(firstUrl)} This dataset is over ${WHOLE_FILE_BUDGET / 2 ** 20} MB, too much to download whole: serve it with Range support.`);
        }
        blobs.set(p, b);
      }
      resolve = (p) => blobs.get(p) ?? resolvePath(url, p);
    }
  }
  const parts = new URL(url).pathname.split('/').filter(Boolean);
  const slug = slugify(parts.length > 1 ? parts[parts.length - 2] : 'dataset');
  return run({ manifestText: text, manifestName: name, resolve, slug }, manifest, options, onProgress, signal, notes, onPreview);
}

function measure(name: string, start: number, end: number) {
  try {
    performance.measure(name, { start, end });
  } catch {
    /* no User Timing */
  }
}

/** The promise, or an AbortError as soon as `signal` aborts. */
function abortable<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(new DOMException('Aborted', 'AbortError'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DOMException('Aborted', 'AbortError'));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function run(
  input: DatasetInput,
  manifest: Manifest,
  options: Partial<AnalysisOptions>,
  onProgress: (p: Progress) => void,
  signal: AbortSignal | undefined,
  notes: string[],
  onPreview?: (p: AnalysisPreview) => void,
): Promise<Loaded> {
  const main = (manifest.npp ?? manifest.nep)!;
  const first = expandPath(main.path, manifest.years[0]);
  const ref = input.resolve(first);
  const src = await openRaster(ref, first);
  const { width, height } = src.grid;
  src.close();
  // Above what the browser holds whole (limits.ts; ?maxPixelYears= forces it): large mode.
  const budget = budgetFromSearch(location.search);
  const large = isLarge(width, height, manifest.years.length, budget);
  if (signal?.aborted) throw new DOMException('Aborted', 'AbortError');

  let result: AnalysisResult;
  try {
    result = large
      ? await analyzeLargeInBrowser(input, options, budget.display, onProgress, signal, onPreview)
      : await analyzeInput(input, options, onProgress, signal, onPreview);
  } catch (e) {
    // geotiff.js says only "Error fetching data." / "Failed to fetch": ask the server what is wrong.
    if (isDatasetError(e) && /could not be downloaded/.test(e.problem)) {
      let r: ReturnType<DatasetInput['resolve']> | null = null;
      try {
        r = input.resolve(e.file);
      } catch {
        /* keep the engine's message */
      }
      if (typeof r === 'string' && isHttp(r)) {
        const probe = await probeRange(r, e.file); // throws the precise message for 404, 403, CORS
        // The server answers: read the file whole (when small) to say what is wrong with it (e.g. truncated).
        if (probe.size !== null && probe.size <= 64 * 2 ** 20) {
          const src2 = await openRaster(await fetchWhole(r, e.file, signal), e.file);
          src2.close();
        }
      }
    }
    throw e;
  }
  if ('large' in result) notes.push(largeNote(result as Parameters<typeof largeNote>[0]));
  const nppOnly = !!manifest.npp && result.summary.respiration === null;
  if (nppOnly) notes.push(NO_CLIMATE_NOTE);
  return { result, notes, nppOnly };
}
