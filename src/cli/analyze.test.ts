/**
 * `npm run analyze` on a dataset without a single included pixel (test/fixtures/datasets/broken/
 * all-nodata, made by GDAL: every NPP pixel is the band's nodata, and the GDAL + numpy + scipy
 * oracle includes none of its 8 × 6 = 48 pixels): a non-zero exit, one line that is not progress,
 * naming the first year's NPP (or NEP) file and the problem, and nothing written.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, runAnalyze } from '../../test/engine/runCli';

const dir = join(repoRoot, 'test/fixtures/datasets/broken/all-nodata');
const PROGRESS = /^(Checking|Reading|Computing)/;

function refused(manifest: string): string[] {
  const run = runAnalyze(manifest);
  expect(run.code).toBe(1);
  expect(readdirSync(run.out)).toEqual([]);
  expect(existsSync(join(run.out, 'summary.json'))).toBe(false);
  return run.stderr.split('\n').filter((l) => l.trim() !== '' && !PROGRESS.test(l));
}

/** A manifest in a fresh folder, naming the fixture's files by absolute path. */
function manifestOf(m: object, extra: Record<string, string> = {}): string {
  const d = mkdtempSync(join(tmpdir(), 'nep-nopx-'));
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(d, name), text);
  writeFileSync(join(d, 'dataset.json'), JSON.stringify(m));
  return join(d, 'dataset.json');
}

describe('analyze refuses a dataset with no included pixel', () => {
  it('NPP all nodata, with climate: the first NPP file named, NPP and climate said', () => {
    expect(refused(join(dir, 'dataset.json'))).toEqual([
      'npp/npp_2001.tif: no pixel has valid NPP, temperature and precipitation in every year (48 pixels, none included): check nodata, the valid range and the scale',
    ]);
  });

  it('NPP only, with a boundary: NPP said, and the boundary mentioned', () => {
    // The boundary covers the whole grid (100..100.4 E, 37.7..38 N).
    const boundary = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[99.9, 37.6], [100.5, 37.6], [100.5, 38.1], [99.9, 38.1], [99.9, 37.6]]] } };
    const m = manifestOf(
      { name: 'x', years: { from: 2001, to: 2003 }, npp: { path: join(dir, 'npp/npp_{year}.tif') }, boundary: { path: 'boundary.geojson' } },
      { 'boundary.geojson': JSON.stringify(boundary) },
    );
    expect(refused(m)).toEqual([
      `${join(dir, 'npp/npp_2001.tif')}: no pixel has valid NPP in every year (48 pixels, none included): check nodata, the valid range and the scale, and that the boundary covers the rasters`,
    ]);
  });

  it('NEP given: NEP said', () => {
    const m = manifestOf({ name: 'x', years: { from: 2001, to: 2003 }, nep: { path: join(dir, 'npp/npp_{year}.tif') } });
    expect(refused(m)).toEqual([
      `${join(dir, 'npp/npp_2001.tif')}: no pixel has valid NEP in every year (48 pixels, none included): check nodata, the valid range and the scale`,
    ]);
  });
});
