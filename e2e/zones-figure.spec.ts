/**
 * "NEP of every zone (Figure 4)" on the demo: with the whole park selected, one panel per region
 * (park first, then the five subzones in summary order), each with the published trend (study
 * Figure 4 text, as in test/demo/qilian.test.ts: Eastern Qilian III-1-2 slope 2.31, mean 221.61,
 * …) and the same equation the zone's own panel prints; the figure downloads as one PNG (2× its
 * viewBox by default, 1× and 3× on choice) and one standalone SVG named nep-zones_<slug>.<ext>.
 * An NPP-only dataset (the real MOD17 Hawaiʻi files) names the figure NPP, and zone names that
 * look like HTML are shown as text.
 * Set ZONES_SHOTS=<dir> to keep a screenshot of the section and the exported PNG there.
 */
import { expect, test, type Download, type Locator, type Page } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The study's Figure 4 text (shared/seed/study.md): id, mean, slope, [min, max], [min year, max year];
// the demo reproduces them within 3 % (means, extremes) and 10 % (slopes), see test/demo/qilian.test.ts.
const PUBLISHED: [string, number, number, [number, number], [number, number]][] = [
  ['all', 156.9, 1.89, [126.1, 181.6], [2001, 2019]],
  ['III-1-2', 221.61, 2.31, [184.03, 249.8], [2001, 2019]],
  ['II-3-3', 230.13, 3.88, [153.59, 298.63], [2001, 2019]],
  ['III-1-1', 72.16, 1.3, [51.23, 91.22], [2001, 2018]],
  ['III-2', 43.39, 1.02, [28.51, 67.06], [2001, 2018]],
  ['III-1-3', 6.69, 0.25, [0.94, 17.94], [2001, 2010]],
];

const within = (got: number, want: number, rel: number) => expect(Math.abs(got - want), `${got} vs ${want}`).toBeLessThanOrEqual(Math.abs(want) * rel);
const num = (s: string) => Number(s.replace(/\u2212/g, '-'));

async function selectRegion(page: Page, id: string): Promise<Locator> {
  const list = page.getByRole('navigation', { name: 'Regions' });
  const button = list.locator(`button[data-region-id="${id}"]`);
  await expect(button).toBeVisible({ timeout: 60_000 });
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  const panel = page.locator(`section.zone-panel[data-region-id="${id}"]`);
  await expect(panel).toBeVisible();
  return panel;
}

async function downloadBy(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [d]: [Download, void] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(await d.failure()).toBeNull();
  return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}

