/**
 * Datasets served over HTTP(S): is the server answering, does it allow cross-origin reads (CORS),
 * does it honour Range requests (COGs are read piecewise)? Each answer becomes a message a person
 * can act on.
 */
import { DatasetError } from '../../io/errors';

export interface RangeProbe {
  /** True when the server answered 206 to `Range: bytes=0-1`. */
  ranges: boolean;
  /** The file's size in bytes when the server said (Content-Range total or Content-Length). */
  size: number | null;
}

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** Why a fetch of `url` threw: CORS (the server answers, but not to us) or the network. */
export async function fetchFailure(url: string, name: string): Promise<DatasetError> {
  let reachable = false;
  try {
    await fetch(url, { mode: 'no-cors', cache: 'no-store' });
    reachable = true;
  } catch {
    /* the server does not answer at all */
  }
  return new DatasetError(
    name,
    reachable
      ? `the server at ${origin(url)} does not allow this page to read it (no CORS header Access-Control-Allow-Origin); allow cross-origin GET and Range requests on the server or bucket (${url})`
      : `could not be fetched from ${url}: the server does not answer (network error, wrong address, or it is down)`,
  );
}

/** Asks for the first two bytes of `url`; throws DatasetError for 404, other HTTP errors, CORS and network failures. */
export async function probeRange(url: string, name: string): Promise<RangeProbe> {
  const ac = new AbortController();
  let res: Response;
  try {
    res = await fetch(url, { headers: { Range: 'bytes=0-1' }, signal: ac.signal, cache: 'no-store' });
  } catch {
    throw await fetchFailure(url, name);
  }
  try {
    if (res.status === 404) throw new DatasetError(name, `not found on the server (HTTP 404: ${url})`);
    if (res.status === 403) throw new DatasetError(name, `the server refused access (HTTP 403: ${url}); is the file public?`);
    if (!res.ok) throw new DatasetError(name, `the server answered HTTP ${res.status} for ${url}`);
    if (res.status === 206) {
      const total = /\/(\d+)\s*$/.exec(res.headers.get('content-range') ?? '');
      return { ranges: true, size: total ? Number(total[1]) : null };
    }
    const len = res.headers.get('content-length');
    return { ranges: false, size: len !== null && len !== '' ? Number(len) : null };
  } finally {
    ac.abort(); // do not download a whole file the server sent for 2 bytes
  }
}

/** Whole files fetched when the server ignores Range, up to this many bytes in all. */
export const WHOLE_FILE_BUDGET = 256 * 1024 * 1024;

export function ignoresRangeMessage(url: string): string {
  return `The server at ${origin(url)} ignores HTTP Range requests (it answered 200 with the whole file instead of 206 Partial Content): COGs cannot be read piecewise, so each file is downloaded whole. For large datasets serve them from a server that supports Range (object storage such as S3 or GCS, nginx, \`npx http-server\`).`;
}

/**
 * Fetches a whole file as a Blob, with the same messages as probeRange; `started`: its download
 * begun already (earlyFetch.ts).
 */
export async function fetchWhole(url: string, name: string, signal?: AbortSignal, started?: Promise<Response> | null): Promise<Blob> {
  let res: Response;
  try {
    res = await (started ?? fetch(url, { signal }));
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw await fetchFailure(url, name);
  }
  if (res.status === 404) throw new DatasetError(name, `not found on the server (HTTP 404: ${url})`);
  if (!res.ok) throw new DatasetError(name, `the server answered HTTP ${res.status} for ${url}`);
  return res.blob();
}
