/**
 * runMeans, the quick pass behind the app's first map: the included pixels, their zones and
 * multi-year means must be the full run's, bit for bit (the first map is never redrawn with
 * other numbers), on datasets with Rh from climate rasters, from a climate table, NEP given
 * directly, and a grid resampled from another CRS.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareDataset } from './prepare';
import { runMeans, runPlan } from './run';
import { createNodePool } from './node/nodePool';

const root = join(__dirname, '../../test/fixtures/datasets');
const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('runMeans', () => {
  // 'npp-only': sinusoidal-int16 without its climate (the analysis then runs on NPP itself).
  for (const name of ['sinusoidal-int16', 'climate-table', 'nep-only', 'geographic-float32', 'npp-only']) {
    it(`${name}: index, zone and mean equal the full run's`, async () => {
      const dir = join(root, name === 'npp-only' ? 'sinusoidal-int16' : name);
      const manifest = JSON.parse(readFileSync(join(dir, 'dataset.json'), 'utf8'));
      if (name === 'npp-only') delete manifest.climate;
      const { plan } = await prepareDataset({ manifestText: JSON.stringify(manifest), manifestName: 'dataset.json', resolve: (p) => join(dir, p), slug: 'x' });
      expect(plan.respiration === null).toBe(name === 'npp-only' || name === 'nep-only');
      const small = { ...plan, blockRows: Math.max(1, Math.floor(plan.grid.height / 3)) }; // several blocks
      const pool = createNodePool(2);
      try {
        const means = await runMeans(small, pool);
        // As the browser runs it: on the pool runMeans set up.
        const full = await runPlan(small, pool, { rows: false, pixels: true, pixelRho: true }, () => {}, undefined, { initialised: true });
        const maps = full.maps!;
        expect(means.index.length).toBe(full.summary.pixels.included);
        expect(means.index.length).toBeGreaterThan(0);
        expect(bytes(means.index).equals(bytes(maps.index))).toBe(true);
        expect(bytes(means.zone).equals(bytes(maps.zone))).toBe(true);
        expect(bytes(means.mean).equals(bytes(maps.mean))).toBe(true);
        // Initialised by runMeans: the numbers of a run of its own.
        const usual = await runPlan(small, pool, { rows: false, pixels: true, pixelRho: true });
        expect(full.summary).toEqual(usual.summary);
        for (const k of ['index', 'zone', 'mean', 'slope', 'p', 'cls', 'nep'] as const) expect(bytes(maps[k]).equals(bytes(usual.maps![k]))).toBe(true);
        for (const k of ['npp', 'rh'] as const) {
          expect(maps[k] === null).toBe(usual.maps![k] === null);
          if (maps[k]) expect(bytes(maps[k]!).equals(bytes(usual.maps![k]!)), k).toBe(true);
        }
        for (const part of ['climate', 'rho'] as const) {
          expect(Object.keys(maps[part]).sort()).toEqual(Object.keys(usual.maps![part]).sort());
          for (const [v, a] of Object.entries(maps[part])) expect(bytes(a!).equals(bytes(usual.maps![part][v as keyof typeof maps.climate]!)), `${part}.${v}`).toBe(true);
        }
      } finally {
        pool.terminate();
      }
    }, 60_000);
  }

  it('blocks handed out largest first (weights) give the same numbers, merged in block order', async () => {
    const dir = join(root, 'sinusoidal-int16');
    const { plan } = await prepareDataset({ manifestText: readFileSync(join(dir, 'dataset.json'), 'utf8'), manifestName: 'dataset.json', resolve: (p) => join(dir, p), slug: 'x' });
    // Many blocks, the first the lightest: handed out last, it would hold up the merge for ever.
    const small = { ...plan, blockRows: Math.max(1, Math.floor(plan.grid.height / 12)) };
    const pool = createNodePool(2);
    try {
      const wants = { rows: false, pixels: true, pixelRho: true };
      const usual = await runPlan(small, pool, wants);
      const weights = Array.from({ length: 13 }, (_, b) => b);
      const seen: number[] = [];
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the run never ended')), 20_000));
      const sorted = await Promise.race([runPlan(small, pool, wants, (p) => { const m = /rows (\d+)/.exec(p.stage); if (m) seen.push(Number(m[1])); }, undefined, { weights }), timeout]);
      expect(sorted.summary).toEqual(usual.summary);
      for (const k of ['index', 'zone', 'mean', 'slope', 'p', 'cls', 'nep'] as const) expect(bytes(sorted.maps![k]).equals(bytes(usual.maps![k]))).toBe(true);
      expect(seen).toEqual([...seen].sort((a, b) => a - b)); // merged in block order
    } finally {
      pool.terminate();
    }
  }, 60_000);
});
