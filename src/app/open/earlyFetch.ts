/**
 * Downloads started by the page's entry (main.tsx) before the loader's code has loaded, each
 * taken once by the loader (load.ts). For a dataset in one file (a ZIP) this replaces a
 * `<link rel=preload>`, which Chromium fails ("Failed to fetch") for a body of several MB.
 */
const started = new Map<string, Promise<Response>>(
  // Downloads index.html's inline script started before any module loaded (the demo's ZIP).
  Object.entries((globalThis as { __nepEarlyFetch?: Record<string, Promise<Response>> }).__nepEarlyFetch ?? {}),
);

/**
 * Starts fetching `url` (relative to the page) now, body and all: a body nobody reads stops
 * flowing once the browser's buffer is full, so the download would wait for the loader's code.
 * The Response the loader takes holds the whole body already (as a Blob), with the same status.
 */
export function fetchEarly(url: string): void {
  const abs = new URL(url, location.href).href;
  if (started.has(abs)) return;
  const p = fetch(abs).then(async (r) => new Response(await r.blob(), { status: r.status, statusText: r.statusText, headers: r.headers }));
  p.catch(() => {}); // the loader reports it when it takes it
  started.set(abs, p);
}

/** The early download of `url` (absolute), once; null when none was started. */
export function takeEarly(url: string): Promise<Response> | null {
  const p = started.get(url) ?? null;
  started.delete(url);
  return p;
}

/** Whether `url` (relative to the page) names a ZIP: a dataset zipped whole. */
export function isZipUrl(url: string): boolean {
  try {
    return /\.zip$/i.test(new URL(url, location.href).pathname);
  } catch {
    return false;
  }
}
