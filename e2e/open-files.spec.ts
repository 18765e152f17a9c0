/**
 * Opening your own files, as a person does: pick the real MOD17 Hawaiʻi GeoTIFFs (plus zones,
 * plus a climate CSV), confirm the proposed dataset, and read the zone figures against the
 * oracle (test/fixtures/datasets/hawaii/expected/summary.json, GDAL + numpy + scipy); pick a
 * folder with a dataset.json (the MODIS-sinusoidal fixture), or the same zipped whole.
 */
import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { expectZoneFigures } from './open-server';

const HAWAII = resolve('../shared/data/real/mod17-hawaii');
const FIX = resolve('test/fixtures/datasets');
const hawaii = JSON.parse(readFileSync(resolve(FIX, 'hawaii/expected/summary.json'), 'utf8'));
const tifs = existsSync(HAWAII) ? readdirSync(HAWAII).filter((f) => /^hawaii_npp_\d{4}\.tif$/.test(f)).sort().map((f) => resolve(HAWAII, f)) : [];

async function pick(page: Page, files: string[], testId = 'open-files') {
  await page.getByRole('button', { name: 'Open data…' }).click();
  await page.getByTestId(testId).setInputFiles(files);
}

async function regionValue(page: Page, id: string, testId: string): Promise<number> {
  await page.getByRole('navigation', { name: 'Regions' }).locator(`button[data-region-id="${id}"]`).click();
  return Number(await page.locator(`section.zone-panel[data-region-id="${id}"]`).getByTestId(testId).getAttribute('data-value'));
}

test.describe('picked files', () => {
  test.skip(tifs.length < 3, `the real MOD17 files are not in ${HAWAII} (clone shared/ beside the repository)`);

  test('the Hawaiʻi MOD17 GeoTIFFs and zones, no climate: NPP-only figures equal the oracle’s NPP', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('/?demo=synthetic');
    await pick(page, [...tifs, resolve(FIX, 'hawaii/zones.geojson')]);
    const form = page.getByRole('dialog', { name: 'Your dataset' });
    await expect(form).toBeVisible({ timeout: 60_000 });
    await expect(form.getByLabel('Role of hawaii_npp_2010.tif')).toHaveValue('npp');
    await expect(form.getByLabel('Year of hawaii_npp_2014.tif')).toHaveValue('2014');
    await expect(form.getByLabel('NPP scale')).toHaveValue('0.1');
    await expect(form.getByLabel('NPP valid max')).toHaveValue('32700');
    await expect(form.getByLabel('Zones file')).toHaveValue('zones.geojson');
    await expect(form.getByLabel('Zone id property')).toHaveValue('id');
    await expect(form.getByLabel('Zone name property')).toHaveValue('label');
    await expect(form.getByTestId('proposal-notes')).toContainText('No climate');
    await form.getByLabel('Dataset name').fill('Hawaiʻi <b>NPP</b>');

    const [dl] = await Promise.all([page.waitForEvent('download'), form.getByRole('button', { name: 'Save dataset.json' }).click()]);
    const saved = JSON.parse(readFileSync((await dl.path())!, 'utf8'));
    expect(saved).toMatchObject({ years: { from: 2010, to: 2019 }, npp: { path: 'hawaii_npp_{year}.tif', scale: 0.1, valid: [0, 32700] }, zones: { path: 'zones.geojson', idProperty: 'id', nameProperty: 'label' } });
    expect(saved.climate).toBeUndefined();

    await form.getByRole('button', { name: 'Analyse' }).click();
    // The name is shown as text, never as HTML.
    await expect(page.getByTestId('dataset-name')).toHaveText('Hawaiʻi <b>NPP</b>', { timeout: 60_000 });
    await expect(page.getByTestId('dataset-name').locator('b')).toHaveCount(0);
    await expect(page.getByTestId('dataset-notes')).toContainText('No climate: trends and zones are computed on NPP; Rh and correlations need temperature and precipitation');
    for (const r of hawaii.regions) {
      const npp: number[] = r.series.npp;
      const mean = npp.reduce((a, b) => a + b, 0) / npp.length;
      const shown = await regionValue(page, r.id, 'zone-mean');
      expect(Math.abs(shown - mean), `${r.id} mean NPP`).toBeLessThanOrEqual(Math.abs(mean) * 1e-9);
      expect(Math.abs((await regionValue(page, r.id, 'zone-area')) - r.areaKm2)).toBeLessThanOrEqual(r.areaKm2 * 1e-9);
    }
    expect(new URL(page.url()).searchParams.get('dataset')).toBeNull();
    expect(errors).toEqual([]);
  });

  test('with the climate CSV the figures are the oracle’s NEP', async ({ page }) => {
    await page.goto('/?demo=synthetic');
    await pick(page, [...tifs, resolve(FIX, 'hawaii/zones.geojson'), resolve(FIX, 'hawaii/climate.csv')]);
    const form = page.getByRole('dialog', { name: 'Your dataset' });
    await expect(form.getByLabel('Climate table')).toHaveValue('climate.csv', { timeout: 60_000 });
    await expect(form.getByTestId('proposal-notes')).toHaveCount(0);
    await form.getByRole('button', { name: 'Analyse' }).click();
    await expectZoneFigures(page, hawaii);
    await expect(page.getByTestId('dataset-notes')).toHaveCount(0);
  });
});

