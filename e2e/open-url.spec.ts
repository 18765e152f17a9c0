/**
 * Opening a dataset by URL (?dataset=…) from a test server: the zone figures on screen equal the
 * oracle's (GDAL + numpy + scipy, test/fixtures/datasets/sinusoidal-int16/expected/summary.json);
 * the link to the view reopens the same view; a server without Range, without CORS, or a 404
 * gets a message that says so.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expectValue, expectZoneFigures, serveFolder, type TestServer } from './open-server';

const DATASETS = resolve('test/fixtures/datasets');
const sinu = JSON.parse(readFileSync(resolve(DATASETS, 'sinusoidal-int16/expected/summary.json'), 'utf8'));

let server: TestServer;
test.beforeAll(async () => {
  server = await serveFolder(DATASETS);
});
test.afterAll(async () => server?.close());

test('?dataset= opens a MODIS-sinusoidal dataset over HTTP with Range and CORS; its zone figures are the oracle’s', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const manifest = `${server.url}sinusoidal-int16/dataset.json`;
  await page.goto(`/?dataset=${encodeURIComponent(manifest)}`);
  await expect(page.getByTestId('dataset-name')).toHaveText(sinu.dataset, { timeout: 60_000 });
  await expectZoneFigures(page, sinu);
  // COGs were read piecewise
  expect(server.log.some((l) => /npp_2001\.tif bytes=/.test(l))).toBe(true);
  await expect(page.getByTestId('open-error')).toHaveCount(0);

  // The view's address opens the same view elsewhere.
  const zone = sinu.regions[1];
  await page.getByRole('navigation', { name: 'Regions' }).locator(`button[data-region-id="${zone.id}"]`).click();
  await expect.poll(() => page.url()).toContain(`zone=${encodeURIComponent(zone.id)}`);
  const href = page.url();
  expect(new URL(href).searchParams.get('dataset')).toBe(manifest);
  const other = await page.context().newPage();
  await other.goto(href);
  await expectValue(other, zone.id, 'zone-mean', zone.nep.mean);
  await other.close();
  expect(errors).toEqual([]);
});

test('a server that ignores Range: the app says so and reads the files whole', async ({ page }) => {
  const plain = await serveFolder(DATASETS, { range: false });
  try {
    await page.goto(`/?dataset=${encodeURIComponent(`${plain.url}sinusoidal-int16/dataset.json`)}`);
    await expect(page.getByTestId('dataset-notes')).toContainText('ignores HTTP Range requests', { timeout: 60_000 });
    await expect(page.getByTestId('dataset-notes')).toContainText(plain.url.replace(/\/$/, ''));
    await expectZoneFigures(page, sinu, ['mean']);
  } finally {
    await plain.close();
  }
});

test('a server without CORS, and a 404, get their own messages', async ({ page }) => {
  const closed = await serveFolder(DATASETS, { cors: false });
  try {
    await page.goto(`/?dataset=${encodeURIComponent(`${closed.url}sinusoidal-int16/dataset.json`)}`);
    const alert = page.getByTestId('open-error');
    await expect(alert).toContainText('dataset.json: the server at http://127.0.0.1', { timeout: 60_000 });
    await expect(alert).toContainText('does not allow this page to read it (no CORS header');
  } finally {
    await closed.close();
  }
  await page.goto(`/?dataset=${encodeURIComponent(`${server.url}nowhere/dataset.json`)}`);
  await expect(page.getByTestId('open-error')).toContainText(`dataset.json: not found on the server (HTTP 404: ${server.url}nowhere/dataset.json)`, { timeout: 60_000 });
  // A COG missing on the server: the message names it.
  await page.goto(`/?dataset=${encodeURIComponent(`${server.url}broken/missing-npp-year/dataset.json`)}`);
  await expect(page.getByTestId('open-error')).toContainText('npp/npp_2002.tif: not found on the server (HTTP 404', { timeout: 60_000 });
});
