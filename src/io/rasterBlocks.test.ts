import { readFileSync } from 'node:fs';
import { GeoTIFFImage } from 'geotiff';
import { describe, expect, it, vi } from 'vitest';
import { neededTiles } from './rasterBlocks';
import { openRaster } from './raster';
import { expected, fixture, nanOf } from './rasterFixtures';

describe('neededTiles', () => {
  // 10 px wide, 4 × 4 tiles (3 across: columns 0–3, 4–7, 8–9), rows 2 … 9 (tile rows 0, 1, 2).
  const flags = (runs: number[], y0 = 2, y1 = 10) =>
    Array.from(neededTiles({ runs: Int32Array.from(runs), count: runs.length / 2 }, y0, y1, 10, 4, 4, 3));

  it('flags the tiles a run touches, and no other', () => {
    // row 2 (tile row 0), columns 5–8 → tiles 1 and 2
    expect(flags([5, 9])).toEqual([0, 1, 1, 0, 0, 0, 0, 0, 0]);
    // row 6 (index 40 from row 2 = tile row 1), columns 0–3 → tile 0
    expect(flags([40, 44])).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0]);
  });

  it('follows a run that wraps from one row to the next', () => {
    // from row 3 column 9 (index 19) to row 4 column 1 (index 21): tile row 0 tile 2, tile row 1 tile 0
    expect(flags([19, 22])).toEqual([0, 0, 1, 1, 0, 0, 0, 0, 0]);
    // within tile row 1: row 5 column 9 to row 6 column 1 → its tiles 2 and 0
    expect(flags([39, 42])).toEqual([0, 0, 0, 1, 0, 1, 0, 0, 0]);
    // a run over whole rows 8 and 9 (tile row 2) flags all three tiles there
    expect(flags([60, 80])).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1]);
  });

  it('ignores empty runs and counts only `count` runs', () => {
    expect(flags([3, 3])).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const r = neededTiles({ runs: Int32Array.from([0, 1, 60, 80]), count: 1 }, 2, 10, 10, 4, 4, 3);
    expect(Array.from(r)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('readRows with the pixels needed', () => {
  it('gives GDAL’s values at every pixel of the runs, in every dtype and layout', async () => {
    const W: number = expected.width;
    for (const f of expected.files as { file: string; dtype: string }[]) {
      const want = expected.values[f.dtype] as (number | null)[];
      const r = await openRaster(fixture(f.file), f.file);
      // rows 3 … 20: a few scattered runs, one wrapping a row end
      const y0 = 3, y1 = 21;
      const runs = Int32Array.from([2, 5, W - 2, W + 3, 6 * W + 20, 6 * W + 36, 15 * W + 30, 15 * W + 31]);
      const got = await r.readRows(y0, y1, { runs, count: runs.length / 2 });
      for (let q = 0; q < runs.length / 2; q++) {
        for (let k = runs[2 * q]; k < runs[2 * q + 1]; k++) {
          const w = nanOf(want[y0 * W + k]);
          expect(Number.isNaN(w) ? Number.isNaN(got[k]) : got[k] === w, `${f.file} pixel ${k}`).toBe(true);
        }
      }
      r.close();
    }
  });
});

describe('readRows of a file held in memory (tiles decoded from views of its bytes)', () => {
  it('gives GDAL’s values; DEFLATE tiles and strips (predictors 1, 2, 3) decoded without geotiff.js', async () => {
    const W: number = expected.width;
    const viaGeotiff = vi.spyOn(GeoTIFFImage.prototype, 'getTileOrStrip');
    try {
      for (const f of expected.files as { file: string; dtype: string }[]) {
        const want = expected.values[f.dtype] as (number | null)[];
        // The file inside a larger buffer, as a ZIP's entry is.
        const file = readFileSync(fixture(f.file));
        const held = new Uint8Array(file.length + 100);
        held.set(file, 37);
        const r = await openRaster(held.subarray(37, 37 + file.length), f.file);
        const y0 = 3, y1 = 21;
        const runs = Int32Array.from([0, W, W + 1, 18 * W - 1]); // every pixel of the rows but one
        const got = await r.readRows(y0, y1, { runs, count: 2 });
        for (let q = 0; q < 2; q++) {
          for (let k = runs[2 * q]; k < runs[2 * q + 1]; k++) {
            const w = nanOf(want[y0 * W + k]);
            expect(Number.isNaN(w) ? Number.isNaN(got[k]) : got[k] === w, `${f.file} pixel ${k}`).toBe(true);
          }
        }
        r.close();
        // LZW and ZSTD go through geotiff.js (their decoders do not decode from views)
        if (f.file.includes('deflate')) expect(viaGeotiff, f.file).not.toHaveBeenCalled();
        else expect(viaGeotiff, f.file).toHaveBeenCalled();
        viaGeotiff.mockClear();
      }
    } finally {
      viaGeotiff.mockRestore();
    }
  });
});
