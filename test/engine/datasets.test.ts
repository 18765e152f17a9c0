/**
 * `npm run analyze` on the oracle's datasets (test/fixtures/datasets, made and answered by
 * GDAL + numpy + scipy in test/oracle/nep_summary.py) must give the oracle's numbers, the same
 * numbers for any number of workers, and one clear line naming the file for broken input.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromArrayBuffer } from 'geotiff';
import { compareSummaries } from './compareSummary';
import { repoRoot, runAnalyze } from './runCli';

const root = join(repoRoot, 'test/fixtures/datasets');
const datasets = readdirSync(root).filter((d) => existsSync(join(root, d, 'expected/summary.json')));
const shared = existsSync(join(repoRoot, '../shared/data/real/mod17-hawaii'));

// Our NEP pipeline runs in float64 like numpy; the tolerance covers summation order only.
const TOL = { rel: 1e-9, abs: 1e-9 };
// Climate resampled to the analysis grid: GDAL's warper rounds each value to the band's Float32,
// we keep float64, so means differ by float32 rounding (~1e-9 relative, at most 6e-8).
const TOL_RESAMPLED = { rel: 1e-7, abs: 1e-9 };
const RESAMPLED = new Set(['sinusoidal-int16', 'sinusoidal-int16-senmk']);

async function readBand(path: string): Promise<Float64Array> {
  const buf = readFileSync(path);
  const tiff = await fromArrayBuffer(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const img = await tiff.getImage();
  const [band] = (await img.readRasters({ interleave: false })) as unknown as ArrayLike<number>[];
  return Float64Array.from(band);
}

describe('analyze matches the GDAL + numpy + scipy oracle', () => {
  it('has datasets to check', () => expect(datasets.length).toBeGreaterThanOrEqual(5));

  for (const name of datasets) {
    const needsShared = name === 'hawaii';
    it.runIf(!needsShared || shared)(name, async () => {
      const run = runAnalyze(join(root, name, 'dataset.json'), ['--workers', '2']);
      expect(run.stderr.split('\n').filter((l) => /failed|Error/.test(l))).toEqual([]);
      expect(run.code).toBe(0);
      const expected = JSON.parse(readFileSync(join(root, name, 'expected/summary.json'), 'utf8'));
      expect(compareSummaries(run.summary, expected, RESAMPLED.has(name) ? TOL_RESAMPLED : TOL)).toEqual([]);

      for (const r of ['nep_mean', 'nep_slope', 'nep_p', 'trend_class']) {
        const e = join(root, name, 'expected', `${r}.tif`);
        if (!existsSync(e)) continue;
        const [ours, theirs] = await Promise.all([readBand(join(run.out, `${r}.tif`)), readBand(e)]);
        expect(ours.length).toBe(theirs.length);
        let bad = 0;
        for (let i = 0; i < ours.length; i++) {
          const a = ours[i], b = theirs[i];
          if (Number.isNaN(b) ? !Number.isNaN(a) : !(Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b)))) bad++;
        }
        expect(bad, `${r}: pixels that differ`).toBe(0);
      }
    });
  }
});

describe('analyze gives the same numbers whatever --workers is', () => {
  it('1 and 3 workers write identical summaries and rasters', () => {
    const m = join(root, 'sinusoidal-int16/dataset.json');
    const a = runAnalyze(m, ['--workers', '1']);
    const b = runAnalyze(m, ['--workers', '3']);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(readFileSync(join(a.out, 'summary.json'), 'utf8')).toBe(readFileSync(join(b.out, 'summary.json'), 'utf8'));
    for (const r of ['nep_mean', 'nep_slope', 'nep_p', 'trend_class']) {
      expect(readFileSync(join(a.out, `${r}.tif`)).equals(readFileSync(join(b.out, `${r}.tif`)))).toBe(true);
    }
  });
});

describe('analyze on broken input: one line naming the file, no summary.json', () => {
  const broken = join(root, 'broken');
  for (const name of readdirSync(broken).filter((d) => existsSync(join(broken, d, 'expected.json')))) {
    it(name, () => {
      const want = JSON.parse(readFileSync(join(broken, name, 'expected.json'), 'utf8')) as { file: string; problem: string };
      const run = runAnalyze(join(broken, name, 'dataset.json'));
      expect(run.code).not.toBe(0);
      const lines = run.stderr.split('\n').filter((l) => l.trim() !== '' && !/^(Checking|Reading|Computing)/.test(l));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`${want.file}: `);
      expect(lines[0]).not.toMatch(/\bat .*\.ts:\d+/);
      expect(existsSync(join(run.out, 'summary.json'))).toBe(false);
      expect(readdirSync(run.out)).toEqual([]);
    });
  }
});
