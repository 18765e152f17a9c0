/**
 * Checked before trusted: each broken input, opened over a good dataset, shows one message naming
 * the file and what is wrong; the good dataset stays on screen and the app stays usable.
 * The broken datasets are test/fixtures/datasets/broken/* (with expected.json {file, problem})
 * and variants of the good fixtures made here in memory (zones elsewhere, an empty zone file, a
 * CSV with a missing year or a non-number, every pixel nodata, a TIFF without georeferencing, a
 * TIFF with an unknown CRS).
 */
import { expect, test, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { serveFolder, type TestServer } from './open-server';

const DATASETS = resolve('test/fixtures/datasets');
const read = (p: string) => readFileSync(resolve(DATASETS, p), 'utf8');
const sinuManifest = JSON.parse(read('sinusoidal-int16/dataset.json'));
const sinuName: string = sinuManifest.name;
/** The sinusoidal grid's pixels, as the oracle (GDAL + numpy + scipy) counts them. */
const sinuPixels: number = JSON.parse(read('sinusoidal-int16/expected/summary.json')).pixels.total;
/** What `npm run analyze` says of broken/all-nodata (src/cli/analyze.test.ts): the app says the same. */
const ALL_NODATA = 'npp/npp_2001.tif: no pixel has valid NPP, temperature and precipitation in every year (48 pixels, none included): check nodata, the valid range and the scale';

/** A 60 × 50 Int16 strip TIFF; with `geo`, a tie point and pixel size and these GeoKeys. */
function tinyTiff(geo: number[] | null): Buffer {
  const w = 60, h = 50;
  const entries: [number, number, number[]][] = []; // tag, type (3 SHORT, 4 LONG, 12 DOUBLE), values
  const pixels = Buffer.alloc(w * h * 2, 1);
  entries.push([256, 3, [w]], [257, 3, [h]], [258, 3, [16]], [259, 3, [1]], [262, 3, [1]], [273, 4, [0]], [277, 3, [1]], [278, 3, [h]], [279, 4, [pixels.length]], [339, 3, [2]]);
  if (geo) entries.push([33550, 12, [463.3, 463.3, 0]], [33922, 12, [0, 0, 0, 8764949.97, 4522858.74, 0]], [34735, 3, geo]);
  const size = (t: number) => (t === 12 ? 8 : t === 4 ? 4 : 2);
  const ifdLen = 2 + entries.length * 12 + 4;
  let extra = 8 + ifdLen;
  const extras: Buffer[] = [];
  const ifd = Buffer.alloc(ifdLen);
  ifd.writeUInt16LE(entries.length, 0);
  const dataOffset = () => extra;
  entries.forEach(([tag, type, vals], i) => {
    const o = 2 + i * 12;
    ifd.writeUInt16LE(tag, o);
    ifd.writeUInt16LE(type, o + 2);
    ifd.writeUInt32LE(vals.length, o + 4);
    const bytes = Buffer.alloc(vals.length * size(type));
    vals.forEach((v, k) => (type === 12 ? bytes.writeDoubleLE(v, k * 8) : type === 4 ? bytes.writeUInt32LE(v, k * 4) : bytes.writeUInt16LE(v, k * 2)));
    if (bytes.length <= 4) bytes.copy(ifd, o + 8);
    else {
      ifd.writeUInt32LE(dataOffset(), o + 8);
      extras.push(bytes);
      extra += bytes.length;
    }
  });
  const header = Buffer.from([0x49, 0x49, 42, 0, 8, 0, 0, 0]);
  const pixelOffset = extra;
  const stripEntry = entries.findIndex(([t]) => t === 273);
  ifd.writeUInt32LE(pixelOffset, 2 + stripEntry * 12 + 8);
  return Buffer.concat([header, ifd, ...extras, pixels]);
}

function shiftedZones(): string {
  const fc = JSON.parse(read('sinusoidal-int16/zones.geojson'));
  for (const f of fc.features) {
    const g = f.geometry;
    for (const poly of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) for (const ring of poly) for (const pt of ring) pt[0] += 30;
  }
  return JSON.stringify(fc);
}

/** name → [extra files on the server, manifest path, file the message names, what it says]. */
const variants: Record<string, [Record<string, string | Buffer>, string, string, RegExp]> = {
  'zones elsewhere': [
    { 'sinusoidal-int16/v1.json': JSON.stringify({ ...sinuManifest, zones: { ...sinuManifest.zones, path: 'far.geojson' } }), 'sinusoidal-int16/far.geojson': shiftedZones() },
    'sinusoidal-int16/v1.json', 'far.geojson', /no zone overlaps the rasters/,
  ],
  'an empty zone file': [
    { 'sinusoidal-int16/v2.json': JSON.stringify({ ...sinuManifest, zones: { ...sinuManifest.zones, path: 'empty.geojson' } }), 'sinusoidal-int16/empty.geojson': '{"type":"FeatureCollection","features":[]}' },
    'sinusoidal-int16/v2.json', 'empty.geojson', /no polygons/,
  ],
  'a CSV with a missing year': [
    { 'climate-table/c1.csv': read('climate-table/climate.csv').split('\n').filter((l) => !l.startsWith('2004,')).join('\n'), 'climate-table/v3.json': JSON.stringify({ ...JSON.parse(read('climate-table/dataset.json')), climate: { table: 'c1.csv' } }) },
    'climate-table/v3.json', 'c1.csv', /2004/,
  ],
  'a CSV with a non-number': [
    { 'climate-table/c2.csv': read('climate-table/climate.csv').replace('2002,,1.97', '2002,,warm'), 'climate-table/v4.json': JSON.stringify({ ...JSON.parse(read('climate-table/dataset.json')), climate: { table: 'c2.csv' } }) },
    'climate-table/v4.json', 'c2.csv', /warm/,
  ],
  'every pixel nodata': [
    { 'sinusoidal-int16/v5.json': JSON.stringify({ ...sinuManifest, npp: { ...sinuManifest.npp, valid: [-2, -1] } }) },
    // The engine's check (as `npm run analyze` says it), naming the first year's file; every pixel of the grid counted.
    'sinusoidal-int16/v5.json', 'npp/npp_2001.tif',
    new RegExp(`: no pixel has valid NPP, temperature and precipitation in every year \\(${sinuPixels} pixels, none included\\): check nodata, the valid range and the scale, and that the boundary covers the rasters$`),
  ],
  'a TIFF without georeferencing': [
    { 'sinusoidal-int16/plain/npp_2001.tif': tinyTiff(null), 'sinusoidal-int16/v6.json': JSON.stringify({ ...sinuManifest, npp: { ...sinuManifest.npp, path: 'plain/npp_{year}.tif' } }) },
    'sinusoidal-int16/v6.json', 'plain/npp_2001.tif', /not georeferenced/,
  ],
  'a TIFF with an unknown CRS': [
    { 'sinusoidal-int16/odd/npp_2001.tif': tinyTiff([1, 1, 0, 3, 1024, 0, 1, 1, 1025, 0, 1, 1, 3072, 0, 1, 54321]), 'sinusoidal-int16/v7.json': JSON.stringify({ ...sinuManifest, npp: { ...sinuManifest.npp, path: 'odd/npp_{year}.tif' } }) },
    'sinusoidal-int16/v7.json', 'odd/npp_2001.tif', /54321|CRS|coordinate/i,
  ],
};

let server: TestServer;
test.beforeAll(async () => {
  server = await serveFolder(DATASETS, { extra: Object.assign({}, ...Object.values(variants).map((v) => v[0])) });
});
test.afterAll(async () => server?.close());

async function openGood(page: Page) {
  await page.goto(`/?dataset=${encodeURIComponent(`${server.url}sinusoidal-int16/dataset.json`)}`);
  await expect(page.getByTestId('dataset-name')).toHaveText(sinuName, { timeout: 60_000 });
  await expect(page.getByRole('navigation', { name: 'Regions' }).getByRole('button').first()).toBeVisible();
}

async function openUrl(page: Page, url: string) {
  await page.getByRole('button', { name: 'Open data…' }).click();
  await page.getByLabel('Dataset URL').fill(url);
  await page.getByRole('button', { name: 'Open URL' }).click();
}

/** What the alert says after the problem: the dataset on screen stays, or, with none, what to do. */
const KEPT = 'The dataset on screen is unchanged; fix the file and open it again.';
const NONE_OPEN = 'No dataset is open; fix the file and open it again, or open another one.';

/** The alert reads, word for word: "Could not open the dataset. <message> <next step>". */
async function expectAlert(page: Page, message: string, next: string) {
  const alert = page.getByTestId('open-error');
  await expect(alert.locator('.open-error-message')).toHaveText(message, { timeout: 60_000 });
  await expect(alert.locator('b').first()).toHaveText('Could not open the dataset.');
  await expect(alert.locator('.open-error-next')).toHaveText(next);
  await expect(alert).toHaveText(`Could not open the dataset. ${message} ${next}×`);
}

/** Nothing on screen: no dataset name, no zones, the map's hint saying how to open one. */
async function expectNothingOpen(page: Page) {
  await expect(page.getByTestId('empty-hint')).toHaveText(
    'No dataset on screen. Use Open data… at the top to pick GeoTIFFs, a folder or a dataset.json, or give its URL.',
  );
  await expect(page.getByTestId('dataset-name')).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Regions' })).toHaveCount(0);
}

/** The message names the file; the good dataset is still on screen; the alert can be dismissed. */
async function expectRefused(page: Page, file: string, problem: RegExp) {
  const alert = page.getByTestId('open-error');
  await expect(alert).toBeVisible({ timeout: 60_000 });
  const msg = (await alert.locator('.open-error-message').textContent()) ?? '';
  expect(msg.startsWith(`${file}: `), `"${msg}" names ${file}`).toBe(true);
  expect(msg).toMatch(problem);
  await expectAlert(page, msg, KEPT);
  await expect(page.getByTestId('empty-hint')).toHaveCount(0);
  await expect(page.getByTestId('dataset-name')).toHaveText(sinuName);
  await expect(page.locator('section.zone-panel[data-region-id="all"]').getByTestId('zone-mean')).toBeVisible();
  expect(new URL(page.url()).searchParams.get('dataset')).toBe(`${server.url}sinusoidal-int16/dataset.json`);
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toHaveCount(0);
}

const broken = readdirSync(resolve(DATASETS, 'broken'));
/** What each broken dataset's message says (expected.json's problem is a description, not the text). */
const SAYS: Record<string, RegExp> = {
  'all-nodata': new RegExp(`^${ALL_NODATA.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
  'bad-json': /not valid JSON: line \d+, column \d+/,
  'misaligned-year': /not on the analysis grid/,
  'missing-climate-year': /not found on the server \(HTTP 404/,
  'missing-npp-year': /not found on the server \(HTTP 404/,
  'not-a-tiff': /not a TIFF/,
  'truncated-tiff': /truncated/,
  'wrong-type': /"npp\.scale" must be a number, got "0\.1"/,
};
for (const name of broken) {
  const want = JSON.parse(read(`broken/${name}/expected.json`)) as { file: string; problem: string };
  test(`broken/${name}: "${want.file}" named, the dataset on screen kept`, async ({ page }) => {
    await openGood(page);
    await openUrl(page, `${server.url}broken/${name}/dataset.json`);
    await expectRefused(page, want.file, SAYS[name] ?? /./);
  });
}

for (const [name, [, manifest, file, problem]] of Object.entries(variants)) {
  test(`${name}: "${file}" named, the dataset on screen kept`, async ({ page }) => {
    await openGood(page);
    await openUrl(page, `${server.url}${manifest}`);
    await expectRefused(page, file, problem);
  });
}

test('after a refused dataset, a good one opens', async ({ page }) => {
  await openGood(page);
  await openUrl(page, `${server.url}broken/not-a-tiff/dataset.json`);
  await expect(page.getByTestId('open-error')).toBeVisible({ timeout: 60_000 });
  await openUrl(page, `${server.url}climate-table/dataset.json`);
  await expect(page.getByTestId('dataset-name')).toHaveText(JSON.parse(read('climate-table/dataset.json')).name, { timeout: 60_000 });
  await expect(page.getByTestId('open-error')).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get('dataset')).toBe(`${server.url}climate-table/dataset.json`);
});

test('a failed first load (?dataset= of a broken dataset): the alert says no dataset is open, the map says how to open one; a good one then opens', async ({ page }) => {
  await page.goto(`/?dataset=${encodeURIComponent(`${server.url}broken/not-a-tiff/dataset.json`)}`);
  await expectAlert(page, 'npp/npp_2002.tif: not a TIFF file', NONE_OPEN);
  await expectNothingOpen(page);
  await page.getByTestId('open-error').getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('open-error')).toHaveCount(0);
  await expectNothingOpen(page);
  await openUrl(page, `${server.url}sinusoidal-int16/dataset.json`);
  await expect(page.getByTestId('dataset-name')).toHaveText(sinuName, { timeout: 60_000 });
  await expect(page.getByTestId('empty-hint')).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get('dataset')).toBe(`${server.url}sinusoidal-int16/dataset.json`);
});

test('a missing dataset.json, then a broken picked folder, with nothing open: each alert says no dataset is open; once one is, a broken folder keeps it', async ({ page }) => {
  const missing = `${server.url}nowhere/dataset.json`;
  await page.goto(`/?dataset=${encodeURIComponent(missing)}`);
  await expectAlert(page, `dataset.json: not found on the server (HTTP 404: ${missing})`, NONE_OPEN);
  await expectNothingOpen(page);

  const pickFolder = async (name: string) => {
    await page.getByRole('button', { name: 'Open data…' }).click();
    await page.getByTestId('open-folder').setInputFiles(resolve(DATASETS, 'broken', name));
  };
  await pickFolder('truncated-tiff');
  // The file is 1203 bytes (make_datasets.py cut 40 off its end).
  await expectAlert(page, 'npp/npp_2002.tif: truncated file (1203 bytes, its image data runs to byte 1239)', NONE_OPEN);
  await expectNothingOpen(page);

  await openUrl(page, `${server.url}sinusoidal-int16/dataset.json`);
  await expect(page.getByTestId('dataset-name')).toHaveText(sinuName, { timeout: 60_000 });
  await expect(page.getByTestId('open-error')).toHaveCount(0);
  await pickFolder('truncated-tiff');
  await expectRefused(page, 'npp/npp_2002.tif', /truncated/);
});

test('a first load whose NPP is all nodata (broken/all-nodata): the message the command line gives, and no dataset is open', async ({ page }) => {
  await page.goto(`/?dataset=${encodeURIComponent(`${server.url}broken/all-nodata/dataset.json`)}`);
  await expectAlert(page, ALL_NODATA, NONE_OPEN);
  await expectNothingOpen(page);
});
