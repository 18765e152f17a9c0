/**
 * Exporting the result rasters from the app: each downloads a COG that GDAL opens and its
 * validator accepts, on the analysis grid, with the same values the command line writes.
 */
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fromArrayBuffer } from 'geotiff';
import { collectErrors } from './helpers';

const MANIFEST = resolve('public/data/qilian/dataset.json');
const VALIDATOR = '/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_cloud_optimized_geotiff.py';
const hasGdal = spawnSync('gdalinfo', ['--version']).status === 0;
let out = '';

test.beforeAll(() => {
  test.setTimeout(300_000);
  out = mkdtempSync(join(tmpdir(), 'nep-cog-'));
  const r = spawnSync(process.execPath, [resolve('scripts/analyze.mjs'), MANIFEST, '--out', out], { encoding: 'utf8', timeout: 240_000 });
  expect(r.status, r.stderr).toBe(0);
});

test.afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

async function band(bytes: Buffer) {
  const tiff = await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const img = await tiff.getImage();
  const [b] = (await img.readRasters()) as unknown as ArrayLike<number>[];
  return { img, values: Array.from(b), count: await tiff.getImageCount() };
}

for (const [label, file] of [['Trend class', 'trend_class'], ['Trend slope', 'nep_slope']] as const) {
  test(`the ${label} raster downloads as a valid COG with the command line's values`, async ({ page }) => {
    test.setTimeout(180_000);
    const errors = collectErrors(page);
    await page.goto('/');
    const group = page.getByRole('group', { name: 'Export result raster' });
    await expect(group).toBeVisible({ timeout: 120_000 });
    await group.getByRole('combobox', { name: 'Result raster' }).selectOption({ label });
    const [dl] = await Promise.all([page.waitForEvent('download'), group.getByRole('button', { name: 'Export COG' }).click()]);
    expect(dl.suggestedFilename()).toBe(`${file}_qilian.tif`);
    const path = join(out, `app_${file}.tif`);
    await dl.saveAs(path);

    const ours = await band(readFileSync(path));
    const cli = await band(readFileSync(join(out, `${file}.tif`)));
    expect(ours.count).toBeGreaterThan(1); // overviews
    expect([ours.img.getWidth(), ours.img.getHeight()]).toEqual([cli.img.getWidth(), cli.img.getHeight()]);
    expect(ours.img.getOrigin()).toEqual(cli.img.getOrigin());
    expect(ours.img.getResolution()).toEqual(cli.img.getResolution());
    let differ = 0;
    for (let i = 0; i < cli.values.length; i++) {
      const a = ours.values[i], b = cli.values[i];
      if (!(a === b || (Number.isNaN(a) && Number.isNaN(b)))) differ++;
    }
    expect(differ, 'pixels that differ from the command line').toBe(0);

    if (hasGdal) {
      const info = JSON.parse(spawnSync('gdalinfo', ['-json', path], { encoding: 'utf8' }).stdout);
      expect(info.size).toEqual([cli.img.getWidth(), cli.img.getHeight()]);
      expect(info.coordinateSystem.wkt).toMatch(/WGS 84/);
      if (existsSync(VALIDATOR)) {
        const v = spawnSync('/usr/bin/python3', [VALIDATOR, path], { encoding: 'utf8' });
        expect(v.stdout + v.stderr).toMatch(/is a valid cloud optimized GeoTIFF/);
      }
    }
    expect(errors).toEqual([]);
  });
}
