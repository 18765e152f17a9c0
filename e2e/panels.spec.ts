/**
 * The zone panel on the demo dataset shows the same numbers as the CLI's summary.json:
 * choose the Eastern Qilian zone in the list, read slope, mean, R², p, cumulative, extremes,
 * trend classes and correlations off the screen, compare them with summary.json at the
 * precision printed, and the unrounded data-value to 1e-12 relative: the app and the CLI run
 * the same engine, so SPEC's "same numbers" holds beyond what is printed.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const MANIFEST = resolve('public/data/qilian/dataset.json');

interface Region {
  id: string;
  name: string;
  nep: Record<string, any>;
  trendClasses: Record<string, number | null>;
  correlation: Record<string, { rho: number | null; p: number | null }>;
}
let summary: { years: number[]; method: string; regions: Region[] };
let out = '';

test.beforeAll(() => {
  test.setTimeout(360_000);
  out = mkdtempSync(join(tmpdir(), 'nep-panels-'));
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/analyze.ts', MANIFEST, '--out', out], { encoding: 'utf8', timeout: 300_000 });
  expect(r.status, r.stderr).toBe(0);
  summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
});

test.afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

/** Reads a number as the panels print it: U+2212 minus, "× 10⁻⁵", trailing %. */
function parseShown(s: string): number {
  const sup: Record<string, string> = { '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-' };
  const t = s.trim().replace(/\u2212/g, '-').replace(/\s*%$/, '');
  const m = /^(-?[\d.]+)\s*×\s*10([⁻⁰-⁹¹²³]+)$/.exec(t);
  if (m) return Number(`${m[1]}e${[...m[2]].map((c) => sup[c]).join('')}`);
  return Number(t);
}

/**
 * The shown text equals `expected` rounded to `decimals` (or, for scientific p, to 3 significant
 * digits), and data-value holds the unrounded summary value `raw`.
 */
async function expectShown(loc: Locator, expected: number | null, decimals: number, raw: number | null = expected) {
  await expect(loc).toBeVisible();
  const text = (await loc.textContent()) ?? '';
  if (expected === null) {
    expect(text.trim()).toBe('–');
    return;
  }
  const shown = parseShown(text);
  expect(Number.isFinite(shown), `"${text}" is a number`).toBe(true);
  if (/×/.test(text)) expect(Math.abs(shown - expected)).toBeLessThanOrEqual(Math.abs(expected) * 0.005 + 1e-300);
  else expect(Math.abs(shown - expected)).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-9);
  // The unrounded value agrees too: both front ends run the same engine in the same order.
  const value = Number(await loc.getAttribute('data-value'));
  expect(Math.abs(value - raw!)).toBeLessThanOrEqual(Math.abs(raw!) * 1e-12 + 1e-15);
}

/** The p-value's printed precision: 3 decimals from 0.001 up (scientific below). */
const P_DECIMALS = 3;

async function openZone(page: Page, region: Region) {
  await page.goto('/');
  const list = page.getByRole('navigation', { name: 'Regions' });
  const button = list.getByRole('button', { name: region.name }).and(list.locator(`button[data-region-id="${region.id}"]`));
  await expect(button).toBeVisible({ timeout: 60_000 });
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  const panel = page.locator(`section.zone-panel[data-region-id="${region.id}"]`);
  await expect(panel).toBeVisible();
  return panel;
}

function eastern(): Region {
  const r = summary.regions.find((x) => /east(ern)? qilian/i.test(x.name)) ?? summary.regions.find((x) => x.id === 'III-1-2');
  expect(r, 'the demo has an Eastern Qilian zone').toBeTruthy();
  return r!;
}