test('the whole park shows every zone\'s series as one exportable figure', async ({ page }) => {
  await page.goto('/');
  // The zone's own panel first: the figure must print the same equation.
  const zone = await selectRegion(page, 'III-1-2');
  const zoneEquation = (await zone.getByTestId('zone-equation').textContent())!;
  const zoneSlope = Number(await zone.getByTestId('zone-slope').getAttribute('data-value'));
  await expect(zone.getByRole('region', { name: /of every zone/ })).toHaveCount(0);

  const park = await selectRegion(page, 'all');
  const section = park.getByRole('region', { name: 'NEP of every zone (Figure 4)' });
  await expect(section).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  const figure = section.getByRole('figure');
  await expect(figure).toHaveAccessibleName(/Yearly mean NEP .*2000–2022.*each zone/);

  // Six panels, park first, then the zones in summary (= list) order, each titled name · id.
  const panels = figure.getByTestId('zones-panel');
  await expect(panels).toHaveCount(6);
  const listIds = await page.getByRole('navigation', { name: 'Regions' }).locator('button[data-region-id]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-region-id')));
  const ids = await panels.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-region-id')));
  expect(ids).toEqual(['all', 'III-1-2', 'II-3-3', 'III-1-1', 'III-2', 'III-1-3']);
  expect(ids).toEqual(listIds);

  for (const [id, mean, slope, [lo, hi], [loYear, hiYear]] of PUBLISHED) {
    const p = figure.locator(`[data-testid=zones-panel][data-region-id="${id}"]`);
    await expect(p).toHaveAttribute('role', 'img');
    const label = (await p.getAttribute('aria-label'))!;
    expect(label).toContain(`· ${id}.`);
    // The slope as printed in the panel's equation "y = 2.31x − 4398.12".
    const eq = (await p.getByTestId('zones-panel-equation').textContent())!;
    const m = /^y = (−?[\d.]+)x [+−] [\d.]+$/.exec(eq);
    expect(m, eq).not.toBeNull();
    within(num(m![1]), slope, 0.1);
    expect((await p.getByTestId('zones-panel-r2').textContent())!).toMatch(/^R² = 0\.\d{3}$/);
    // Mean, min and max from the panel's accessible description; min/max labels drawn.
    within(num(/mean (−?[\d.]+)/.exec(label)![1]), mean, 0.03);
    const minText = (await p.locator('.extreme-min text').textContent())!;
    const maxText = (await p.locator('.extreme-max text').textContent())!;
    expect(minText.startsWith(`Min ${loYear}: `), minText).toBe(true);
    expect(maxText.startsWith(`Max ${hiYear}: `), maxText).toBe(true);
    within(num(minText.split(': ')[1]), lo, 0.03);
    within(num(maxText.split(': ')[1]), hi, 0.03);
    // Every panel plots all 23 years.
    await expect(p.locator('circle.series-point')).toHaveCount(23);
  }

  // Eastern Qilian: slope 2.31 on screen, the very equation of its own zone panel.
  const eastern = figure.locator('[data-testid=zones-panel][data-region-id="III-1-2"]');
  await expect(eastern).toHaveAttribute('aria-label', /^\(b\) Eastern Qilian Mountains Spruce Forest–Alpine Meadow Ecological Subzone · III-1-2\. Slope 2\.31 /);
  await expect(eastern.getByTestId('zones-panel-equation')).toHaveText(zoneEquation);
  expect(zoneEquation).toMatch(/^y = 2\.31x /);
  expect(Number(await eastern.getByTestId('zones-panel-equation').getAttribute('data-slope'))).toBe(zoneSlope);
  await expect(eastern.locator('.panel-title')).toContainText('III-1-2');

  // Same years on every x axis, each its own y range.
  const axes = await panels.evaluateAll((gs) =>
    gs.map((g) => ({
      x: [...g.querySelectorAll('.axis-x .tick-label')].map((t) => t.textContent).join(','),
      y: [...g.querySelectorAll('.axis-y .tick-label')].map((t) => t.textContent).join(','),
    })),
  );
  expect(new Set(axes.map((a) => a.x)).size).toBe(1);
  expect(axes[0].x).toBe('2000,2005,2010,2015,2020');
  expect(new Set(axes.map((a) => a.y)).size).toBe(6);

  const shots = process.env.ZONES_SHOTS;
  if (shots) {
    mkdirSync(shots, { recursive: true });
    await section.screenshot({ path: join(shots, 'zones-figure-section.png') });
  }

  // Exports: one PNG at 2× the figure's viewBox, one standalone SVG.
  const vb = await figure.getByTestId('chart-zones').evaluate((s) => {
    const b = (s as SVGSVGElement).viewBox.baseVal;
    return { width: b.width, height: b.height };
  });
  expect(vb.width).toBeGreaterThan(300);
  expect(vb.height).toBeGreaterThan(400);
  const png = await downloadBy(page, section.getByRole('button', { name: 'Download NEP of every zone figure as PNG' }));
  expect(png.name).toBe('nep-zones_qilian.png');
  expect(png.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(png.bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([Math.round(vb.width * 2), Math.round(vb.height * 2)]);
  expect(png.bytes.length).toBeGreaterThan(30_000);
  expect(png.bytes.length).toBeLessThan(3_000_000);
  if (shots) writeFileSync(join(shots, png.name), png.bytes);
  // The pixel ratio is a choice: 3× and 1× too.
  const scale = section.getByRole('combobox', { name: 'PNG pixel ratio of the NEP of every zone figure' });
  await expect(scale).toHaveValue('2');
  for (const k of [3, 1]) {
    await scale.selectOption(String(k));
    const big = await downloadBy(page, section.getByRole('button', { name: 'Download NEP of every zone figure as PNG' }));
    expect(big.name).toBe('nep-zones_qilian.png');
    expect(big.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect([big.bytes.readUInt32BE(16), big.bytes.readUInt32BE(20)]).toEqual([Math.round(vb.width * k), Math.round(vb.height * k)]);
  }

  const svg = await downloadBy(page, section.getByRole('button', { name: 'Download NEP of every zone figure as SVG' }));
  expect(svg.name).toBe('nep-zones_qilian.svg');
  const check = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      error: doc.getElementsByTagName('parsererror').length,
      name: root.localName,
      ns: root.namespaceURI,
      width: root.getAttribute('width'),
      height: root.getAttribute('height'),
      bg: root.querySelector('rect')?.getAttribute('fill'),
      classes: root.querySelectorAll('[class]').length,
      panels: root.querySelectorAll('g[data-region-id]').length,
      text: root.textContent,
    };
  }, svg.bytes.toString('utf8'));
  expect(check).toMatchObject({ error: 0, name: 'svg', ns: 'http://www.w3.org/2000/svg', width: String(vb.width), height: String(vb.height), bg: '#ffffff', classes: 0, panels: 6 });
  expect(check.text).toContain('III-1-2');
  expect(check.text).toContain(zoneEquation);
  if (shots) writeFileSync(join(shots, svg.name), svg.bytes);
});

