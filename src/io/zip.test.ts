import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { entryBytes, unzip } from './zip';
import { readBytes } from './readFile';

// Archives made by Python's zipfile: test/fixtures/zip/make_zips.py.
const fixture = (n: string) => new Blob([readFileSync(`test/fixtures/zip/${n}.zip`)]);
const tif = new Uint8Array(10240).map((_, i) => i % 256); // bytes(range(256)) * 40

describe('unzip', () => {
  it('lists the files of a stored archive (folders left out) as slices with their bytes', async () => {
    const zip = fixture('stored');
    const entries = await unzip(zip, 'stored.zip');
    expect(entries.map((e) => e.path)).toEqual(['park/dataset.json', 'park/npp/npp_2000.tif', 'park/empty.txt']);
    expect(await entries[0].file.text()).toBe('{"name": "park"}\n');
    expect(new Uint8Array(await entries[1].file.arrayBuffer())).toEqual(tif);
    expect(entries[2].file.size).toBe(0);
  });

  it('inflates deflated entries, and reads UTF-8 names and extra fields', async () => {
    const entries = await unzip(fixture('deflated'), 'deflated.zip');
    expect(entries.map((e) => e.path)).toEqual(['park/dataset.json', 'park/npp/npp_2000.tif', 'park/empty.txt', 'park/zones_祁连.geojson']);
    expect(new Uint8Array(await entries[1].file.arrayBuffer())).toEqual(tif);
    expect(await entries[3].file.text()).toBe('{"type": "FeatureCollection", "features": []}');
  });

  it('names the archive and the problem for what it cannot read', async () => {
    await expect(unzip(fixture('bzip2'), 'b.zip')).rejects.toThrow('b.zip: park/dataset.json: compressed with ZIP method 12: only stored and deflated entries can be read');
    await expect(unzip(fixture('truncated'), 't.zip')).rejects.toThrow('t.zip: not a ZIP archive (no end of central directory)');
    await expect(unzip(new Blob(['II*\0 not a zip at all, just some bytes']), 'x.zip')).rejects.toThrow('x.zip: not a ZIP archive');
    await expect(unzip(new Blob(['PK']), 'y.zip')).rejects.toThrow('y.zip: not a ZIP archive (too short)');
  });

  it('keeps the bytes of stored entries in memory for this thread (entryBytes); readers take them from there', async () => {
    const stored = await unzip(fixture('stored'), 'stored.zip');
    expect(entryBytes(stored[1].file)).toEqual(tif);
    expect(new Uint8Array(await readBytes(stored[1].file, 'npp_2000.tif'))).toEqual(tif);
    const deflated = await unzip(fixture('deflated'), 'deflated.zip');
    expect(entryBytes(deflated[1].file)).toBeNull(); // inflated into a Blob of its own
    expect(entryBytes(new Blob(['x']))).toBeNull();
  });
});
