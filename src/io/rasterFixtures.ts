/** Test helpers: paths of the io fixtures (made by test/fixtures/io/make_fixtures.py) and its expected.json. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixtureDir = path.join(repoRoot, 'test/fixtures/io');
export const fixture = (f: string): string => path.join(fixtureDir, f);
export const hawaiiDir = path.resolve(repoRoot, '../shared/data/real/mod17-hawaii');

/** JSON null -> NaN (the fixture script writes NaN as null). */
export const nanOf = (v: number | null): number => (v === null ? NaN : v);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const expected: any = JSON.parse(readFileSync(fixture('expected.json'), 'utf8'));
