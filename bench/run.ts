/**
 * npm run bench [-- --size 1000 --runs 1 --baseline PATH --workers N]
 *
 * The speed comparison of the issue: on a 1000 × 1000 px, 23-year dataset (Int16 NPP, four
 * Float32 climate variables, DEFLATE COGs) run ../shared/bench/numpy_baseline.py and
 * `npm run analyze -- <dataset.json> --out <dir>` one after the other, each under
 * /usr/bin/time -v, and print both wall times, both peak memories and the ratios; then check
 * that the whole-region mean NEP and slope agree to 1e-6 (relative).
 *
 * - The dataset is made once by bench/make_dataset.py into .bench/qilian-<size>/ (gitignored).
 * - Before timing, every dataset file is read once, so neither side pays for a cold disk cache.
 * - With --runs N, the pair (baseline, then analyze) is run N times; each side's fastest run
 *   is reported (its time and its peak). Default: one run each.
 * - Peak memory is time -v's "Maximum resident set size" (the largest single process); the
 *   summed RSS of the whole process tree, sampled every 25 ms, is printed beside it.
 * Results also go to .bench/last-results.json.
 */
import { cpus, loadavg } from 'node:os';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, type Measured } from './measure';
import { compareExtra, compareRequired, type Difference } from './compare';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TOLERANCE = 1e-6;

function option(name: string, fallback: string): string {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(`--${name}`);
  if (i >= 0 && i + 1 < argv.length) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  return eq ? eq.slice(name.length + 3) : fallback;
}

const size = Number(option('size', '1000'));
const runs = Math.max(1, Number(option('runs', '1')));
const workers = option('workers', '');
const baseline = resolve(root, option('baseline', process.env.NEP_BASELINE ?? '../shared/bench/numpy_baseline.py'));
const python = '/usr/bin/python3';
const benchDir = join(root, '.bench');
const dataset = join(benchDir, `qilian-${size}`);
const manifest = join(dataset, 'dataset.json');

const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
const sec = (s: number) => `${s.toFixed(2)} s`;

function readAll(dir: string): number {
  let bytes = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) bytes += readAll(p);
    else bytes += readFileSync(p).length;
  }
  return bytes;
}

function fail(msg: string): never {
  console.error(`bench: ${msg}`);
  process.exit(1);
}

