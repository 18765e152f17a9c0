import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRaster, parseGdalNoData } from './raster';
import { isDatasetError } from './errors';
import { expected, fixture, hawaiiDir, nanOf } from './rasterFixtures';

function sameValues(got: ArrayLike<number>, want: (number | null)[]): void {
  expect(got.length).toBe(want.length);
  let bad = 0;
  for (let i = 0; i < want.length; i++) {
    const w = nanOf(want[i]);
    if (!(Object.is(got[i], w) || (Number.isNaN(w) && Number.isNaN(got[i])) || got[i] === w)) bad++;
  }
  expect(bad).toBe(0);
}

async function problemOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(isDatasetError(e)).toBe(true);
    return (e as Error).message;
  }
  throw new Error('expected a DatasetError');
}

describe('openRaster: every dtype, compression, predictor, tiled and stripped (vs GDAL ReadAsArray)', () => {
  const W: number = expected.width;
  const H: number = expected.height;
  for (const f of expected.files as { file: string; dtype: string }[]) {
    it(f.file, async () => {
      const r = await openRaster(fixture(f.file), f.file);
      expect(r.dtype).toBe(f.dtype);
      expect(r.grid.width).toBe(W);
      expect(r.grid.height).toBe(H);
      expect(r.grid.geoTransform).toEqual(expected.geoTransform);
      expect(r.grid.crs.epsg).toBe(4326);
      const want = expected.values[f.dtype] as (number | null)[];
      sameValues(await r.readRows(0, H), want);
      // a window across tile/strip boundaries
      sameValues(await r.readRows(7, 19), want.slice(7 * W, 19 * W));
      expect((await r.readRows(5, 5)).length).toBe(0);
      r.close();
    });
  }
});

describe('openRaster: inputs other than a path', () => {
  it('reads an ArrayBuffer, a Blob and a file: URL the same as the path', async () => {
    const f = 'int16_zstd_p2_tiled.tif';
    const bytes = readFileSync(fixture(f));
    const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const want = expected.values.int16;
    for (const input of [ab, new Blob([bytes]), new URL(`file://${fixture(f)}`)]) {
      const r = await openRaster(input, f);
      sameValues(await r.readRows(0, r.grid.height), want);
      r.close();
    }
  });

  it('reads bytes lying inside a larger buffer (an entry of a ZIP held whole), and nothing past them', async () => {
    const f = 'int16_zstd_p2_tiled.tif';
    const bytes = readFileSync(fixture(f));
    // The file between 1000 bytes of something else on either side.
    const archive = new Uint8Array(bytes.length + 2000).fill(0x49);
    archive.set(bytes, 1000);
    const r = await openRaster(archive.subarray(1000, 1000 + bytes.length), f);
    sameValues(await r.readRows(0, r.grid.height), expected.values.int16);
    r.close();
    // A file cut short inside the archive is truncated, though bytes follow it in the buffer.
    const cut = archive.subarray(1000, 1000 + bytes.length - 200);
    const problem = await problemOf(openRaster(cut, f).then((c) => c.readRows(0, c.grid.height)));
    expect(problem).toMatch(/^int16_zstd_p2_tiled\.tif: (damaged or )?truncated/);
  });
});

describe('openRaster: GDAL_NODATA', () => {
  for (const f of expected.nodataFiles as { file: string; noData: number | null; values: (number | null)[] }[]) {
    it(f.file, async () => {
      const r = await openRaster(fixture(f.file), f.file);
      const want = nanOf(f.noData);
      if (Number.isNaN(want)) expect(r.noData).toBeNaN();
      else if (r.dtype === 'float32') expect(Math.fround(r.noData as number)).toBe(want); // GDAL reports it cast to float
      else expect(r.noData).toBe(want);
      sameValues(await r.readRows(0, 2), f.values);
    });
  }
  it('parses GDAL_NODATA strings', () => {
    expect(parseGdalNoData('-9999\0')).toBe(-9999);
    expect(parseGdalNoData('nan')).toBeNaN();
    expect(parseGdalNoData('-3.4028234663852886e+38')).toBe(-3.4028234663852886e38);
    expect(parseGdalNoData('-inf')).toBe(-Infinity);
    expect(parseGdalNoData('')).toBeNull();
    expect(parseGdalNoData(undefined)).toBeNull();
  });
});