test('a zone other than the whole park has no figure of every zone', async ({ page }) => {
  await page.goto('/');
  const zone = await selectRegion(page, 'III-2');
  await expect(zone.getByTestId('zone-chart-title')).toBeVisible();
  await expect(page.getByTestId('zones-figure')).toHaveCount(0);
});

const HAWAII = resolve('../shared/data/real/mod17-hawaii');
const tifs = existsSync(HAWAII) ? readdirSync(HAWAII).filter((f) => /^hawaii_npp_\d{4}\.tif$/.test(f)).sort().map((f) => resolve(HAWAII, f)) : [];

test.describe('NPP only', () => {
  test.skip(tifs.length < 3, `the real MOD17 files are not in ${HAWAII} (clone shared/ beside the repository)`);
  let dir = '';
  test.afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('an NPP dataset names the figure NPP and shows zone names as text', async ({ page }) => {
    // The Hawaiʻi zones, one renamed to something that would be markup if rendered as HTML.
    dir = mkdtempSync(join(tmpdir(), 'zones-figure-'));
    const zones = JSON.parse(readFileSync(resolve('test/fixtures/datasets/hawaii/zones.geojson'), 'utf8'));
    const evil = '<img src=x onerror="window.__pwned=1"> Maui & <b>Co</b>';
    zones.features[1].properties.label = evil;
    const zonesPath = join(dir, 'zones.geojson');
    writeFileSync(zonesPath, JSON.stringify(zones));

    await page.goto('/?demo=synthetic#layer=nep&year=mean');
    await page.getByRole('button', { name: 'Open data…' }).click();
    await page.getByTestId('open-files').setInputFiles([...tifs, zonesPath]);
    const form = page.getByRole('dialog', { name: 'Your dataset' });
    await expect(form).toBeVisible({ timeout: 60_000 });
    await form.getByLabel('Dataset name').fill('Hawaii');
    await form.getByRole('button', { name: 'Analyse' }).click();
    await expect(page.getByTestId('dataset-name')).toHaveText('Hawaii', { timeout: 60_000 });

    const park = await selectRegion(page, 'all');
    const section = park.getByRole('region', { name: 'NPP of every zone (Figure 4)' });
    await expect(section).toBeVisible();
    await expect(section).not.toContainText('NEP');
    const panels = section.getByTestId('zones-panel');
    await expect(panels).toHaveCount(3);
    await expect(section.getByTestId('chart-zones')).toContainText('NPP (gC m⁻² yr⁻¹)');
    await expect(section.getByRole('button', { name: 'Download NPP of every zone figure as PNG' })).toHaveAttribute('data-filename', 'npp-zones_hawaii.png');
    await expect(section.getByRole('button', { name: 'Download NPP of every zone figure as SVG' })).toHaveAttribute('data-filename', 'npp-zones_hawaii.svg');

    // The name is text: no element made from it, the full name in the panel's tooltip and accessible name.
    const maui = section.locator('[data-testid=zones-panel][data-region-id="maui"]');
    await expect(maui.locator('title').first()).toHaveText(`(c) ${evil} · maui`);
    await expect(maui).toHaveAttribute('aria-label', new RegExp(`^\\(c\\) ${evil.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · maui\\. `));
    await expect(maui.locator('.panel-title')).toContainText('<img');
    await expect(section.locator('img, b')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    if (process.env.ZONES_SHOTS) await section.screenshot({ path: join(process.env.ZONES_SHOTS, 'zones-figure-npp.png') });
    const png = await downloadBy(page, section.getByRole('button', { name: 'Download NPP of every zone figure as PNG' }));
    expect(png.name).toBe('npp-zones_hawaii.png');
    expect(png.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  });
});
