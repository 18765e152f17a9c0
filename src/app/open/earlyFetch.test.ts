import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchEarly, isZipUrl, takeEarly } from './earlyFetch';

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

  it('knows a ZIP by its path', () => {
    vi.stubGlobal('location', { href: 'http://127.0.0.1:4173/' });
    expect(isZipUrl('data/qilian.zip?v=1')).toBe(true);
    expect(isZipUrl('data/qilian/dataset.json')).toBe(false);
  });
});
