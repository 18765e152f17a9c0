import { describe, expect, it } from 'vitest';
import { clearResampleCache, resampleSource, validValues } from './resample';
import { openRaster, type RasterSource } from './raster';
import { fixture } from './rasterFixtures';

async function compareWithGdal(srcFile: string, gdalFile: string) {
  const src = await openRaster(fixture(srcFile), srcFile);
  const ref = await openRaster(fixture(gdalFile), gdalFile);
  const rs = resampleSource(src, ref.grid);
  expect(rs).not.toBe(src);
  expect(rs.grid).toBe(ref.grid);
  const H = ref.grid.height;
  const want = await ref.readRows(0, H);
  // read in two uneven blocks, as the engine would
  const got = new Float32Array(want.length);
  got.set(await rs.readRows(0, 13), 0);
  got.set(await rs.readRows(13, H), 13 * ref.grid.width);
  let maxErr = 0;
  let nanMismatch = 0;
  let valid = 0;
  for (let i = 0; i < want.length; i++) {
    const a = got[i];
    const b = want[i];
    if (Number.isNaN(a) !== Number.isNaN(b)) nanMismatch++;
    else if (!Number.isNaN(a)) {
      valid++;
      maxErr = Math.max(maxErr, Math.abs(a - b));
    }
  }
  return { maxErr, nanMismatch, valid, total: want.length, src, rs };
}

describe('resampleSource: bilinear vs gdalwarp -r bilinear -et 0 (upsampling)', () => {
  // Tolerance: GDAL writes Float32, so its values carry float32 rounding (values ~0–30:
  // ~2e-6); PROJ and proj4js agree on the coordinates to < 1e-9 px, i.e. a value error of at
  // most gradient × 1e-9. 1e-4 leaves room for both, and is 1e4 × smaller than a wrong
  // neighbour or weight (the fields change by ~0.1–1 per source pixel).
  it('0.05° EPSG:4326 climate with NaN holes -> 463 m MODIS sinusoidal', async () => {
    const r = await compareWithGdal('resample_climate_4326.tif', 'resample_climate_sinu_gdal.tif');
    expect(r.nanMismatch).toBe(0);
    expect(r.valid).toBeGreaterThan(r.total / 2);
    expect(r.valid).toBeLessThan(r.total); // some target pixels fall outside the source or on holes
    expect(r.maxErr).toBeLessThan(1e-4);
  });
  it('1 km UTM 50N -> 0.004° EPSG:4326', async () => {
    const r = await compareWithGdal('resample_utm50.tif', 'resample_utm50_4326_gdal.tif');
    expect(r.nanMismatch).toBe(0);
    expect(r.valid).toBeGreaterThan(r.total / 2);
    expect(r.maxErr).toBeLessThan(1e-4);
  });
  it('0.072° EPSG:4326 Int16 with nodata holes -> 0.0045° EPSG:4326 (same CRS: per column and row)', async () => {
    // test/fixtures/io/make_resample_same_crs.py; GDAL's float32 output of values ~500–3200 carries ~2e-4 of rounding
    const r = await compareWithGdal('resample_coarse_4326.tif', 'resample_coarse_fine_gdal.tif');
    expect(r.nanMismatch).toBe(0);
    expect(r.valid).toBeGreaterThan(r.total * 0.8);
    expect(r.valid).toBeLessThan(r.total); // the columns west of the source, and the holes
    expect(r.maxErr).toBeLessThan(1e-3);
  });
  it('computes only the pixels of the runs asked for: the same values there as a full read', async () => {
    for (const [srcFile, gdalFile] of [['resample_coarse_4326.tif', 'resample_coarse_fine_gdal.tif'], ['resample_utm50.tif', 'resample_utm50_4326_gdal.tif']]) {
      const src = await openRaster(fixture(srcFile), srcFile);
      const ref = await openRaster(fixture(gdalFile), gdalFile);
      const rs = resampleSource(src, ref.grid);
      const W = ref.grid.width;
      const full = await rs.readRows(3, 11);
      // runs within a row, one across a row end, one of a single pixel
      const runs = new Int32Array([2, 9, W - 4, W + 6, 3 * W + 17, 3 * W + 18, 5 * W, 6 * W]);
      const part = await rs.readRows(3, 11, { runs, count: 4 });
      let checked = 0;
      for (let q = 0; q < 4; q++) {
        for (let k = runs[2 * q]; k < runs[2 * q + 1]; k++, checked++) expect(part[k]).toBe(full[k]);
      }
      expect(checked).toBe(7 + 10 + 1 + W);
      expect(part.length).toBe(full.length); // outside the runs: not computed (any value)
    }
  });
  it("the pixels of runs over whole rows, asked again with other runs of the same count: a full read's values bit for bit", async () => {
    // Same CRS (per column and row), with nodata holes (the neighbours' fallback) and columns off
    // the source (NaN).
    const src = await openRaster(fixture('resample_coarse_4326.tif'), 'coarse');
    const ref = await openRaster(fixture('resample_coarse_fine_gdal.tif'), 'fine');
    const rs = resampleSource(src, ref.grid);
    const W = ref.grid.width, H = ref.grid.height;
    const full = Float64Array.from(await rs.readRows(0, H));
    const same = (a: ArrayLike<number>, from: number, to: number) => {
      for (let k = from; k < to; k++) if (!Object.is(a[k], full[k])) return `pixel ${k}: ${a[k]} vs ${full[k]}`;
      return 'same';
    };
    const half = Math.floor(H / 2) * W + 7;
    expect(same(await rs.readRows(0, H, { runs: Int32Array.from([0, half]), count: 1 }), 0, half)).toBe('same');
    // same rows, same count, other runs
    expect(same(await rs.readRows(0, H, { runs: Int32Array.from([half, W * H]), count: 1 }), half, W * H)).toBe('same');
    // a second file on the same grids
    const rs2 = resampleSource(await openRaster(fixture('resample_coarse_4326.tif'), 'coarse again'), ref.grid);
    expect(same(await rs2.readRows(0, H, { runs: Int32Array.from([half, W * H]), count: 1 }), half, W * H)).toBe('same');
    expect(full.some((v) => Number.isNaN(v)) && full.some((v) => !Number.isNaN(v))).toBe(true);
  });
  it('gives the same values after the coordinate cache is cleared, and for a second source on the same grids', async () => {
    const r1 = await compareWithGdal('resample_utm50.tif', 'resample_utm50_4326_gdal.tif');
    const a = await r1.rs.readRows(5, 9);
    clearResampleCache();
    const b = await r1.rs.readRows(5, 9);
    expect(Array.from(b)).toEqual(Array.from(a));
  });
});

