import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import * as d3 from 'd3';
import { appUrl, collectErrors, findColour, mapPixels, pngSize, waitForRaster } from './helpers';

/** The 256 colours of a d3 ramp, as the app's LUT makes them. */
function ramp(interp: (t: number) => string): [number, number, number][] {
  return d3.range(256).map((i) => {
    const c = d3.rgb(interp(i / 255));
    return [Math.round(c.r), Math.round(c.g), Math.round(c.b)];
  });
}
const BRBG = ramp(d3.interpolateBrBG);
// The panels' trend-class colours (src/app/format/trendClass.ts), +3 … −3.
const TREND = ['#1a7837', '#5aae61', '#a6dba0', '#f0f0f0', '#dfc27d', '#bf812d', '#8c510a'].map((h) => {
  const c = d3.rgb(h);
  return [c.r, c.g, c.b] as [number, number, number];
});

async function opaque(page: Page) {
  // Opacity 1 so the map shows the layer's exact colours (keyboard: End on the slider).
  const slider = page.getByLabel('Opacity');
  await slider.focus();
  await page.keyboard.press('End');
  await expect(slider).toHaveValue('1');
}

test('the map shows the NEP raster in its ramp, switches layer and year fast, and reads the value under the cursor', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(await appUrl('#layer=nep&year=mean'));
  await waitForRaster(page, 'nep|mean');
  await expect(page.getByTestId('dataset-name')).toContainText(/synthetic/i);
  await expect(page.getByRole('note')).toContainText(/synthetic/i);
  await opaque(page);
  await waitForRaster(page, 'nep|mean');

  const mean = await mapPixels(page, BRBG.filter((_, i) => i % 4 === 0));
  expect(mean.distinct).toBeGreaterThan(30);
  const rampHits = mean.matches.reduce((a, b) => a + b, 0);
  expect(rampHits).toBeGreaterThan(200); // the raster's BrBG colours are on screen
  await page.screenshot({ path: 'test-results/map-nep-mean.png' });

  // The value under the cursor.
  const at = await findColour(page, BRBG.slice(140));
  expect(at).not.toBeNull();
  const box = (await page.locator('canvas.maplibregl-canvas').boundingBox())!;
  await page.mouse.move(box.x + at!.x, box.y + at!.y);
  await expect(page.getByTestId('readout-value')).toContainText(/NEP: −?\d+(\.\d+)? gC m⁻² yr⁻¹/);
  await expect(page.getByTestId('readout-lonlat')).toContainText(/°N .*°E/);
  await expect(page.getByTestId('readout-zone')).not.toHaveText('');

  // Trend class: different pixels, in the class colours.
  await page.getByRole('radio', { name: 'Trend class' }).check();
  await waitForRaster(page, 'trend-class|mean');
  const cls = await mapPixels(page, TREND, 1);
  expect(cls.hash).not.toBe(mean.hash);
  expect(cls.matches[0] + cls.matches[1]).toBeGreaterThan(100);
  await expect(page.getByRole('figure', { name: /Legend: Trend class/ })).toContainText('Extremely significant increase');
  await page.screenshot({ path: 'test-results/map-trend-class.png' });
  expect(page.url()).toContain('layer=trend-class');

  // NEP of a year, then the previous year by keyboard.
  await page.getByRole('radio', { name: 'NEP', exact: true }).check();
  await page.getByRole('checkbox', { name: /Multi-year mean/ }).uncheck();
  await waitForRaster(page, 'nep|2022');
  const y2022 = await mapPixels(page);
  await page.getByRole('slider', { name: 'Year' }).focus();
  await page.keyboard.press('ArrowLeft');
  await waitForRaster(page, 'nep|2021');
  const y2021 = await mapPixels(page);
  expect(y2021.hash).not.toBe(y2022.hash);
  expect(page.url()).toContain('year=2021');
  await expect(page.getByRole('figure', { name: /Legend: .*2021/ })).toContainText('gC m⁻² yr⁻¹');
  expect(errors).toEqual([]);
});

test('clicking the raster selects the pixel and its zone', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(await appUrl('#layer=nep&year=mean'));
  await waitForRaster(page, 'nep|mean');
  await opaque(page);
  await waitForRaster(page, 'nep|mean');
  const at = await findColour(page, BRBG.slice(140));
  expect(at).not.toBeNull();
  const box = (await page.locator('canvas.maplibregl-canvas').boundingBox())!;
  await page.mouse.click(box.x + at!.x, box.y + at!.y);
  await expect(page.getByTestId('pixel-slope')).toBeVisible();
  await expect(page).toHaveURL(/zone=/);
  await page.screenshot({ path: 'test-results/map-pixel-selected.png' });
  expect(errors).toEqual([]);
});

test('the view in the URL is restored on load', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(await appUrl('#layer=slope&year=mean'));
  await waitForRaster(page, 'slope|mean');
  await expect(page.getByRole('radio', { name: 'Trend slope' })).toBeChecked();
  await expect(page.getByRole('figure', { name: /Legend: Trend of NEP/ })).toContainText('gC m⁻² yr⁻²');
  expect(errors).toEqual([]);
});

