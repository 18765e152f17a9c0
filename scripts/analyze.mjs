#!/usr/bin/env node
/**
 * `npm run analyze` → this launcher. It bundles the CLI (src/cli/analyze.ts) and the engine's
 * worker (src/engine/node/worker.ts) with esbuild into node_modules/.cache/nep-explorer/, then
 * runs the bundle in this same process with plain Node: no TypeScript loader in the main
 * thread or in the worker threads (tsx costs ~0.5 s of CPU per thread).
 *
 * The bundle is rebuilt when any file it was built from is newer than it, or is gone (esbuild's
 * metafile lists them). Builds go to a fresh folder that a small JSON pointer is then
 * atomically renamed onto, so concurrent runs never load a half-written bundle.
 * Packages from node_modules are bundled too: one parse instead of resolving and loading
 * dozens of files (a worker starts in ~50 ms instead of ~350 ms).
 *
 * `npx tsx src/cli/analyze.ts …` still works the same, without the bundle.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(root, 'node_modules/.cache/nep-explorer');
const pointer = join(cacheDir, 'current.json');
/** Bump when the build options below change. */
const BUILD_VERSION = 2;

function current() {
  try {
    const p = JSON.parse(readFileSync(pointer, 'utf8'));
    if (p.version !== BUILD_VERSION) return null;
    const dir = join(cacheDir, p.dir);
    if (!existsSync(join(dir, 'analyze.mjs')) || !existsSync(join(dir, 'engine-worker.mjs'))) return null;
    for (const f of p.inputs) {
      let m;
      try {
        m = statSync(join(root, f)).mtimeMs;
      } catch {
        return null;
      }
      if (m > p.builtFrom) return null;
    }
    return dir;
  } catch {
    return null;
  }
}

async function build() {
  const esbuild = await import('esbuild');
  mkdirSync(cacheDir, { recursive: true });
  const name = `b-${process.pid}-${Date.now()}`;
  const dir = join(cacheDir, name);
  // Sources edited during the build are caught next time: take the clock before reading them.
  const builtFrom = Date.now() - 1000;
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { analyze: 'src/cli/analyze.ts', 'engine-worker': 'src/engine/node/worker.ts' },
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'error',
    // Some dependencies are CommonJS: give the ESM bundle a require().
    banner: { js: "import { createRequire as __nepCreateRequire } from 'node:module'; const require = __nepCreateRequire(import.meta.url);" },
  });
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules/'));
  inputs.push(...['package.json', 'package-lock.json', 'scripts/analyze.mjs'].filter((f) => existsSync(join(root, f))));
  const tmp = `${pointer}.${process.pid}`;
  writeFileSync(tmp, JSON.stringify({ version: BUILD_VERSION, dir: name, builtFrom, inputs }));
  renameSync(tmp, pointer);
  // Old builds: those of more than an hour ago (a concurrent run may still be starting from a recent one).
  for (const d of readdirSync(cacheDir)) {
    if (d === name || !d.startsWith('b-')) continue;
    const t = Number(d.split('-')[2]);
    if (Number.isFinite(t) && Date.now() - t > 3600_000) rmSync(join(cacheDir, d), { recursive: true, force: true });
  }
  return dir;
}

let dir = current();
if (!dir) {
  try {
    dir = await build();
  } catch (e) {
    // No esbuild (or the cache folder is not writable): run the TypeScript sources with tsx.
    process.stderr.write(`analyze: could not bundle the CLI (${e?.message ?? e}); running it from source with tsx\n`);
  }
}
if (dir) {
  await import(pathToFileURL(join(dir, 'analyze.mjs')).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'src/cli/analyze.ts')).href);
}
