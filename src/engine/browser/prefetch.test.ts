import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseManifest } from '../../io/manifest';
import { datasetFiles, prefetchFiles } from './prefetch';

describe('datasetFiles', () => {
  it('lists the NPP years, zones, boundary and each climate variable per year, once each', () => {
    const m = parseManifest(
      JSON.stringify({
        name: 'x',
        years: { from: 2000, to: 2002 },
        npp: { path: 'npp/{year}.tif' },
        climate: { temperature: { path: 't/{year}.tif' }, precipitation: { path: 'same.tif' } },
        zones: { path: 'z.geojson', idProperty: 'id' },
        boundary: { path: 'b.geojson' },
      }),
      'dataset.json',
    );
    expect(datasetFiles(m)).toEqual([
      'npp/2000.tif', 'npp/2001.tif', 'npp/2002.tif', 'z.geojson', 'b.geojson',
      't/2000.tif', 't/2001.tif', 't/2002.tif', 'same.tif',
    ]);
  });

  it('lists a climate table', () => {
    const m = parseManifest(
      JSON.stringify({ name: 'x', years: [2000, 2001, 2002], nep: { path: '{year}.tif' }, climate: { table: 'c.csv' } }),
      'dataset.json',
    );
    expect(datasetFiles(m)).toEqual(['2000.tif', '2001.tif', '2002.tif', 'c.csv']);
  });
});

describe('prefetchFiles', () => {
  let server: Server;
  let base = '';
  let inFlight = 0;
  let maxInFlight = 0;
  const hits: string[] = [];
  const body = (n: number) => Buffer.alloc(n, 7);
  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = req.url ?? '';
      hits.push(url);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        if (url.startsWith('/missing')) {
          res.writeHead(404).end('no');
        } else if (url.startsWith('/big')) {
          res.writeHead(200, { 'content-length': 5000 }).end(body(5000));
        } else if (url.startsWith('/chunked-big')) {
          res.writeHead(200); // no content-length: chunked
          res.write(body(3000));
          res.end(body(3000));
        } else {
          const n = Number(url.split('-').pop()) || 10;
          res.writeHead(200, { 'content-length': n }).end(body(n));
        }
      }, 20);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('fetches each file whole, at most `concurrency` at a time', async () => {
    maxInFlight = 0;
    const urls = Array.from({ length: 12 }, (_, i) => `${base}/f${i}-${100 + i}`);
    const got = await prefetchFiles(urls, { concurrency: 3 });
    expect(got.size).toBe(12);
    for (let i = 0; i < 12; i++) {
      const b = got.get(urls[i])!;
      expect(b.size).toBe(100 + i);
      expect(new Uint8Array(await b.arrayBuffer()).every((v) => v === 7)).toBe(true);
    }
    expect(maxInFlight).toBe(3);
  });

  it('leaves out missing files and files over the size limits (the engine reads those by URL)', async () => {
    const urls = [`${base}/missing-1`, `${base}/big`, `${base}/chunked-big`, `${base}/ok-50`];
    const got = await prefetchFiles(urls, { maxFileBytes: 4000 });
    expect([...got.keys()]).toEqual([`${base}/ok-50`]);
    const capped = await prefetchFiles([`${base}/a-300`, `${base}/b-300`, `${base}/c-300`], { concurrency: 1, maxTotalBytes: 700 });
    expect([...capped.keys()]).toEqual([`${base}/a-300`, `${base}/b-300`]);
  });

  it('gives up quietly on a network error', async () => {
    const got = await prefetchFiles(['http://127.0.0.1:9/nothing-here']);
    expect(got.size).toBe(0);
  });
});
