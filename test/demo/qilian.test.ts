/**
 * The embedded demo (public/data/qilian, synthetic, made by `npm run demo-data`) must tell the
 * study's story: `npm run analyze` on it reproduces the published figures of Jiao's Qilian
 * Mountain National Park NEP study within the tolerances of issue 4. The expected values are
 * the study's (shared/seed/study.md), not numbers computed by our code. It runs the CLI as
 * `npm run analyze` does (node scripts/analyze.mjs).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const DATA = join(ROOT, 'public/data/qilian');

interface Region {
  id: string;
  name: string;
  areaKm2: number;
  series: { nep: number[]; sourceShare: number[] };
  nep: { mean: number; slope: number; min: { year: number; value: number }; max: { year: number; value: number } };
  meanMap: { sinkShare: number };
  trendClasses: Record<string, number>;
  correlation: Record<string, { rho: number; p: number }>;
}

let regions: Region[] = [];
const region = (id: string): Region => {
  const r = regions.find((x) => x.id === id);
  if (!r) throw new Error(`no region ${id} in summary.json`);
  return r;
};

/** |got − want| ≤ tol·|want| */
const within = (got: number, want: number, relTol: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(Math.abs(want) * relTol);
const near = (got: number, want: number, absTol: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(absTol);

beforeAll(() => {
  const out = mkdtempSync(join(tmpdir(), 'qilian-'));
  try {
    execFileSync('node', ['scripts/analyze.mjs', join(DATA, 'dataset.json'), '--out', out], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 900_000,
    });
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { schema: string; regions: Region[] };
    expect(summary.schema).toBe('nep-summary/1');
    regions = summary.regions;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 900_000);

describe('the Qilian demo dataset', () => {
  it('says it is synthetic and stays under 15 MB', () => {
    const manifest = JSON.parse(readFileSync(join(DATA, 'dataset.json'), 'utf8')) as { name: string };
    expect(manifest.name.toLowerCase()).toContain('synthetic');
    let bytes = 0;
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else bytes += statSync(p).size;
      }
    };
    walk(DATA);
    expect(bytes).toBeLessThanOrEqual(15 * 1024 * 1024);
  });

  it('has the park first, then the five subzones', () => {
    expect(regions.map((r) => r.id)).toEqual(['all', 'III-1-2', 'II-3-3', 'III-1-1', 'III-2', 'III-1-3']);
    near(region('all').areaKm2, 50200, 250);
  });

  it('reproduces the park series: mean 156.9, slope 1.89, min 2001 126.1, max 2019 181.6', () => {
    const p = region('all').nep;
    within(p.mean, 156.9, 0.02);
    within(p.slope, 1.89, 0.1);
    expect(p.min.year).toBe(2001);
    within(p.min.value, 126.1, 0.03);
    expect(p.max.year).toBe(2019);
    within(p.max.value, 181.6, 0.03);
  });

  it('reproduces the sink and source shares', () => {
    const all = region('all');
    near(all.meanMap.sinkShare * 100, 99.755, 0.1);
    const ss = all.series.sourceShare.map((s) => s * 100);
    expect(ss).toHaveLength(23);
    for (const s of ss) expect(s).toBeLessThan(0.5);
    expect(ss.indexOf(Math.max(...ss))).toBe(15); // 2015
    near(ss[15], 0.4656, 0.05);
    const rising = ss.flatMap((s, i) => (i > 0 && s > ss[i - 1] ? [2000 + i] : []));
    expect(rising).toEqual([2012, 2015, 2017, 2019, 2020]);
    const m = ss.reduce((a, b) => a + b, 0) / ss.length;
    const slope = ss.reduce((a, s, i) => a + (i - 11) * (s - m), 0);
    expect(slope).toBeLessThan(0);
  });

  it('reproduces Table 1 (trend classes)', () => {
    const c = region('all').trendClasses;
    const want: Record<string, number> = { '3': 73.4, '2': 13.1, '1': 12.3, '-1': 0.8, '-2': 0.1, '-3': 0.3 };
    for (const [k, v] of Object.entries(want)) near(c[k] * 100, v, 1);
  });

  // id, mean, slope, [min, max] values, [min year, max year] (the study's Figure 4 text)
  const zones: [string, number, number, [number, number], [number, number]][] = [
    ['III-1-2', 221.61, 2.31, [184.03, 249.8], [2001, 2019]],
    ['II-3-3', 230.13, 3.88, [153.59, 298.63], [2001, 2019]],
    ['III-1-1', 72.16, 1.3, [51.23, 91.22], [2001, 2018]],
    ['III-2', 43.39, 1.02, [28.51, 67.06], [2001, 2018]],
    ['III-1-3', 6.69, 0.25, [0.94, 17.94], [2001, 2010]],
  ];
  it.each(zones)('reproduces subzone %s: mean %f, slope %f', (id, mean, slope, range, years) => {
    const z = region(id).nep;
    within(z.mean, mean, 0.03);
    within(z.slope, slope, 0.1);
    within(z.min.value, range[0], 0.03);
    within(z.max.value, range[1], 0.03);
    expect(z.min.year).toBe(years[0]);
    expect(z.max.year).toBe(years[1]);
  });

  const rho: [string, number, number, number, number][] = [
    ['all', 0.47, 0.36, 0.2, 0.098],
    ['III-2', 0.38, 0.37, 0.26, 0.11],
    ['II-3-3', 0.45, 0.43, 0.26, 0.038],
    ['III-1-3', 0.49, 0.15, 0.23, 0.23],
    ['III-1-1', 0.45, 0.38, 0.32, 0.14],
    ['III-1-2', 0.52, 0.3, 0.047, 0.022],
  ];
  it.each(rho)('reproduces Table 2 for %s', (id, t, p, rh, ssd) => {
    const c = region(id).correlation;
    near(c.temperature.rho, t, 0.05);
    near(c.precipitation.rho, p, 0.05);
    near(c.humidity.rho, rh, 0.05);
    near(c.sunshine.rho, ssd, 0.05);
  });
});
