/**
 * Runs `npm run analyze`'s entry point (scripts/analyze.mjs: the esbuild bundle of
 * src/cli/analyze.ts, rebuilt when a source changed) as a child process, the way a user does.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../..');

export interface CliRun {
  code: number | null;
  stderr: string;
  stdout: string;
  out: string;
  summary: any;
}

export function runAnalyze(manifest: string, extra: string[] = [], out = mkdtempSync(join(tmpdir(), 'nep-cli-'))): CliRun {
  const r = spawnSync(process.execPath, [join(repoRoot, 'scripts/analyze.mjs'), manifest, '--out', out, ...extra], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 300_000,
  });
  const sp = join(out, 'summary.json');
  return {
    code: r.status,
    stderr: r.stderr,
    stdout: r.stdout,
    out,
    summary: existsSync(sp) ? JSON.parse(readFileSync(sp, 'utf8')) : null,
  };
}
