import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from './args';

describe('parseArgs', () => {
  it('reads the manifest, --out, --method and --workers', () => {
    expect(parseArgs(['d/dataset.json', '--out', 'o', '--method', 'sen-mk', '--workers', '3'])).toEqual({
      manifest: 'd/dataset.json', out: 'o', method: 'sen-mk', workers: 3,
    });
    expect(parseArgs(['--out=o', 'x.json'])).toEqual({ manifest: 'x.json', out: 'o', method: null, workers: null });
  });
  it('refuses what it does not understand, in one line', () => {
    expect(() => parseArgs(['x.json'])).toThrow(/--out/);
    expect(() => parseArgs(['--out', 'o'])).toThrow(/manifest/);
    expect(() => parseArgs(['x.json', '--out', 'o', '--method', 'mk'])).toThrow(UsageError);
    expect(() => parseArgs(['x.json', '--out', 'o', '--workers', '0'])).toThrow(/workers/);
    expect(() => parseArgs(['x.json', '--out', 'o', '--frobnicate'])).toThrow(/unknown option --frobnicate/);
  });
});
