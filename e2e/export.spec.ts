/**
 * Every export of the zone panel downloads a valid file with a name that says what it holds:
 * PNG (signature, IHDR size = 2 × the chart's viewBox), SVG (parses as SVG, sized, white
 * background, styles inlined), CSV (UTF-8 BOM, RFC 4180, one row per year / variable / class,
 * values equal to what the panel shows). Runs on the demo dataset.
 */
import { expect, test, type Download, type Locator, type Page } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const START = '/';


async function bytesOf(d: Download): Promise<Buffer> {
  const p = await d.path();
  return readFileSync(p);
}

async function downloadBy(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(await d.failure()).toBeNull();
  return { name: d.suggestedFilename(), bytes: await bytesOf(d) };
}

/** RFC 4180 reader for the test (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), i++;
    } else field += c;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows;
}

function readCsv(bytes: Buffer): string[][] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  expect(text.endsWith('\r\n')).toBe(true);
  const rows = parseCsv(text);
  for (const r of rows) expect(r.length).toBe(rows[0].length);
  return rows;
}

async function openSecondRegion(page: Page) {
  await page.goto(START);
  const buttons = page.getByRole('navigation', { name: 'Regions' }).getByRole('button');
  await expect(buttons.nth(1)).toBeVisible({ timeout: 60_000 });
  await buttons.nth(1).click();
  const id = (await buttons.nth(1).getAttribute('data-region-id'))!;
  const panel = page.locator(`section.zone-panel[data-region-id="${id}"]`);
  await expect(panel).toBeVisible();
  return { panel, id };
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('charts download as PNG at 2× on white and as standalone SVG', async ({ page }) => {
  const { panel, id } = await openSecondRegion(page);
  for (const [label, kind, testId] of [
    ['NEP time series', 'nep-series', 'chart-nep-series'],
    ['sink and source area chart', 'sink-source-share', 'chart-share'],
  ] as const) {
    const vb = await panel.getByTestId(testId).evaluate((s) => {
      const b = (s as SVGSVGElement).viewBox.baseVal;
      return { width: b.width, height: b.height };
    });
    const png = await downloadBy(page, panel.getByRole('button', { name: `Download ${label} as PNG` }));
    expect(png.name).toMatch(new RegExp(`^${kind}_[^_]+_${esc(id)}\\.png$`));
    expect(png.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([vb.width * 2, vb.height * 2]);

    const svg = await downloadBy(page, panel.getByRole('button', { name: `Download ${label} as SVG` }));
    expect(svg.name).toMatch(new RegExp(`^${kind}_[^_]+_${esc(id)}\\.svg$`));
    const check = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const root = doc.documentElement;
      const bg = root.querySelector('rect');
      return {
        error: doc.getElementsByTagName('parsererror').length,
        name: root.localName,
        ns: root.namespaceURI,
        width: root.getAttribute('width'),
        height: root.getAttribute('height'),
        bg: bg?.getAttribute('fill'),
        styled: root.querySelectorAll('[style*="stroke"]').length,
        classes: root.querySelectorAll('[class]').length,
        text: root.textContent,
      };
    }, svg.bytes.toString('utf8'));
    expect(check).toMatchObject({ error: 0, name: 'svg', ns: 'http://www.w3.org/2000/svg', width: String(vb.width), height: String(vb.height), bg: '#ffffff', classes: 0 });
    expect(check.styled).toBeGreaterThan(10);
    expect(check.text).toContain('Year');
  }
});

test('tables download as CSV with the numbers the panel shows', async ({ page }) => {
  const { panel, id } = await openSecondRegion(page);
  const idPart = esc(id);

  // Correlation: one row per variable, ranked as on screen, rho and p as data-value.
  const corr = readCsv((await downloadBy(page, panel.getByRole('button', { name: 'Download correlation table as CSV' }))).bytes);
  const shown = await panel.locator('[data-testid=correlation-table] tbody tr').evaluateAll((rows) =>
    rows.map((r) => {
      const v = r.getAttribute('data-variable')!;
      return { v, rho: r.querySelector(`[data-testid=corr-${v}-rho]`)!.getAttribute('data-value'), p: r.querySelector(`[data-testid=corr-${v}-p]`)!.getAttribute('data-value') };
    }),
  );
  expect(corr[0]).toEqual(['region_id', 'region_name', 'rank', 'variable', 'label', 'spearman_rho', 'p_value', 'significance']);
  expect(corr.length).toBe(shown.length + 1);
  shown.forEach((s, i) => {
    expect(corr[i + 1][0]).toBe(id);
    expect(corr[i + 1][2]).toBe(String(i + 1));
    expect(corr[i + 1][3]).toBe(s.v);
    expect(Number(corr[i + 1][5])).toBe(Number(s.rho));
    expect(Number(corr[i + 1][6])).toBe(Number(s.p));
  });

  // Trend classes: 7 rows, +3 … −3, shares equal to the table.
  const tc = await downloadBy(page, panel.getByRole('button', { name: 'Download trend-class table as CSV' }));
  expect(tc.name).toMatch(new RegExp(`^trend-classes_[^_]+_${idPart}\\.csv$`));
  const classes = readCsv(tc.bytes);
  expect(classes.length).toBe(8);
  expect(classes.slice(1).map((r) => r[2])).toEqual(['3', '2', '1', '0', '-1', '-2', '-3']);
  for (const r of classes.slice(1)) {
    const dv = await panel.getByTestId(`trend-class-${r[2]}`).getAttribute('data-value');
    expect(Number(r[4])).toBe(Number(dv));
  }

  // Yearly series: one row per year; the mean of the nep column is the panel's mean.
  const se = await downloadBy(page, panel.getByRole('button', { name: 'Download yearly series as CSV' }));
  expect(se.name).toMatch(new RegExp(`^series_[^_]+_${idPart}\\.csv$`));
  const series = readCsv(se.bytes);
  const nepCol = series[0].indexOf('nep_gC_m2_yr');
  expect(nepCol).toBeGreaterThan(2);
  const nep = series.slice(1).map((r) => Number(r[nepCol]));
  const years = series.slice(1).map((r) => Number(r[2]));
  expect(years.length).toBeGreaterThanOrEqual(3);
  years.forEach((y, i) => i > 0 && expect(y).toBeGreaterThan(years[i - 1]));
  const mean = Number(await panel.getByTestId('zone-mean').getAttribute('data-value'));
  expect(Math.abs(nep.reduce((a, b) => a + b, 0) / nep.length - mean)).toBeLessThan(1e-9 * Math.max(1, Math.abs(mean)));
});

test('a picked pixel shows its series; its chart and CSV download', async ({ page }) => {
  await page.goto(START);
  await expect(page.getByRole('navigation', { name: 'Regions' })).toBeVisible({ timeout: 60_000 });
  const canvas = page.locator('canvas.maplibregl-canvas');
  const box = (await canvas.boundingBox())!;
  // Find an included pixel by hovering over a grid of points until the read-out has a value.
  let hit: { x: number; y: number } | null = null;
  outer: for (let fy = 0.3; fy <= 0.8; fy += 0.05) {
    for (let fx = 0.2; fx <= 0.8; fx += 0.05) {
      const x = box.x + box.width * fx;
      const y = box.y + box.height * fy;
      await page.mouse.move(x, y);
      const v = page.getByTestId('readout-value');
      if ((await v.count()) && /\d/.test((await v.textContent()) ?? '') && !/no data|—/.test((await v.textContent()) ?? '')) {
        hit = { x, y };
        break outer;
      }
    }
  }
  expect(hit, 'an included pixel on the map').not.toBeNull();
  await page.mouse.click(hit!.x, hit!.y);
  const panel = page.locator('section.pixel-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('pixel-class')).not.toBeEmpty();

  const png = await downloadBy(page, panel.getByRole('button', { name: 'Download pixel NEP series as PNG' }));
  expect(png.name).toMatch(/^nep-series_[^_]+_pixel-\d+\.\d{4}[EW]-\d+\.\d{4}[NS]\.png$/);
  expect(png.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');

  const csv = readCsv((await downloadBy(page, panel.getByRole('button', { name: 'Download pixel series as CSV' }))).bytes);
  expect(csv[0]).toEqual(['lon', 'lat', 'year', 'nep_gC_m2_yr']);
  const x = csv.slice(1).map((r) => Number(r[2]));
  const y = csv.slice(1).map((r) => Number(r[3]));
  expect(y.every(Number.isFinite)).toBe(true);
  const mean = Number(await panel.getByTestId('pixel-mean').getAttribute('data-value'));
  expect(Math.abs(y.reduce((a, b) => a + b, 0) / y.length - mean)).toBeLessThan(1e-9 * Math.max(1, Math.abs(mean)));
  {
    // With the real engine, the slope shown is the OLS slope of this series (hand formula).
    const mx = x.reduce((a, b) => a + b, 0) / x.length;
    const my = y.reduce((a, b) => a + b, 0) / y.length;
    const slope = x.reduce((s, xi, i) => s + (xi - mx) * (y[i] - my), 0) / x.reduce((s, xi) => s + (xi - mx) ** 2, 0);
    const shown = Number(await panel.getByTestId('pixel-slope').getAttribute('data-value'));
    if ((await panel.textContent())?.includes('OLS')) expect(Math.abs(shown - slope)).toBeLessThan(1e-4 * Math.max(1, Math.abs(slope)));
  }
});
