/**
 * A small static HTTP server for the open tests, on 127.0.0.1 and a free port: serves a folder,
 * with Range (206) and CORS switchable, and extra in-memory files (generated manifests, broken
 * files) that take precedence over the folder.
 */
import { expect, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';

export interface TestServer {
  url: string;
  /** Requests seen: "METHOD path range". */
  log: string[];
  close(): Promise<void>;
}

export async function serveFolder(root: string, opts: { range?: boolean; cors?: boolean; extra?: Record<string, Buffer | string> } = {}): Promise<TestServer> {
  const { range = true, cors = true, extra = {} } = opts;
  const log: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    log.push(`${req.method} ${path} ${req.headers.range ?? ''}`);
    if (cors) {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Headers', 'Range');
      res.setHeader('Access-Control-Expose-Headers', 'Content-Range, Content-Length, Accept-Ranges');
    }
    if (req.method === 'OPTIONS') { res.writeHead(204); res.end(); return; }
    let body: Buffer;
    const key = path.replace(/^\//, '');
    if (key in extra) body = Buffer.from(extra[key]);
    else {
      const file = normalize(join(root, key));
      if (!file.startsWith(normalize(root))) { res.writeHead(403); res.end(); return; }
      try {
        body = await readFile(file);
      } catch {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('not found');
        return;
      }
    }
    const type = key.endsWith('.json') || key.endsWith('.geojson') ? 'application/json' : key.endsWith('.csv') ? 'text/csv' : 'application/octet-stream';
    const m = range ? /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '') : null;
    if (m) {
      const start = Number(m[1]);
      const end = Math.min(body.length - 1, m[2] ? Number(m[2]) : body.length - 1);
      if (start >= body.length) { res.writeHead(416, { 'Content-Range': `bytes */${body.length}` }); res.end(); return; }
      res.writeHead(206, { 'Content-Type': type, 'Content-Range': `bytes ${start}-${end}/${body.length}`, 'Content-Length': end - start + 1, 'Accept-Ranges': 'bytes' });
      res.end(req.method === 'HEAD' ? undefined : body.subarray(start, end + 1));
      return;
    }
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    log,
    close: () => new Promise<void>((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
  };
}

/** A zone panel figure (its unrounded data-value) equals `expected` to 1e-9 relative. */
export async function expectValue(page: Page, regionId: string, testId: string, expected: number) {
  const loc = page.locator(`section.zone-panel[data-region-id="${regionId}"]`).getByTestId(testId);
  await expect(loc).toBeVisible();
  const v = Number(await loc.getAttribute('data-value'));
  expect(Math.abs(v - expected), `${regionId} ${testId}: ${v} vs ${expected}`).toBeLessThanOrEqual(Math.abs(expected) * 1e-9 + 1e-9);
}

/** Every region's figures, as the zone panel shows them, against the oracle's summary. */
export async function expectZoneFigures(page: Page, summary: any, vars: string[] = ['mean', 'slope', 'p', 'cumulative']) {
  const list = page.getByRole('navigation', { name: 'Regions' });
  await expect(list.getByRole('button')).toHaveCount(summary.regions.length, { timeout: 60_000 });
  for (const r of summary.regions) {
    await list.locator(`button[data-region-id="${r.id}"]`).click();
    for (const k of vars) await expectValue(page, r.id, `zone-${k}`, r.nep[k]);
    await expectValue(page, r.id, 'zone-area', r.areaKm2);
  }
}

