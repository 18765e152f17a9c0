/**
 * A dataset with NPP and no climate runs the analysis on NPP itself, and the app says NPP, not
 * NEP: the layer control, the legend, the zone panel (chart title, axis, tables) and the exported
 * figure's file name. Picks the real MOD17 Hawaiʻi GeoTIFFs (skipped when shared/ is not beside
 * the repository). And a failed first load is told once: the open control's alert naming the
 * file, with a hint to open data on the empty map.
 */
import { expect, test, type Page } from '@playwright/test';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { collectErrors, waitForRaster } from './helpers';

const HAWAII = resolve('../shared/data/real/mod17-hawaii');
const FIX = resolve('test/fixtures/datasets');
const tifs = existsSync(HAWAII) ? readdirSync(HAWAII).filter((f) => /^hawaii_npp_\d{4}\.tif$/.test(f)).sort().map((f) => resolve(HAWAII, f)) : [];

async function pick(page: Page, files: string[]) {
  await page.getByRole('button', { name: 'Open data…' }).click();
  await page.getByTestId('open-files').setInputFiles(files);
}

test.describe('NPP only', () => {
  test.skip(tifs.length < 3, `the real MOD17 files are not in ${HAWAII} (clone shared/ beside the repository)`);

  test('the Hawaiʻi NPP without climate is named NPP: legend, zone chart, figure file', async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto('/?demo=synthetic#layer=nep&year=mean');
    await pick(page, [...tifs, resolve(FIX, 'hawaii/zones.geojson')]);
    const form = page.getByRole('dialog', { name: 'Your dataset' });
    await expect(form).toBeVisible({ timeout: 60_000 });
    await form.getByLabel('Dataset name').fill('Hawaii');
    await form.getByRole('button', { name: 'Analyse' }).click();
    await expect(page.getByTestId('dataset-name')).toHaveText('Hawaii', { timeout: 60_000 });
    await waitForRaster(page, 'nep|mean');

    // Layers: the analysed layer is NPP; no NEP, Rh or sink/source.
    await expect(page.getByRole('radio', { name: 'NPP', exact: true })).toBeChecked();
    await expect(page.getByRole('radio', { name: 'NEP', exact: true })).toHaveCount(0);
    await expect(page.getByRole('radio', { name: 'Rh', exact: true })).toHaveCount(0);
    await expect(page.getByRole('radio', { name: 'Sink / source' })).toHaveCount(0);

    // The legend.
    const legend = page.getByRole('figure', { name: /^Legend: / });
    await expect(legend).toContainText('Net primary productivity (NPP), multi-year mean');
    await expect(legend).not.toContainText('NEP');

    // The zone panel: chart title, chart (title, axis, legend), stats, tables; no sink/source.
    const panel = page.locator('section.zone-panel');
    await expect(panel.getByTestId('zone-chart-title')).toHaveText(/^NPP 2010–2019, /);
    await expect(panel.getByTestId('chart-nep-series')).toContainText('NPP (gC m⁻² yr⁻¹)');
    await expect(panel.getByTestId('chart-nep-series').locator('title')).toHaveText(/^Yearly mean NPP of /);
    await expect(panel.getByText('Mean NPP', { exact: true })).toBeVisible();
    await expect(panel.getByTestId('chart-share')).toHaveCount(0);
    await expect(panel.getByTestId('correlation-none')).toContainText('correlations of NPP with climate need');
    await expect(panel).not.toContainText('NEP');
    await expect(panel.getByRole('button', { name: 'Download NPP time series as PNG' })).toHaveAttribute('data-filename', /^npp-series_hawaii_all\.png$/);

    // The trend layer's legend.
    await page.getByRole('radio', { name: 'Trend slope' }).check();
    await waitForRaster(page, 'slope|mean');
    await expect(page.getByRole('figure', { name: /^Legend: Trend of NPP/ })).toBeVisible();

    // The exported figure's file name.
    await page.getByRole('radio', { name: 'NPP', exact: true }).check();
    await waitForRaster(page, 'nep|mean');
    await page.getByLabel('Figure pixel ratio').selectOption('1');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
    expect(dl.suggestedFilename()).toBe('npp-mean_hawaii.png');

    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(errors).toEqual([]);
  });
});

test('a failed first load is told once, naming the file, and the empty map says to open data', async ({ page }) => {
  await page.goto('/?dataset=nowhere/dataset.json');
  const alert = page.getByTestId('open-error');
  await expect(alert).toContainText('dataset.json', { timeout: 60_000 });
  await expect(page.getByRole('alert')).toHaveCount(1);
  await expect(page.getByTestId('empty-hint')).toContainText('Open data…');
  // Dismissed, the hint stays: nothing else is on screen.
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('empty-hint')).toBeVisible();
});