test('the Eastern Qilian zone panel shows the numbers of summary.json', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const region = eastern();
  const panel = await openZone(page, region);
  await expect(panel.getByTestId('zone-name')).toHaveText(region.name);

  const nep = region.nep;
  await expectShown(panel.getByTestId('zone-slope'), nep.slope, 2);
  await expectShown(panel.getByTestId('zone-mean'), nep.mean, 2);
  await expectShown(panel.getByTestId('zone-r2'), nep.r2, 3);
  await expectShown(panel.getByTestId('zone-p'), nep.p, P_DECIMALS);
  await expectShown(panel.getByTestId('zone-cumulative'), nep.cumulative, 2);
  await expectShown(panel.getByTestId('zone-min'), nep.min?.value ?? null, 2);
  await expectShown(panel.getByTestId('zone-max'), nep.max?.value ?? null, 2);
  await expect(panel.getByText(`Minimum (${nep.min.year})`)).toBeVisible();
  await expect(panel.getByText(`Maximum (${nep.max.year})`)).toBeVisible();
  // The chart labels the extremes with year and value.
  await expect(panel.getByTestId('chart-nep-series')).toContainText(`Max ${nep.max.year}:`);
  await expect(panel.getByTestId('chart-nep-series')).toContainText(`Min ${nep.min.year}:`);

  for (const [k, share] of Object.entries(region.trendClasses)) {
    await expectShown(panel.getByTestId(`trend-class-${k}`), share === null ? null : share * 100, 2, share);
  }

  const vars = Object.keys(region.correlation);
  expect(vars.length).toBeGreaterThan(0);
  for (const v of vars) {
    await expectShown(panel.getByTestId(`corr-${v}-rho`), region.correlation[v].rho, 3);
    await expectShown(panel.getByTestId(`corr-${v}-p`), region.correlation[v].p, P_DECIMALS);
  }
  // Rows ranked by |rho| (study Table 2).
  const order = await panel.locator('[data-testid=correlation-table] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-variable')));
  const expected = [...vars].sort((a, b) => Math.abs(region.correlation[b].rho ?? -1) - Math.abs(region.correlation[a].rho ?? -1));
  expect(order.map((v) => Math.abs(region.correlation[v!].rho ?? -1))).toEqual(expected.map((v) => Math.abs(region.correlation[v].rho ?? -1)));
  expect(errors).toEqual([]);
});

test('the zone list is keyboard usable and shows every region', async ({ page }) => {
  const region = summary.regions[0];
  await page.goto('/');
  const list = page.getByRole('navigation', { name: 'Regions' });
  const buttons = list.getByRole('button');
  await expect(buttons.first()).toBeVisible({ timeout: 60_000 });
  await expect(buttons).toHaveCount(summary.regions.length);
  for (const [i, r] of summary.regions.entries()) {
    await expect(buttons.nth(i)).toContainText(r.name);
    await expect(buttons.nth(i)).toContainText(r.id);
  }
  await buttons.nth(0).focus();
  await page.keyboard.press('ArrowDown');
  await expect(buttons.nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(buttons.nth(1)).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator(`section.zone-panel[data-region-id="${summary.regions[1].id}"]`)).toBeVisible();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press(' ');
  await expect(buttons.nth(0)).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator(`section.zone-panel[data-region-id="${region.id}"]`)).toBeVisible();
});

test('settings refuse a bad coefficient with a message, and Apply recomputes with the new one', async ({ page }) => {
  // Doubling a doubles Rh in every pixel (Rh = a · (…) · k), so every yearly area-weighted mean
  // NEP drops by that year's mean Rh: the new mean NEP is mean(nep) − mean(rh) of summary.json.
  const all = summary.regions[0] as Region & { series: { rh: number[] } };
  const meanRh = all.series.rh.reduce((a, b) => a + b, 0) / all.series.rh.length;
  const expected = all.nep.mean - meanRh;
  test.setTimeout(300_000); // two analyses of the demo in the browser

  await page.goto('/');
  const mean = page.locator(`section.zone-panel[data-region-id="all"]`).getByTestId('zone-mean');
  await expect(mean).toBeVisible({ timeout: 60_000 });
  await expectShown(mean, all.nep.mean, 2);

  await page.getByText('Analysis settings').click();
  const form = page.getByRole('form', { name: 'Analysis settings' });
  const a = form.getByRole('textbox', { name: /^a\b/ });
  await expect(a).toHaveValue(String(0.22));
  await a.fill('0,44');
  await form.getByRole('button', { name: 'Apply' }).click();
  await expect(form.getByRole('alert')).toHaveText('a must use a decimal point, not a comma (e.g. 0.44).');
  await expect(a).toHaveAttribute('aria-invalid', 'true');

  await a.fill('0.44');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await form.getByRole('button', { name: 'Apply' }).click();
  await expect
    .poll(async () => Number(await mean.getAttribute('data-value')), { timeout: 180_000 })
    .toBeCloseTo(expected, 3);
  await expectShown(mean, expected, 2, Number(await mean.getAttribute('data-value')));

  await form.getByRole('button', { name: 'Reset to defaults' }).click();
  await expect(a).toHaveValue('0.22');
});
