/** The command line's arguments: `<dataset.json> --out <dir> [--method ols|sen-mk] [--workers N]`. */
import type { TrendMethod } from '../core/summary';

export interface CliArgs {
  manifest: string;
  out: string;
  method: TrendMethod | null;
  workers: number | null;
}

export const USAGE = 'usage: npm run analyze -- <dataset.json> --out <dir> [--method ols|sen-mk] [--workers N]';

export class UsageError extends Error {}

export function parseArgs(argv: string[]): CliArgs {
  let manifest: string | null = null;
  let out: string | null = null;
  let method: TrendMethod | null = null;
  let workers: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, null];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--out' || flag === '-o') out = value();
    else if (flag === '--method') {
      const v = value();
      if (v !== 'ols' && v !== 'sen-mk') throw new UsageError(`--method must be ols or sen-mk, got "${v}"`);
      method = v;
    } else if (flag === '--workers') {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 256) throw new UsageError(`--workers must be a whole number from 1 to 256, got "${v}"`);
      workers = n;
    } else if (flag === '--help' || flag === '-h') throw new UsageError('');
    else if (flag.startsWith('-')) throw new UsageError(`unknown option ${flag}`);
    else if (manifest === null) manifest = a;
    else throw new UsageError(`unexpected argument "${a}"`);
  }
  if (!manifest) throw new UsageError('the dataset manifest (dataset.json) is missing');
  if (!out) throw new UsageError('--out <dir> is missing');
  return { manifest, out, method, workers };
}