test('a picked folder with its dataset.json opens at once', async ({ page }) => {
  await page.goto('/?demo=synthetic');
  await pick(page, [resolve(FIX, 'sinusoidal-int16')], 'open-folder');
  const sinu = JSON.parse(readFileSync(resolve(FIX, 'sinusoidal-int16/expected/summary.json'), 'utf8'));
  await expect(page.getByTestId('dataset-name')).toHaveText(sinu.dataset, { timeout: 60_000 });
  await expectZoneFigures(page, sinu, ['mean', 'slope']);
});

test('a picked manifest without its files names the missing file', async ({ page }) => {
  await page.goto('/?demo=synthetic');
  await expect(page.getByTestId('dataset-name')).toBeVisible({ timeout: 60_000 });
  const before = await page.getByTestId('dataset-name').textContent();
  await pick(page, [resolve(FIX, 'sinusoidal-int16/dataset.json')]);
  await expect(page.getByTestId('open-error')).toContainText('npp/npp_2001.tif: not among the picked files', { timeout: 60_000 });
  await expect(page.getByTestId('dataset-name')).toHaveText(before!);
});

test('a dataset zipped whole (one .zip picked) opens from the archive, deflated entries too', async ({ page }) => {
  // Zipped by Python's zipfile, deflated, with the folder at the top: as a person zips a folder.
  const dir = mkdtempSync(resolve(tmpdir(), 'nep-zip-'));
  const zip = resolve(dir, 'sinusoidal-int16.zip');
  const py = spawnSync('python3', ['-c', `
import os, sys, zipfile
root, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for d, _, files in sorted(os.walk(root)):
        for f in sorted(files):
            p = os.path.join(d, f)
            z.write(p, os.path.join('sinusoidal-int16', os.path.relpath(p, root)))
`, resolve(FIX, 'sinusoidal-int16'), zip], { encoding: 'utf8' });
  expect(py.status, py.stderr).toBe(0);
  await page.goto('/?demo=synthetic');
  await pick(page, [zip]);
  const sinu = JSON.parse(readFileSync(resolve(FIX, 'sinusoidal-int16/expected/summary.json'), 'utf8'));
  await expect(page.getByTestId('dataset-name')).toHaveText(sinu.dataset, { timeout: 60_000 });
  await expectZoneFigures(page, sinu, ['mean', 'slope']);
});

test('a ZIP it cannot read is named with the entry and the problem', async ({ page }) => {
  await page.goto('/?demo=synthetic');
  // test/fixtures/zip/make_zips.py: bzip2-compressed entries.
  await pick(page, [resolve('test/fixtures/zip/bzip2.zip')]);
  await expect(page.getByTestId('open-error')).toContainText('bzip2.zip: park/dataset.json: compressed with ZIP method 12: only stored and deflated entries can be read', { timeout: 60_000 });
});
