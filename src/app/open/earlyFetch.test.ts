import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { fetchEarly, isZipUrl, takeEarly } from './earlyFetch';
import { DEMO_DATASET } from '../state/useAnalysis';

/** index.html's inline script, run with `search` as the page's query: the URLs it started. */
function inlineStart(search: string): string[] {
  const html = readFileSync('index.html', 'utf8');
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
  const fetched: string[] = [];
  const window: Record<string, unknown> = {};
  runInNewContext(script, {
    window,
    location: { href: `http://127.0.0.1:4173/app/${search}`, search },
    URL,
    URLSearchParams,
    Response,
    fetch: (url: string) => {
      fetched.push(url);
      return Promise.resolve(new Response('PK'));
    },
  });
  const early = window.__nepEarlyFetch as Record<string, unknown> | undefined;
  expect(Object.keys(early ?? {})).toEqual(fetched);
  return fetched;
}

describe('fetchEarly / takeEarly', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads the whole body at once and hands the loader a Response with it and the same status', async () => {
    vi.stubGlobal('location', { href: 'http://127.0.0.1:4173/app/' });
    let bodyRead = false;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        bodyRead = true;
        c.enqueue(new TextEncoder().encode('PK zip bytes'));
        c.close();
      },
    });
    vi.stubGlobal('fetch', async (url: string) => {
      expect(url).toBe('http://127.0.0.1:4173/app/data/x.zip');
      return new Response(body, { status: 404, statusText: 'Not Found' });
    });
    fetchEarly('data/x.zip');
    await new Promise((r) => setTimeout(r, 0));
    expect(bodyRead).toBe(true); // read before anyone asked for it
    const res = await takeEarly('http://127.0.0.1:4173/app/data/x.zip')!;
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('PK zip bytes');
    expect(takeEarly('http://127.0.0.1:4173/app/data/x.zip')).toBeNull(); // taken once
  });

  it("index.html starts the demo's download as the page starts, when main.tsx would open the demo", () => {
    const demo = `http://127.0.0.1:4173/app/${DEMO_DATASET}`;
    expect(inlineStart('')).toEqual([demo]);
    expect(inlineStart('?maxPixelYears=100')).toEqual([demo]);
    expect(inlineStart('?dataset=other%2Fdataset.json')).toEqual([]);
    expect(inlineStart('?demo=synthetic')).toEqual([]);
  });

  it('takes over a download index.html started', async () => {
    vi.resetModules();
    const url = 'http://127.0.0.1:4173/app/data/qilian.zip';
    const started = Promise.resolve(new Response('PK early'));
    vi.stubGlobal('__nepEarlyFetch', { [url]: started });
    vi.stubGlobal('location', { href: 'http://127.0.0.1:4173/app/' });
    vi.stubGlobal('fetch', () => {
      throw new Error('fetched again');
    });
    const m = await import('./earlyFetch');
    m.fetchEarly('data/qilian.zip'); // main.tsx asks again: already started, not fetched again
    expect(m.takeEarly(url)).toBe(started);
    expect(m.takeEarly(url)).toBeNull();
  });

  it('knows a ZIP by its path', () => {
    vi.stubGlobal('location', { href: 'http://127.0.0.1:4173/' });
    expect(isZipUrl('data/qilian.zip?v=1')).toBe(true);
    expect(isZipUrl('data/qilian/dataset.json')).toBe(false);
  });
});
