/**
 * Large mode, driven as a person: a GDAL-made dataset with overviews (test/fixtures/large,
 * make_large.py) opened by URL with ?maxPixelYears= set below its size, so the app takes it as
 * too large to hold whole. The zone figures on screen are the oracle's at full resolution
 * (GDAL + numpy + scipy); the map is drawn from the 40 × 30 overview; zooming in draws a finer
 * window, and a pixel picked there says what it is.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expectZoneFigures, serveFolder, type TestServer } from './open-server';

const LARGE = resolve('test/fixtures/large');
const expected = JSON.parse(readFileSync(resolve(LARGE, 'sinusoidal/expected/summary.json'), 'utf8'));

let server: TestServer;
test.beforeAll(async () => {
  server = await serveFolder(LARGE);
});
test.afterAll(async () => server?.close());

test('a dataset above the limit: full-resolution zone figures, the map from the overview, a finer window when zoomed in', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const consoleLog: string[] = [];
  page.on('console', (m) => consoleLog.push(`${m.type()}: ${m.text()}`));
  // 160 × 120 px × 6 years = 115,200 pixel-years > 100,000: large mode; the map may hold 25,000
  // pixel-years: 80 × 60 × 6 = 28,800 does not fit, the 40 × 30 overview does.
  await page.goto(`/?maxPixelYears=100000&dataset=${encodeURIComponent(`${server.url}sinusoidal/dataset.json`)}`);
  await expect(page.getByTestId('dataset-name')).toHaveText(expected.dataset, { timeout: 60_000 });
  await expect(page.getByTestId('dataset-notes')).toContainText('Large dataset (160 × 120 px × 6 years)');
  await expect(page.getByTestId('dataset-notes')).toContainText("the map from the files' overviews at 40 × 30 px");
  await expect(page.getByTestId('open-error')).toHaveCount(0);

  // (1) the zone figures: the oracle's, at full resolution
  await expectZoneFigures(page, expected);

  // (2) the map is the overview's
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-grid', '40x30');
  await expect(map).not.toHaveAttribute('data-detail', /./);
  await page.screenshot({ path: 'test-results/large-data-overview.png' });

  // (3) zoom in (the map's + button) until a finer window is drawn over the overview, as a person
  // does: a click, a look. Clicks while the map is still easing to the last one's zoom add no
  // zoom of their own (MapLibre eases from where it is), so three quick clicks on a busy machine
  // could leave the view too wide for a window: the flake of stop 8 and 9.
  const zoomIn = page.getByRole('button', { name: 'Zoom in' });
  for (let i = 0; i < 6 && !(await map.getAttribute('data-detail')); i++) {
    const scale = await page.locator('.maplibregl-ctrl-scale').textContent();
    await zoomIn.click();
    await expect(page.locator('.maplibregl-ctrl-scale')).not.toHaveText(scale ?? '', { timeout: 10_000 });
    await expect(map).toHaveAttribute('data-detail', /^\d+x\d+$/, { timeout: 3_000 }).catch(() => {});
  }
  await expect(map).toHaveAttribute('data-detail', /^\d+x\d+$/, { timeout: 30_000 }).catch((e: Error) => {
    throw new Error(`${e.message}\nThe page's console:\n${consoleLog.join('\n')}`);
  });
  const [dw, dh] = (await map.getAttribute('data-detail'))!.split('x').map(Number);
  expect(dw * dh * 6).toBeLessThanOrEqual(25_000);
  await page.screenshot({ path: 'test-results/large-data-zoomed.png' });

  // a pixel picked in the middle of the view is the window's, and says so
  const box = (await map.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.55, box.y + box.height * 0.5);
  await expect(page.getByTestId('pixel-resolution')).toHaveText(/^(Full-resolution pixel, 463 m|Overview pixel, 927 m)/);
  expect(errors).toEqual([]);
});
