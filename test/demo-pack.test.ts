import { readBytes, readText } from '../src/io/readFile';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipFolder } from '../scripts/demo-pack';
import { unzip } from '../src/io/zip';

const folder = 'public/data/qilian';

describe('the demo as one ZIP (scripts/demo-pack.ts)', () => {
  const zip = zipFolder(folder, 'qilian');

  it("is a ZIP that Python's zipfile reads and checks (CRCs), holding every file of the folder", () => {
    const dir = mkdtempSync(join(tmpdir(), 'nep-pack-'));
    const path = join(dir, 'qilian.zip');
    writeFileSync(path, zip);
    const py = spawnSync('python3', ['-c', `
import hashlib, json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
bad = z.testzip()
print(json.dumps({"bad": bad, "entries": [[i.filename, i.compress_type, hashlib.sha256(z.read(i)).hexdigest()] for i in z.infolist()]}))
`, path], { encoding: 'utf8' });
    expect(py.stderr).toBe('');
    const out = JSON.parse(py.stdout) as { bad: string | null; entries: [string, number, string][] };
    expect(out.bad).toBeNull();
    const names = out.entries.map((e) => e[0]);
    expect(names[0]).toBe('qilian/dataset.json');
    expect(names).toContain('qilian/npp/npp_2022.tif');
    expect(names).toContain('qilian/climate/ssd_2000.tif');
    expect(names.length).toBe(2 * 1 + 1 + 23 * 5); // dataset.json, zones, boundary, 5 layers × 23 years
    for (const [name, method, sha] of out.entries) {
      expect(method).toBe(0); // stored
      expect(sha).toBe(createHash('sha256').update(readFileSync(join(folder, name.slice('qilian/'.length)))).digest('hex'));
    }
  });

  it('is read by the app (src/io/zip.ts) entry for entry, and is the same bytes each time', async () => {
    const entries = await unzip(new Blob([new Uint8Array(zip)]), 'qilian.zip');
    const manifest = entries.find((e) => e.path === 'qilian/dataset.json')!;
    expect(await readText(manifest.file, 'dataset.json')).toBe(readFileSync(join(folder, 'dataset.json'), 'utf8'));
    const npp = entries.find((e) => e.path === 'qilian/npp/npp_2000.tif')!;
    expect(Buffer.from(await readBytes(npp.file, 'npp_2000.tif')).equals(readFileSync(join(folder, 'npp/npp_2000.tif')))).toBe(true);
    expect(zipFolder(folder, 'qilian').equals(zip)).toBe(true);
  });
});
