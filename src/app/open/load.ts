/**
 * Opening a dataset, checked before it is trusted: a dataset.json by URL (CORS, 404 and Range
 * checked, files fetched whole when the server ignores Range), or picked files (a DatasetInput
 * resolving to Blobs). The manifest is parsed first, the size checked against what the browser
 * holds, the engine run, and a result without a single included pixel refused.
 */
import { analyzeInput, slugify } from '../../engine/browser';
import type { DatasetInput } from '../../engine/prepare';
import type { AnalysisOptions, AnalysisResult, Progress } from '../../engine/types';
import { parseManifest, type Manifest } from '../../io/manifest';
import { expandPath, resolvePath } from '../../io/paths';
import { openRaster } from '../../io/raster';
import { DatasetError, isDatasetError } from '../../io/errors';
import { assertFitsInBrowser } from './limits';
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

/** Every file a manifest names, as written in it (years expanded). */
export function manifestPaths(m: Manifest): string[] {
  const out: string[] = [];
  const layer = (t: string) => m.years.forEach((y) => out.push(expandPath(t, y)));
  const main = m.npp ?? m.nep;
  if (main) layer(main.path);
  if (m.climate?.kind === 'rasters') for (const l of Object.values(m.climate.layers)) if (l) layer(l.path);
  if (m.climate?.kind === 'table') out.push(m.climate.table);
  if (m.zones) out.push(m.zones.path);
  if (m.boundary) out.push(m.boundary.path);
  return [...new Set(out)];
}

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

export async function loadSource(
  source: DatasetSource,
  options: Partial<AnalysisOptions>,
  onProgress: (p: Progress) => void,
  signal?: AbortSignal,
): Promise<Loaded> {
  if (source.kind === 'input') {
    const manifest = parseManifest(source.input.manifestText, source.input.manifestName);
    return run(source.input, manifest, options, onProgress, signal, []);
  }
  const url = new URL(source.url, location.href).href;
  const name = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'dataset.json');
  onProgress({ stage: `Reading ${name}`, done: 0, total: 1 });
  const text = await fetchManifest(url, name, signal);
  const manifest = parseManifest(text, name);
  const notes: string[] = [];
  let resolve: DatasetInput['resolve'] = (p) => resolvePath(url, p);
  const main = (manifest.npp ?? manifest.nep)!;
  const first = expandPath(main.path, manifest.years[0]);
  const firstUrl = resolvePath(url, first);
  if (isHttp(firstUrl)) {
    onProgress({ stage: `Checking the server for ${first}`, done: 0, total: 1 });
    const probe = await probeRange(firstUrl, first);
    if (!probe.ranges) {
      notes.push(ignoresRangeMessage(firstUrl));
      const paths = manifestPaths(manifest);
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
  return run({ manifestText: text, manifestName: name, resolve, slug }, manifest, options, onProgress, signal, notes);
}

async function run(
  input: DatasetInput,
  manifest: Manifest,
  options: Partial<AnalysisOptions>,
  onProgress: (p: Progress) => void,
  signal: AbortSignal | undefined,
  notes: string[],
): Promise<Loaded> {
  const main = (manifest.npp ?? manifest.nep)!;
  const mainLabel = manifest.npp ? 'NPP' : 'NEP';
  const first = expandPath(main.path, manifest.years[0]);
  const ref = input.resolve(first);
  const src = await openRaster(ref, first);
  const { width, height } = src.grid;
  src.close();
  const climateVars = manifest.climate?.kind === 'rasters' ? Object.keys(manifest.climate.layers).length : manifest.climate ? 4 : 0;
  assertFitsInBrowser(width, height, manifest.years.length, climateVars, first);
  if (signal?.aborted) throw new DOMException('Aborted', 'AbortError');

  let result: AnalysisResult;
  try {
    result = await analyzeInput(input, options, onProgress, signal);
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
  if (result.summary.pixels.included === 0) {
    throw new DatasetError(
      main.path,
      `no pixel has valid ${mainLabel} in every year (${result.summary.pixels.total} pixels, none included): check nodata, the valid range and the scale` +
        (manifest.boundary ? `, and that ${manifest.boundary.path} covers the rasters` : ''),
    );
  }
  const nppOnly = !!manifest.npp && result.summary.respiration === null;
  if (nppOnly) notes.push(NO_CLIMATE_NOTE);
  return { result, notes, nppOnly };
}
