import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { unzip, type FileData } from './zip';
import { readBytes, readText } from './readFile';

// Archives made by Python's zipfile: test/fixtures/zip/make_zips.py.
const bytes = (n: string) => new Uint8Array(readFileSync(`test/fixtures/zip/${n}.zip`));
const fixture = (n: string) => new Blob([bytes(n)]);
const tif = new Uint8Array(10240).map((_, i) => i % 256); // bytes(range(256)) * 40
const size = (f: FileData) => (f instanceof Uint8Array ? f.length : f.size);

describe('unzip', () => {
  for (const [kind, open] of [['a Blob', fixture], ['bytes in memory', bytes]] as const) {
    it(`lists the files of a stored archive (folders left out) with their bytes, from ${kind}`, async () => {
      const entries = await unzip(open('stored'), 'stored.zip');
      expect(entries.map((e) => e.path)).toEqual(['park/dataset.json', 'park/npp/npp_2000.tif', 'park/empty.txt']);
      expect(await readText(entries[0].file, 'dataset.json')).toBe('{"name": "park"}\n');
      expect(new Uint8Array(await readBytes(entries[1].file, 'npp_2000.tif'))).toEqual(tif);
      expect(size(entries[2].file)).toBe(0);
    });

    it(`inflates deflated entries, and reads UTF-8 names and extra fields, from ${kind}`, async () => {
      const entries = await unzip(open('deflated'), 'deflated.zip');
      expect(entries.map((e) => e.path)).toEqual(['park/dataset.json', 'park/npp/npp_2000.tif', 'park/empty.txt', 'park/zones_祁连.geojson']);
      expect(new Uint8Array(await readBytes(entries[1].file, 'npp_2000.tif'))).toEqual(tif);
      expect(await readText(entries[3].file, 'zones.geojson')).toBe('{"type": "FeatureCollection", "features": []}');
    });

    it(`names the archive and the problem for what it cannot read, from ${kind}`, async () => {
      const asKind = async (b: Blob) => (open === bytes ? new Uint8Array(await b.arrayBuffer()) : b);
      await expect(unzip(open('bzip2'), 'b.zip')).rejects.toThrow('b.zip: park/dataset.json: compressed with ZIP method 12: only stored and deflated entries can be read');
      await expect(unzip(open('truncated'), 't.zip')).rejects.toThrow('t.zip: not a ZIP archive (no end of central directory)');
      await expect(unzip(await asKind(new Blob(['II*\0 not a zip at all, just some bytes'])), 'x.zip')).rejects.toThrow('x.zip: not a ZIP archive');
      await expect(unzip(await asKind(new Blob(['PK'])), 'y.zip')).rejects.toThrow('y.zip: not a ZIP archive (too short)');
    });
  }

  it("gives a stored entry of an archive in memory as a view of the archive's bytes (nothing copied)", async () => {
    const zip = bytes('stored');
    const entries = await unzip(zip, 'stored.zip');
    const npp = entries[1].file as Uint8Array;
    expect(npp).toBeInstanceOf(Uint8Array);
    expect(npp.buffer).toBe(zip.buffer);
    expect(npp).toEqual(tif);
    // a view of a larger buffer (the archive not at its start) reads the same
    const padded = new Uint8Array(zip.length + 7);
    padded.set(zip, 7);
    const again = await unzip(padded.subarray(7), 'stored.zip');
    expect(again.map((e) => e.path)).toEqual(entries.map((e) => e.path));
    expect(again[1].file).toEqual(tif);
    expect((again[1].file as Uint8Array).buffer).toBe(padded.buffer);
  });

  it('reads a small Blob archive once and gives its entries as bytes', async () => {
    const entries = await unzip(fixture('stored'), 'stored.zip');
    expect(entries[1].file).toBeInstanceOf(Uint8Array);
    const deflated = await unzip(fixture('deflated'), 'deflated.zip');
    expect(deflated[1].file).toBeInstanceOf(Uint8Array);
  });
});
