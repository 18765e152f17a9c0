import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { unzip } from '../../io/zip';
import { createFileKeeper, keptFiles, withInMemoryFiles } from './inMemoryFiles';
import type { DatasetPlan, LayerPlan } from '../plan';

// test/fixtures/zip/make_zips.py: stored.zip holds park/npp/npp_2000.tif, bytes(range(256)) * 40.
const tif = new Uint8Array(10240).map((_, i) => i % 256);

const layer = (files: LayerPlan['files']): LayerPlan => ({ files, names: files.map((_, i) => `f${i}`), spec: { path: 'x' } as LayerPlan['spec'], resample: files.map(() => false) });
const planOf = (npp: LayerPlan, temperature: LayerPlan | null): DatasetPlan =>
  ({ name: 'p', slug: 'p', npp, nep: null, climateRasters: temperature ? { temperature } : {}, zoneRaster: null }) as unknown as DatasetPlan;

describe('withInMemoryFiles', () => {
  it("gives a worker the bytes of a ZIP's entries held in memory, as views of one copy of the archive to transfer", async () => {
    const zip = readFileSync('test/fixtures/zip/stored.zip');
    const entries = await unzip(new Blob([zip]), 'stored.zip');
    const entry = entries.find((e) => e.path === 'park/npp/npp_2000.tif')!.file;
    const json = entries.find((e) => e.path === 'park/dataset.json')!.file;
    const picked = new Blob([tif]); // a file picked by the user: not in memory here, stays a Blob
    expect(entry).toBeInstanceOf(Uint8Array);
    const plan = planOf(layer([entry, 'https://example.org/npp_2001.tif', json]), layer([picked]));
    const { plan: out, transfer } = withInMemoryFiles(plan);
    const [a, url, b] = out.npp!.files as [Uint8Array, string, Uint8Array];
    expect(a).toBeInstanceOf(Uint8Array);
    expect(a).toEqual(tif);
    expect(new TextDecoder().decode(b)).toBe('{"name": "park"}\n');
    expect(url).toBe('https://example.org/npp_2001.tif');
    expect(out.climateRasters.temperature!.files[0]).toBe(picked);
    // one buffer to transfer: the whole archive, which both entries are views of
    expect(transfer.length).toBe(1);
    expect(a.buffer).toBe(transfer[0]);
    expect(b.buffer).toBe(transfer[0]);
    expect(Buffer.from(transfer[0]).equals(zip)).toBe(true);
    // the page's own plan keeps its views
    expect(plan.npp!.files[0]).toBe(entry);
    // each call copies (one copy a worker: the buffers are transferred away)
    expect(withInMemoryFiles(plan).transfer[0]).not.toBe(transfer[0]);
  });

  it('copies a file alone when the plan takes a small part of its archive', async () => {
    const entries = await unzip(new Blob([readFileSync('test/fixtures/zip/stored.zip')]), 'stored.zip');
    const json = entries.find((e) => e.path === 'park/dataset.json')!.file; // 17 bytes of a 10 KB archive
    const { plan: out, transfer } = withInMemoryFiles(planOf(layer([json]), null));
    const b = out.npp!.files[0] as Uint8Array;
    expect(new TextDecoder().decode(b)).toBe('{"name": "park"}\n');
    expect(transfer.length).toBe(1);
    expect(transfer[0].byteLength).toBe(b.length);
    expect(b.buffer).toBe(transfer[0]);
  });

  it('leaves a plan without such files as it is', () => {
    const plan = planOf(layer(['a.tif', new Blob(['x'])]), null);
    expect(withInMemoryFiles(plan)).toEqual({ plan, transfer: [] });
    expect(withInMemoryFiles(plan).plan).toBe(plan);
  });

  it("a worker keeps a dataset's bytes from its first plan for the later ones (same filesId), and forgets them for another", async () => {
    const entries = await unzip(new Blob([readFileSync('test/fixtures/zip/stored.zip')]), 'stored.zip');
    const entry = entries.find((e) => e.path === 'park/npp/npp_2000.tif')!.file;
    const picked = new Blob([tif]);
    const plan = { ...planOf(layer([entry, 'https://example.org/npp_2001.tif', picked]), null), filesId: 'a' };
    const keep = createFileKeeper();
    const first = keep(withInMemoryFiles(plan).plan);
    const bytes = first.npp!.files[0];
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes).toEqual(tif);
    // a later plan of the dataset comes without the bytes (keptFiles: nothing to copy): the kept ones take their place
    const slim = keptFiles({ ...plan, blockRows: 7 } as DatasetPlan);
    expect((slim.npp!.files[0] as Uint8Array).byteLength).toBe(0);
    expect(slim.npp!.files[2]).toBe(picked);
    const later = keep(slim);
    expect(later.npp!.files[0]).toBe(bytes);
    expect(later.npp!.files[1]).toBe('https://example.org/npp_2001.tif');
    expect(later.npp!.files[2]).toBe(picked);
    // another dataset: nothing kept applies
    const other = keep(keptFiles({ ...plan, filesId: 'b' }));
    expect((other.npp!.files[0] as Uint8Array).byteLength).toBe(0);
    // a plan without in-memory files is left as it is
    const plain = planOf(layer(['a.tif', picked]), null);
    expect(keptFiles(plain)).toBe(plain);
  });
});
