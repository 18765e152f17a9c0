/**
 * npm run analyze -- <dataset.json> --out <dir> [--method ols|sen-mk] [--workers N]
 * SPEC §4: summary.json and four COGs; progress on stderr; on bad input one line naming the file.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { parseArgs, UsageError, USAGE } from './args';
import { writeOutputs } from './writeOutputs';
import { checkAllYears, prepareDataset, sameResampling } from '../engine/prepare';
import type { Progress } from '../engine/types';
import { createNodePool } from '../engine/node/nodePool';
import { runPlan } from '../engine/run';
import { resolvePath } from '../io/paths';
import { isDatasetError } from '../io/errors';
import { createProgressLog } from './progressLog';

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) process.stderr.write(`analyze: ${e.message}\n`);
      process.stderr.write(`${USAGE}\n`);
      return e.message ? 2 : 0;
    }
    throw e;
  }
  const log = createProgressLog(process.stderr);
  const manifestPath = resolve(args.manifest);
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    process.stderr.write(`${args.manifest}: ${code === 'ENOENT' ? 'file not found' : `could not be read (${code})`}\n`);
    return 1;
  }
  const t0 = performance.now();
  const pool = createNodePool(args.workers ?? undefined);
  try {
    // The plan from the first year's files, so the workers start at once; the other years'
    // files are checked on this thread meanwhile. Their first problem (in manifest order) is
    // the error reported, whatever the workers ran into; and should a climate year need
    // resampling where the first did not, the computation runs again with the checked plan.
    const { plan: draft } = await prepareDataset(
      {
        manifestText: text,
        manifestName: args.manifest,
        resolve: (p) => resolvePath(manifestPath, p),
        slug: basename(dirname(manifestPath)),
      },
      { method: args.method ?? undefined, onProgress: (s, d, n) => log.progress(s, d, n), firstYearOnly: true },
    );
    const wants = { rows: true, pixels: false, pixelRho: false };
    const onProgress = (p: Progress) => log.progress(p.stage, p.done, p.total);
    const settle = <T>(p: Promise<T>) => p.then((value) => ({ value, error: null }), (error: unknown) => ({ value: null, error }));
    const speculative = settle(runPlan(draft, pool, wants, onProgress));
    const plan = await checkAllYears(draft);
    // A progress line (it starts like the others), so that bad input found while computing (no
    // pixel included) still leaves one line that is not progress: the one naming the file.
    log.line(`Computing ${plan.name}: ${plan.grid.width} × ${plan.grid.height} px, ${plan.years.length} years, ${plan.grid.crs.name}, ${pool.size} worker${pool.size > 1 ? 's' : ''}`);
    let run = await speculative;
    if (!sameResampling(plan, draft)) run = await settle(runPlan(plan, pool, wants, onProgress));
    if (run.error !== null) throw run.error;
    const { summary, rows } = run.value!;
    await writeOutputs(args.out, plan.grid, summary, rows!, (s) => log.line(s));
    log.line(`Done in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${summary.pixels.included} of ${summary.pixels.total} pixels included; wrote ${args.out}/summary.json`);
    return 0;
  } catch (e) {
    log.clear();
    if (isDatasetError(e)) process.stderr.write(`${e.message}\n`);
    else process.stderr.write(`analyze failed: ${(e as Error)?.stack ?? String(e)}\n`);
    return 1;
  } finally {
    pool.terminate();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`analyze failed: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(1);
  },
);