describe('resampleSource: other cases', () => {
  it('returns the source itself when it is on the target grid', async () => {
    const src = await openRaster(fixture('float32_deflate_p1_tiled.tif'), 'x');
    expect(resampleSource(src, { ...src.grid, geoTransform: [...src.grid.geoTransform] })).toBe(src);
  });
  it('same CRS, shifted grid: affine only; values are bilinear in stored units with nodata and valid excluded', async () => {
    // a 4 x 3 source built in memory: value = 10·col + row, one nodata pixel
    const grid = { width: 4, height: 3, geoTransform: [0, 1, 0, 3, 0, -1] as [number, number, number, number, number, number],
      crs: { proj4: '+proj=longlat +datum=WGS84 +no_defs', epsg: 4326, geographic: true, name: 'EPSG:4326', geoKeys: {} } };
    const data = new Int16Array([0, 10, 20, 30, 1, 11, -99, 31, 2, 12, 22, 32]);
    const src: RasterSource = {
      name: 'mem', grid, dtype: 'int16', noData: -99, blockHeight: 1,
      readRows: async (y0, y1) => data.slice(y0 * 4, y1 * 4), close: () => undefined,
    };
    // target: one row of 4 pixels of 0.25° × 0.5°, centres at x = 1.0, 1.25, 1.5, 1.75 and y = 1.5 (source row coordinate 1.5)
    const target = { ...grid, width: 4, height: 1, geoTransform: [0.875, 0.25, 0, 1.75, 0, -0.5] as typeof grid.geoTransform };
    const rs = resampleSource(src, target);
    const got = Array.from(await rs.readRows(0, 1));
    // centre x=1.0 -> px=0.5 (col 0 + 0.5 - 0.5 = 0.5, between col 0 and 1), py = 1.5 -> rows 1 and 2 at 0
    // so (x=1.0): px-0.5 = 0.5, py-0.5 = 1.0: cols 0,1 half each, row 1 weight 1 (row 2 weight 0): (1 + 11) / 2 = 6
    expect(got[0]).toBeCloseTo(6, 12);
    // (x=1.25): fx = 0.75: 0.25·1 + 0.75·11 = 8.5
    expect(got[1]).toBeCloseTo(8.5, 12);
    // (x=1.5): on the centre of col 1: 11
    expect(got[2]).toBeCloseTo(11, 12);
    // (x=1.75): cols 1 and 2 of row 1, weights 0.75 and 0.25: 11 and -99 (nodata) -> renormalized: 11
    expect(got[3]).toBeCloseTo(11, 12);
    // with valid [0, 10], 11 is invalid too. x=1.0 lies on the edge of cols 0|1 and GDAL takes
    // floor(px - 1e-10) = col 0 (valid, 1) as the pixel under it: value 1. From x=1.25 on, the
    // pixel under the centre (col 1) is invalid: NaN, as GDAL does, whatever the neighbours.
    const rv = resampleSource(src, target, { valid: [0, 10] });
    expect(Array.from(await rv.readRows(0, 1))).toEqual([1, NaN, NaN, NaN]);
  });
});

describe('validValues', () => {
  it("keeps each stored value as it is, NaN where the file's nodata, an extra nodata or the valid range excludes it", () => {
    // int16 (long enough for the applier's 16-bit table) and float32, nodata −9999 in the file
    const ints = Int16Array.from({ length: 20000 }, (_, i) => (i % 7 === 0 ? -9999 : (i % 300) - 20));
    const got = validValues(ints, 'int16', -9999, { nodata: 5, valid: [-10, 250] });
    for (let i = 0; i < ints.length; i++) {
      const r = ints[i];
      const ok = r !== -9999 && r !== 5 && r >= -10 && r <= 250;
      expect(Number.isNaN(got[i]) ? 'NaN' : got[i], `pixel ${i} (${r})`).toBe(ok ? r : 'NaN');
    }
    const floats = Float32Array.from([1.5, NaN, -9999, 3.25e-3, -2, 1e30]);
    expect(Array.from(validValues(floats, 'float32', -9999, { valid: [-1, 1e31] }))).toEqual([1.5, NaN, NaN, Math.fround(3.25e-3), NaN, Math.fround(1e30)]);
  });
});