test('the figure export downloads a PNG whose size follows the scale', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(await appUrl('#layer=nep&year=mean'));
  await waitForRaster(page, 'nep|mean');
  const sizes: { width: number; height: number }[] = [];
  for (const s of ['1', '2']) {
    await page.getByLabel('Figure pixel ratio').selectOption(s);
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
    expect(dl.suggestedFilename()).toBe('nep-mean_qilian.png');
    const path = `test-results/figure-nep-mean-${s}x.png`;
    await dl.saveAs(path);
    sizes.push(pngSize(await readFile(path)));
  }
  expect(sizes[0].width).toBeGreaterThan(800);
  expect(sizes[1].width).toBe(sizes[0].width * 2);
  expect(sizes[1].height).toBe(sizes[0].height * 2);
  await page.getByRole('radio', { name: 'Trend class' }).check();
  await waitForRaster(page, 'trend-class|mean');
  await page.getByLabel('Figure pixel ratio').selectOption('1');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
  expect(dl.suggestedFilename()).toBe('trend-class_qilian.png');
  await dl.saveAs('test-results/figure-trend-class-1x.png');
  expect(errors).toEqual([]);
});

test('climate and Rh layers (worked out by the page when shown) draw in their ramps, by year and as the mean', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(await appUrl('#layer=nep&year=mean'));
  await waitForRaster(page, 'nep|mean');
  await opaque(page);
  const YLORRD = ramp(d3.interpolateYlOrRd);
  await page.getByRole('radio', { name: 'Temperature', exact: true }).check();
  await waitForRaster(page, 'temperature|mean');
  const tMean = await mapPixels(page, YLORRD.filter((_, i) => i % 4 === 0));
  expect(tMean.matches.reduce((a, b) => a + b, 0)).toBeGreaterThan(200);
  await expect(page.getByRole('figure', { name: /Legend: Temperature/ })).toContainText('°C');
  // The value under the cursor: an annual mean temperature of the park (about −10 … 10 °C).
  const at = await findColour(page, YLORRD.slice(100));
  expect(at).not.toBeNull();
  const box = (await page.locator('canvas.maplibregl-canvas').boundingBox())!;
  await page.mouse.move(box.x + at!.x, box.y + at!.y);
  const text = (await page.getByTestId('readout-value').textContent()) ?? '';
  const t = Number(/(−?\d+(?:\.\d+)?) ?°C/.exec(text)?.[1].replace('−', '-'));
  expect(t).toBeGreaterThan(-15);
  expect(t).toBeLessThan(15);

  await page.getByRole('checkbox', { name: /Multi-year mean/ }).uncheck();
  await waitForRaster(page, 'temperature|2022');
  const t2022 = await mapPixels(page);
  await page.getByRole('slider', { name: 'Year' }).focus();
  await page.keyboard.press('Home');
  await waitForRaster(page, 'temperature|2000');
  expect((await mapPixels(page)).hash).not.toBe(t2022.hash);

  await page.getByRole('radio', { name: 'Rh', exact: true }).check();
  await waitForRaster(page, 'rh|2000');
  const rh = await mapPixels(page, ramp(d3.interpolateYlOrBr).filter((_, i) => i % 4 === 0));
  expect(rh.matches.reduce((a, b) => a + b, 0)).toBeGreaterThan(200);
  await expect(page.getByRole('figure', { name: /Legend: .*Rh/ })).toContainText('gC m⁻² yr⁻¹');
  await page.screenshot({ path: 'test-results/map-rh-2000.png' });
  expect(errors).toEqual([]);
});

test('while the demo loads, the map compiles the raster’s shaders only: no sky, no background, no clipping of empty layers (src/app/map/flatMap.ts)', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __shaders: { source: string; loaded: boolean }[] };
    w.__shaders = [];
    const proto = WebGL2RenderingContext.prototype;
    const shaderSource = proto.shaderSource;
    proto.shaderSource = function (shader: WebGLShader, source: string) {
      w.__shaders.push({ source, loaded: !!document.querySelector('[data-testid="zone-slope"]') });
      return shaderSource.call(this, shader, source);
    };
  });
  await page.goto(await appUrl('#layer=nep&year=mean'));
  await waitForRaster(page, 'nep|mean');
  await expect(page.getByTestId('zone-slope')).toBeVisible({ timeout: 60_000 });
  const shaders = await page.evaluate(() => (window as unknown as { __shaders: { source: string; loaded: boolean }[] }).__shaders);
  const during = shaders.filter((s) => !s.loaded).map((s) => s.source);
  // The raster's pair at least (the hook saw MapLibre's shaders), and nothing else: on a software
  // GPU each other program costs ~0.2 s of CPU the engine needs.
  expect(during.length).toBeGreaterThanOrEqual(2);
  const raster = (s: string) => s.includes('u_fade_t') || s.includes('u_tl_parent');
  expect(during.filter((s) => !raster(s)).map((s) => s.slice(-300))).toEqual([]);
  expect(shaders.filter((s) => s.source.includes('u_sky_color'))).toEqual([]);
  // The water colour comes from the map's container instead (BASEMAP_COLOURS.water).
  const bg = await page.getByTestId('map').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(bg).toBe('rgb(220, 231, 238)');
  // The outlines and the basemap come after: their line shader is compiled then.
  await expect.poll(() => page.evaluate(() => (window as unknown as { __shaders: { source: string }[] }).__shaders.some((s) => s.source.includes('u_lineatlas_width') || s.source.includes('a_pos_normal'))), { timeout: 20_000 }).toBe(true);
});