describe('openRaster: bad input gives one DatasetError naming the file', () => {
  it('non-TIFF', async () => {
    expect(await problemOf(openRaster(fixture('not_a_tiff.tif'), 'a.tif'))).toBe('a.tif: not a TIFF file');
  });
  it('missing file', async () => {
    expect(await problemOf(openRaster(fixture('nope.tif'), 'nope.tif'))).toBe('nope.tif: file not found');
  });
  it('truncated in the header', async () => {
    expect(await problemOf(openRaster(fixture('truncated_header.tif'), 't.tif'))).toMatch(/^t\.tif: truncated file/);
  });
  it('truncated in the tile data (path and ArrayBuffer)', async () => {
    expect(await problemOf(openRaster(fixture('truncated_tiles.tif'), 't.tif'))).toMatch(/^t\.tif: truncated file/);
    const b = readFileSync(fixture('truncated_tiles.tif'));
    expect(await problemOf(openRaster(new Uint8Array(b).buffer, 't.tif'))).toMatch(/^t\.tif: truncated file/);
  });
  it('corrupt compressed data fails on read with a DatasetError', async () => {
    const f = 'float32_deflate_p1_tiled.tif';
    const b = new Uint8Array(readFileSync(fixture(f)));
    const probe = await openRaster(b.slice().buffer, f);
    probe.close();
    // overwrite the zlib header of every tile (the bytes after 'x' 0x78 at tile starts): find them via the file itself
    for (let i = 0; i + 1 < b.length; i++) if (b[i] === 0x78 && (b[i + 1] === 0x01 || b[i + 1] === 0x5e || b[i + 1] === 0x9c || b[i + 1] === 0xda)) b[i] = 0x00;
    const r = await openRaster(b.buffer, f);
    expect(await problemOf(r.readRows(0, r.grid.height))).toMatch(/^float32_deflate_p1_tiled\.tif: damaged or truncated file/);
  });
  it('TIFF without georeferencing', async () => {
    expect(await problemOf(openRaster(fixture('no_georef.tif'), 'n.tif'))).toMatch(/^n\.tif: not georeferenced/);
  });
  it('empty file', async () => {
    expect(await problemOf(openRaster(new ArrayBuffer(0), 'e.tif'))).toBe('e.tif: empty file');
  });
  it('a directory', async () => {
    expect(await problemOf(openRaster(path.dirname(fixture('x')), 'd'))).toBe('d: is a directory, not a file');
  });
});

describe('real MOD17 files (Hawaii, Float32 LZW tiled EPSG:4326, NaN ocean) vs GDAL', () => {
  for (const h of expected.hawaii as {
    file: string; width: number; height: number; geoTransform: number[]; finiteCount: number; finiteSum: number;
    rowFiniteCounts: number[]; pixels: { row: number; col: number; value: number | null }[];
  }[]) {
    it(h.file, async () => {
      const r = await openRaster(path.join(hawaiiDir, h.file), h.file);
      expect([r.grid.width, r.grid.height]).toEqual([h.width, h.height]);
      expect(r.grid.geoTransform).toEqual(h.geoTransform);
      expect(r.grid.crs.epsg).toBe(4326);
      expect(r.dtype).toBe('float32');
      expect(r.noData).toBeNull();
      // read in uneven blocks, as the engine does
      let count = 0;
      let sum = 0;
      const rowCounts: number[] = [];
      const all = new Float32Array(h.width * h.height);
      for (let y0 = 0; y0 < h.height; y0 += 100) {
        const y1 = Math.min(h.height, y0 + 100);
        const a = await r.readRows(y0, y1);
        all.set(a, y0 * h.width);
      }
      for (let y = 0; y < h.height; y++) {
        let rc = 0;
        for (let x = 0; x < h.width; x++) {
          const v = all[y * h.width + x];
          if (Number.isFinite(v)) { count++; rc++; sum += v; }
        }
        if (y % 50 === 0) rowCounts.push(rc);
      }
      expect(count).toBe(h.finiteCount);
      expect(sum).toBe(h.finiteSum); // integers stored as float: the double sum is exact
      expect(rowCounts).toEqual(h.rowFiniteCounts);
      for (const p of h.pixels) {
        const v = all[p.row * h.width + p.col];
        if (p.value === null) expect(v).toBeNaN();
        else expect(v).toBe(p.value);
      }
      r.close();
    });
  }
});