async function main() {
  if (!existsSync('/usr/bin/time')) fail('/usr/bin/time (GNU time) is needed: apt-get install time');
  if (!existsSync(baseline)) fail(`baseline not found: ${baseline}`);

  if (!existsSync(manifest)) {
    console.log(`Making the dataset (${size} × ${size} px, 2000–2022) in ${dataset} …`);
    rmSync(dataset, { recursive: true, force: true });
    mkdirSync(benchDir, { recursive: true });
    const r = spawnSync(python, [join(root, 'bench/make_dataset.py'), dataset, '--size', String(size)], { stdio: 'inherit' });
    if (r.status !== 0 || !existsSync(manifest)) fail('bench/make_dataset.py failed');
  }
  const bytes = readAll(dataset);
  console.log(`Dataset: ${manifest} (${(bytes / 1e6).toFixed(1)} MB, read once to warm the page cache)`);

  const haveAnalyze = existsSync(join(root, 'src/cli/analyze.ts'));
  if (!haveAnalyze) console.log('analyze is missing (src/cli/analyze.ts does not exist yet): timing the baseline alone');

  const outBase = join(benchDir, 'out', 'baseline');
  const outOurs = join(benchDir, 'out', 'analyze');
  const load = () => {
    const l = loadavg()[0];
    const n = cpus().length;
    return `load average ${l.toFixed(2)} on ${n} cores${l > n * 0.5 ? ' — WARNING: the machine is busy, times are not reliable' : ''}`;
  };
  const baseRuns: Measured[] = [];
  const ourRuns: Measured[] = [];
  for (let k = 0; k < runs; k++) {
    const tag = runs > 1 ? ` (run ${k + 1}/${runs})` : '';
    rmSync(outBase, { recursive: true, force: true });
    console.log(`Running the numpy baseline${tag} (${load()}) …`);
    const b = await measure(python, [baseline, dataset, outBase], { cwd: root });
    if (b.exitCode !== 0) fail(`the baseline failed (exit ${b.exitCode}):\n${b.stderrTail}`);
    console.log(`  ${sec(b.wallSeconds)}, peak ${mb(b.maxRssKb)} (process tree ${mb(b.treePeakKb)})`);
    baseRuns.push(b);
    if (!haveAnalyze) continue;
    rmSync(outOurs, { recursive: true, force: true });
    console.log(`Running npm run analyze${tag} (${load()}) …`);
    const args = ['run', '--silent', 'analyze', '--', manifest, '--out', outOurs, ...(workers ? ['--workers', workers] : [])];
    const a = await measure('npm', args, { cwd: root });
    if (a.exitCode !== 0) fail(`npm run analyze failed (exit ${a.exitCode}):\n${a.stderrTail}`);
    console.log(`  ${sec(a.wallSeconds)}, peak ${mb(a.maxRssKb)} (process tree ${mb(a.treePeakKb)})`);
    ourRuns.push(a);
  }

  const best = (list: Measured[]) => list.reduce((x, y) => (y.wallSeconds < x.wallSeconds ? y : x));
  const b = best(baseRuns);
  const summaryBase = join(outBase, 'summary.json');
  if (!existsSync(summaryBase)) fail(`the baseline wrote no ${summaryBase}`);
  const result: Record<string, unknown> = {
    date: new Date().toISOString(),
    loadAverageAtEnd: loadavg()[0],
    dataset: manifest,
    runs,
    baseline: { wallSeconds: b.wallSeconds, maxRssKb: b.maxRssKb, treePeakKb: b.treePeakKb },
  };

  console.log('');
  console.log(`                 wall time    peak RSS (time -v)   process tree`);
  console.log(`numpy baseline   ${sec(b.wallSeconds).padStart(9)}    ${mb(b.maxRssKb).padStart(9)}            ${mb(b.treePeakKb).padStart(9)}`);
  let ok = true;
  if (ourRuns.length) {
    const a = best(ourRuns);
    console.log(`npm run analyze  ${sec(a.wallSeconds).padStart(9)}    ${mb(a.maxRssKb).padStart(9)}            ${mb(a.treePeakKb).padStart(9)}`);
    const speedup = b.wallSeconds / a.wallSeconds;
    const memRatio = a.maxRssKb / b.maxRssKb;
    console.log('');
    console.log(`speed-up: ${speedup.toFixed(2)}× (baseline time / analyze time; target ≥ 2×: ${speedup >= 2 ? 'met' : 'NOT met'})`);
    console.log(`peak memory: analyze uses ${(memRatio * 100).toFixed(0)}% of the baseline's (target < 100%: ${memRatio < 1 ? 'met' : 'NOT met'})`);
    result.analyze = { wallSeconds: a.wallSeconds, maxRssKb: a.maxRssKb, treePeakKb: a.treePeakKb };
    result.speedup = speedup;
    result.memoryRatio = memRatio;

    const summaryOurs = join(outOurs, 'summary.json');
    if (!existsSync(summaryOurs)) fail(`npm run analyze wrote no ${summaryOurs}`);
    const ours = JSON.parse(readFileSync(summaryOurs, 'utf8'));
    const theirs = JSON.parse(readFileSync(summaryBase, 'utf8'));
    const show = (d: Difference, limit: number | null) => {
      const bad = limit !== null && !(d.relative <= limit);
      if (bad) ok = false;
      console.log(`  ${bad ? 'WARNING ' : ''}${d.what}: ours ${d.ours}, baseline ${d.theirs}, difference ${d.relative.toExponential(2)}`);
    };
    console.log('');
    console.log(`Agreement with the baseline (must be ≤ ${TOLERANCE} relative):`);
    const required = compareRequired(ours, theirs);
    required.forEach((d) => show(d, TOLERANCE));
    if (!ok) console.log('WARNING: analyze and the baseline disagree on the whole-region mean NEP or slope');
    console.log('Other numbers both write (for information):');
    compareExtra(ours, theirs).forEach((d) => show(d, null));
    result.required = required;
    for (const dir of [outBase, outOurs]) {
      const missing = ['nep_mean.tif', 'nep_slope.tif', 'nep_p.tif', 'trend_class.tif'].filter((f) => !existsSync(join(dir, f)));
      if (missing.length) console.log(`WARNING: ${dir} lacks ${missing.join(', ')}`);
    }
  }
  writeFileSync(join(benchDir, 'last-results.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(`\n(results in ${join(benchDir, 'last-results.json')})`);
  if (!ok) process.exitCode = 1;
}

main().catch((e) => fail((e as Error)?.stack ?? String(e)));
