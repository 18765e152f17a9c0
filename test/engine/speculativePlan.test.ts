/**
 * The CLI starts computing from the first year's files (prepareDataset({ firstYearOnly })) and
 * checks the other years meanwhile. When a later climate year turns out to be on another grid
 * than the first year's, the result must be that of the fully checked plan: here a copy of
 * sinusoidal-int16 whose precipitation for 2001 is a file on the NPP grid (so the first-year plan
 * reads every year unresampled, wrongly; the other years are on another grid), computed by the
 * CLI and, in process, from prepareDataset's full plan.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, runAnalyze } from './runCli';
import { prepareDataset } from '../../src/engine/prepare';
import { runPlan } from '../../src/engine/run';
import { createNodePool } from '../../src/engine/node/nodePool';

describe('analyze when a later year needs other resampling than the first', () => {
  it('gives the numbers of the fully checked plan', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nep-mixed-'));
    cpSync(join(repoRoot, 'test/fixtures/datasets/sinusoidal-int16'), dir, { recursive: true });
    copyFileSync(join(dir, 'npp/npp_2001.tif'), join(dir, 'climate/pre_2001.tif'));
    const manifest = join(dir, 'dataset.json');

    const run = runAnalyze(manifest, ['--workers', '2']);
    expect(run.stderr.split('\n').filter((l) => /failed|Error/.test(l))).toEqual([]);
    expect(run.code).toBe(0);

    const { plan } = await prepareDataset({ manifestText: readFileSync(manifest, 'utf8'), manifestName: 'dataset.json', resolve: (p) => join(dir, p), slug: 'x' });
    expect(plan.climateRasters.precipitation!.resample).toEqual([false, true, true, true, true, true, true, true]);
    const pool = createNodePool(2);
    try {
      const { summary } = await runPlan(plan, pool, { rows: false, pixels: false, pixelRho: false });
      const json = JSON.parse(JSON.stringify(summary, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)));
      expect(run.summary).toEqual({ ...json, dataset: run.summary.dataset });
    } finally {
      pool.terminate();
    }
  }, 120_000);
});
