/**
 * Series the app works out itself (derivedSeries.ts) must be those the workers would have sent,
 * bit for bit, year by year and whole: climate resampled from a coarse grid in the same CRS (the
 * demo), from another CRS (sinusoidal-int16), and Rh from them.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareDataset } from './prepare';
import { BlockComputer } from './blockCompute';
import { runPlan } from './run';
import { createNodePool } from './node/nodePool';
import { derivable, deriveSeries, readCoarseClimate, sentSeries } from './derivedSeries';
import { attachDerived, hasSeries, seriesYear } from './pixelJoin';
import type { ClimateVar } from '../core/summary';

const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const fixtures = join(__dirname, '../../test/fixtures/datasets');
const cases = [
  { name: 'demo (same CRS, coarse grid)', dir: join(__dirname, '../../public/data/qilian'), climate: 4, rh: true },
  { name: 'sinusoidal-int16 (climate in another CRS)', dir: join(fixtures, 'sinusoidal-int16'), climate: -1, rh: null },
  { name: 'climate-table (nothing to derive)', dir: join(fixtures, 'climate-table'), climate: 0, rh: false },
];

describe('derived series', () => {
  for (const c of cases) {
    it(`${c.name}: the workers' numbers`, async () => {
      const { plan } = await prepareDataset({ manifestText: readFileSync(join(c.dir, 'dataset.json'), 'utf8'), manifestName: 'dataset.json', resolve: (p) => join(c.dir, p), slug: 'x' });
      const d = derivable(plan);
      if (c.climate >= 0) expect(d.climate.length).toBe(c.climate);
      if (c.rh !== null) expect(d.rh).toBe(c.rh);
      const pool = createNodePool(2);
      try {
        const all = (await runPlan(plan, pool, { rows: false, pixels: true, pixelRho: true })).maps!;
        const sent = (await runPlan(plan, pool, { rows: false, pixels: true, pixelRho: true, series: sentSeries(plan, d) })).maps!;
        for (const v of d.climate) expect(hasSeries(sent.climate, v), `${v} not sent`).toBe(false);
        expect(hasSeries(sent, 'rh')).toBe(!d.rh && all.rh !== null);
        expect(bytes(sent.nep).equals(bytes(all.nep))).toBe(true);
        if (all.npp) expect(bytes(sent.npp!).equals(bytes(all.npp))).toBe(true);

        attachDerived(sent, deriveSeries(plan, await readCoarseClimate(plan, d.climate), d, sent.index));
        const n = sent.index.length;
        const Y = plan.years.length;
        const check = (holder: object, ref: Float32Array, key: string) => {
          // a year alone first (as a layer asks), then the whole series
          for (const i of [Y - 1, 0, Math.floor(Y / 2)]) {
            expect(bytes(seriesYear(holder, key, i, n)!).equals(bytes(ref.subarray(i * n, (i + 1) * n))), `${key} year ${i}`).toBe(true);
          }
          expect(bytes((holder as Record<string, Float32Array>)[key]).equals(bytes(ref)), `${key} whole`).toBe(true);
        };
        for (const v of Object.keys(all.climate) as ClimateVar[]) check(sent.climate, all.climate[v]!, v);
        if (all.rh) check(sent, all.rh, 'rh');
      } finally {
        pool.terminate();
      }
    }, 120_000);
  }

  it('the coarse climate a worker has read for its blocks (BlockComputer.coarseClimate) is what the page reads, bit for bit', async () => {
    const dir = cases[0].dir;
    const { plan } = await prepareDataset({ manifestText: readFileSync(join(dir, 'dataset.json'), 'utf8'), manifestName: 'dataset.json', resolve: (p) => join(dir, p), slug: 'x' });
    const vars = derivable(plan).climate;
    expect(vars.length).toBe(4);
    const computer = new BlockComputer(plan);
    try {
      await computer.compute(0, 0, 64, { rows: false, pixels: true, pixelRho: true }); // reads the climate, as a block does
      const fromWorker = await computer.coarseClimate(vars);
      const fromPage = await readCoarseClimate(plan, vars);
      for (const v of vars) {
        expect(fromWorker[v]!.length).toBe(plan.years.length);
        fromWorker[v]!.forEach((y, i) => {
          expect(y.grid, `${v} ${i}`).toEqual(fromPage[v]![i].grid);
          expect(y.float64).toBe(fromPage[v]![i].float64);
          expect(bytes(y.values).equals(bytes(fromPage[v]![i].values)), `${v} ${i}`).toBe(true);
        });
      }
    } finally {
      computer.close();
    }
  }, 60_000);
});

