/**
 * Whole-file prefetch for datasets read over HTTP. A GeoTIFF read with range requests costs a
 * dozen round trips per file (header, tag values, each tile), once on the page's thread to check
 * the grids and again in every engine worker; for the small yearly files of a park (a few hundred
 * KB each) those round trips, not the bytes, are what takes the time. Fetching each file once,
 * whole, a few at a time, and handing the engine Blobs (shared by reference with the workers, no
 * copy) turns ~1,600 requests into ~120.
 *
 * Best effort: a file that fails to download, is larger than `maxFileBytes`, or would take the
 * total past `maxTotalBytes` is left out, and the engine reads it by URL as before (so errors
 * such as HTTP 404 are reported exactly as without the prefetch).
 */
import type { Manifest } from '../../io/manifest';
import { expandPath } from '../../io/paths';
import { CLIMATE_VARS } from '../../core/summary';

export interface PrefetchOptions {
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  /** Largest file fetched whole (default 16 MB); larger ones are read with range requests. */
  maxFileBytes?: number;
  /** Stop prefetching once this many bytes are held (default 128 MB, per worker that prefetches). */
  maxTotalBytes?: number;
  signal?: AbortSignal;
}

/** Every file a manifest names (manifest-relative paths, `{year}` expanded), each once, in read order. */
export function datasetFiles(m: Manifest): string[] {
  const out: string[] = [];
  const add = (p: string) => out.push(p);
  const layer = m.npp ?? m.nep;
  if (layer) for (const y of m.years) add(expandPath(layer.path, y));
  if (m.zones) add(m.zones.path);
  if (m.boundary) add(m.boundary.path);
  if (m.climate?.kind === 'table') add(m.climate.table);
  else if (m.climate?.kind === 'rasters') {
    for (const v of CLIMATE_VARS) {
      const l = m.climate.layers[v];
      if (l) for (const y of m.years) add(expandPath(l.path, y));
    }
  }
  return [...new Set(out)];
}

/**
 * Fetches `urls` whole, at most `concurrency` at a time, in the order given. Returns url → Blob
 * for the files it got; the rest are absent (see the module comment).
 */
export async function prefetchFiles(urls: string[], opts: PrefetchOptions = {}): Promise<Map<string, Blob>> {
  const concurrency = Math.max(1, opts.concurrency ?? 8);
  const maxFile = opts.maxFileBytes ?? 16 << 20;
  const maxTotal = opts.maxTotalBytes ?? 128 << 20;
  const out = new Map<string, Blob>();
  let total = 0;
  let next = 0;
  const one = async (url: string) => {
    if (total >= maxTotal || opts.signal?.aborted) return;
    const ac = new AbortController();
    const stop = () => ac.abort();
    opts.signal?.addEventListener('abort', stop);
    try {
      const res = await fetch(url, { signal: ac.signal });
      if (!res.ok || res.status !== 200) return void ac.abort();
      const len = Number(res.headers.get('content-length'));
      // A compressed response's Content-Length is not the file's size: read it capped then.
      const encoded = (res.headers.get('content-encoding') ?? 'identity') !== 'identity';
      let blob: Blob | null;
      if (Number.isFinite(len) && len > 0 && !encoded) {
        if (len > maxFile || total + len > maxTotal) return void ac.abort();
        blob = await res.blob();
      } else {
        blob = await readCapped(res, Math.min(maxFile, maxTotal - total), ac);
      }
      if (!blob || total + blob.size > maxTotal) return;
      total += blob.size;
      out.set(url, blob);
    } catch {
      /* left to the engine's own reading, which reports the problem */
    } finally {
      opts.signal?.removeEventListener('abort', stop);
    }
  };
  const lane = async () => {
    while (next < urls.length) await one(urls[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, urls.length) }, lane));
  return out;
}

/** The body as a Blob, or null (and the request cancelled) once it passes `cap` bytes. */
async function readCapped(res: Response, cap: number, ac: AbortController): Promise<Blob | null> {
  if (!res.body) return res.blob();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.byteLength;
    if (n > cap) {
      ac.abort();
      return null;
    }
    chunks.push(value);
  }
  return new Blob(chunks as BlobPart[]);
}

/** Asks an engine worker to prefetch files (see worker.ts); ids are negative, apart from the pool's. */
export interface PrefetchRequest {
  type: 'prefetch';
  id: number;
  urls: string[];
  concurrency: number;
}

export interface PrefetchReply {
  type: 'prefetched';
  id: number;
  files: [string, Blob][];
}
