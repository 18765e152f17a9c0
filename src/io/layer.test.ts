import { describe, expect, it } from 'vitest';
import { applyLayer, effectiveNoData, layerApplier } from './layer';
import { openRaster, type RasterDtype } from './raster';
import { expected, fixture, nanOf } from './rasterFixtures';

const ARRAYS = {
  int8: Int8Array, uint8: Uint8Array, int16: Int16Array, uint16: Uint16Array,
  int32: Int32Array, uint32: Uint32Array, float32: Float32Array, float64: Float64Array,
} as const;

describe('applyLayer: nodata compared as GDAL does (vs GDAL 3.6 GetMaskBand)', () => {
  for (const c of expected.gdalMaskCases as { dtype: RasterDtype; noData: number | null; values: (number | null)[]; gdalMask: number[] }[]) {
    it(`${c.dtype} nodata ${c.noData ?? 'nan'}: ${c.values.map((v) => v ?? 'nan').join(', ')}`, () => {
      const raw = ARRAYS[c.dtype].from(c.values.map(nanOf));
      const out = new Float32Array(raw.length);
      applyLayer(raw, {}, nanOf(c.noData), c.dtype, out);
      // GDAL's mask: 0 = nodata, 255 = valid. GDAL leaves NaN valid when the nodata value is not
      // NaN; our rule (SPEC §2) makes NaN always invalid, so NaN pixels are expected invalid here.
      const want = c.gdalMask.map((m, i) => m === 255 && !Number.isNaN(nanOf(c.values[i])));
      expect(Array.from(out, (v) => !Number.isNaN(v))).toEqual(want);
    });
  }
  it('files with GDAL_NODATA nan, -3.4e38 and -9999 (openRaster + applyLayer vs GDAL mask)', async () => {
    for (const f of expected.nodataFiles as { file: string; values: (number | null)[]; gdalMask: number[] }[]) {
      const r = await openRaster(fixture(f.file), f.file);
      const raw = await r.readRows(0, r.grid.height);
      const out = new Float32Array(raw.length);
      applyLayer(raw, {}, r.noData, r.dtype, out);
      const want = f.gdalMask.map((m, i) => m === 255 && !Number.isNaN(nanOf(f.values[i])));
      expect(Array.from(out, (v) => !Number.isNaN(v)), f.file).toEqual(want);
      r.close();
    }
  });
});

describe('applyLayer: scale, offset, spec.nodata, valid', () => {
  it('MOD17A3HGF Int16 with fill codes 32761-32767: scale 0.1, valid [0, 32700]', () => {
    const raw = Int16Array.from([0, 1, 12345, 32700, 32701, 32761, 32767, -1, -32768]);
    const out = new Float32Array(raw.length);
    applyLayer(raw, { path: 'npp.tif', scale: 0.1, offset: 0, valid: [0, 32700] }, null, 'int16', out);
    expect(Array.from(out)).toEqual([0, Math.fround(0.1), Math.fround(1234.5), 3270, NaN, NaN, NaN, NaN, NaN]);
  });
  it('offset, a nodata list and the file nodata, written at outOffset', () => {
    const raw = Uint16Array.from([10, 200, 65535, 300, 7]);
    const out = new Float32Array(8).fill(-1);
    applyLayer(raw, { path: 'x', scale: 2, offset: -273.15, nodata: [300, 7] }, 65535, 'uint16', out, 2);
    expect(Array.from(out)).toEqual([-1, -1, Math.fround(20 - 273.15), Math.fround(400 - 273.15), NaN, NaN, NaN, -1]);
  });
  it('a single spec.nodata number; float stored values; valid bounds inclusive; NaN always invalid', () => {
    const raw = Float32Array.from([-9999, 0.5, NaN, 40, 40.0001, -10]);
    const out = new Float32Array(raw.length);
    applyLayer(raw, { path: 'x', nodata: -9999, valid: [-10, 40] }, null, 'float32', out);
    expect(Array.from(out)).toEqual([NaN, 0.5, NaN, 40, NaN, -10]);
  });
  it('rejects an output that is too short', () => {
    expect(() => applyLayer(new Int16Array(4), {}, null, 'int16', new Float32Array(5), 2)).toThrow(RangeError);
  });
  it('effectiveNoData casts like GDAL', () => {
    expect(effectiveNoData([-3.4e38], 'float32')).toEqual([Math.fround(-3.4e38)]);
    expect(effectiveNoData([2.7, 40000, NaN], 'int16')).toEqual([2]);
    expect(effectiveNoData([-1, 255.9], 'uint8')).toEqual([255]);
  });
});

describe('applyLayer into Float64Array (the engine\'s specialised loops)', () => {
  it('GDAL mask cases: the same validity as GDAL, the values of the stored numbers', () => {
    for (const c of expected.gdalMaskCases as { dtype: RasterDtype; noData: number | null; values: (number | null)[]; gdalMask: number[] }[]) {
      const raw = ARRAYS[c.dtype].from(c.values.map(nanOf));
      const out = new Float64Array(raw.length + 2).fill(-1);
      applyLayer(raw, {}, nanOf(c.noData), c.dtype, out, 1);
      const want = c.gdalMask.map((m, i) => m === 255 && !Number.isNaN(nanOf(c.values[i])));
      expect(Array.from(out.subarray(1, 1 + raw.length), (v) => !Number.isNaN(v)), `${c.dtype} ${c.noData}`).toEqual(want);
      expect(out[0]).toBe(-1);
      expect(out[raw.length + 1]).toBe(-1);
      raw.forEach((v, i) => { if (want[i]) expect(out[1 + i]).toBe(v); });
    }
  });
  it('scale, offset, valid and a nodata list on each integer type, in float64 arithmetic', () => {
    for (const dtype of ['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32'] as const) {
      const raw = ARRAYS[dtype].from([0, 1, 5, 7, 100, 120]);
      const out = new Float64Array(raw.length);
      applyLayer(raw, { path: 'x', scale: 0.1, offset: -3, nodata: [7, 5], valid: [0, 110] }, 1, dtype, out);
      expect(Array.from(out), dtype).toEqual([0 * 0.1 - 3, NaN, NaN, NaN, 100 * 0.1 - 3, NaN]);
    }
  });
  it('float32 and float64 bands with and without nodata', () => {
    const f = Float32Array.from([-9999, 0.5, NaN, 40, 40.0001, -10]);
    const out = new Float64Array(f.length);
    applyLayer(f, { path: 'x', nodata: -9999, valid: [-10, 40] }, null, 'float32', out);
    expect(Array.from(out)).toEqual([NaN, 0.5, NaN, 40, NaN, -10]);
    applyLayer(f, { path: 'x', scale: 2 }, null, 'float32', out);
    expect(Array.from(out)).toEqual([-19998, 1, NaN, 80, f[4] * 2, -20]);
    const d = Float64Array.from([1e300, -3.4e38, 2]);
    applyLayer(d, {}, -3.4e38, 'float64', out);
    expect(Array.from(out.subarray(0, 3))).toEqual([1e300, NaN, 2]);
  });
  it('a float array read from an integer band keeps the integer nodata rule (exact match)', () => {
    const raw = Float32Array.from([7, 7.0000005, 8]);
    const out = new Float64Array(3);
    applyLayer(raw, {}, 7, 'int16', out);
    expect(Array.from(out)).toEqual([NaN, Math.fround(7.0000005), 8]);
  });
});

describe('applyLayer on large 8/16-bit blocks (the lookup-table path)', () => {
  it('every stored value of each type gives what the per-value rule gives', () => {
    const spec = { path: 'x', scale: 0.1, offset: 2, nodata: [300, -5], valid: [-100, 32700] as [number, number] };
    for (const [dtype, Ctor, lo, hi] of [['int16', Int16Array, -32768, 32767], ['uint16', Uint16Array, 0, 65535], ['int8', Int8Array, -128, 127], ['uint8', Uint8Array, 0, 255]] as const) {
      const all = new Ctor(hi - lo + 1);
      for (let i = 0; i < all.length; i++) all[i] = lo + i;
      const big = new Float64Array(all.length);
      applyLayer(all, spec, 7, dtype, big); // large: table
      for (let i = 0; i < all.length; i += 97) {
        const one = new Float64Array(1);
        applyLayer(all.subarray(i, i + 1), spec, 7, dtype, one); // small: per-value loop
        expect(Object.is(big[i], one[0]) || (Number.isNaN(big[i]) && Number.isNaN(one[0])), `${dtype} ${all[i]}`).toBe(true);
      }
      const v = (x: number) => big[x - lo];
      expect(v(7)).toBeNaN();
      if (hi >= 300) expect(v(300)).toBeNaN();
      if (lo <= -5) expect(v(-5)).toBeNaN();
      expect(v(10)).toBe(10 * 0.1 + 2);
      if (hi > 32700) expect(v(32701)).toBeNaN();
      if (lo < -100) expect(v(-101)).toBeNaN();
    }
  });
});

describe('one applier over many small 16-bit calls (the table once enough values have been given)', () => {
  it('gives, call after call, what a fresh applier gives each call on its own', () => {
    const spec = { scale: 0.1, nodata: [300, -5], valid: [-100, 32700] as [number, number] };
    const reused = layerApplier(spec, 7, 'int16');
    for (let c = 0; c < 40; c++) {
      const raw = Int16Array.from({ length: 1000 }, (_, i) => ((c * 1000 + i) * 37) % 40000 - 4000);
      const got = new Float64Array(raw.length);
      reused(raw, got); // from the 17th call (16,384 values given) through the table
      const want = new Float64Array(raw.length);
      layerApplier(spec, 7, 'int16')(raw, want); // 1,000 values: the per-value loop
      expect(Array.from(got), `call ${c}`).toEqual(Array.from(want));
    }
  });
});

describe('layerApplier over a range', () => {
  it('writes raw[from … to) only, at outOffset + from; checks the range', () => {
    for (const [raw, dtype] of [[Int16Array.from({ length: 20000 }, (_, i) => i % 50), 'int16'], [Float32Array.from({ length: 100 }, (_, i) => i), 'float32'], [Uint32Array.from({ length: 100 }, (_, i) => i), 'uint32']] as const) {
      const apply = layerApplier({ scale: 2, valid: [0, 40] }, null, dtype);
      for (const out of [new Float64Array(raw.length + 5), new Float32Array(raw.length + 5)]) {
        out.fill(-1);
        apply(raw, out, 5, 3, 60);
        for (let i = 0; i < out.length; i++) {
          const j = i - 5;
          const want = j >= 3 && j < 60 ? (raw[j] <= 40 ? raw[j] * 2 : NaN) : -1;
          expect(out[i], `${dtype} ${i}`).toEqual(want);
        }
      }
      expect(() => apply(raw, new Float64Array(raw.length), 0, 5, 4)).toThrow(RangeError);
      expect(() => apply(raw, new Float64Array(raw.length), 0, 0, raw.length + 1)).toThrow(RangeError);
    }
  });
});

describe('layerApplier over runs', () => {
  it('writes each run as the one-range call does, nothing between them; checks every run', () => {
    const cases = [
      [Int16Array.from({ length: 20000 }, (_, i) => (i % 50) - 3), 'int16'],
      [Uint8Array.from({ length: 20000 }, (_, i) => i % 200), 'uint8'],
      [Float32Array.from({ length: 100 }, (_, i) => i - 3), 'float32'],
      [Int32Array.from({ length: 100 }, (_, i) => i - 3), 'int32'],
    ] as const;
    for (const [raw, dtype] of cases) {
      const apply = layerApplier({ scale: 2, nodata: 7, valid: [0, 40] }, null, dtype);
      const runs = Int32Array.from([0, 4, 10, 11, 30, 95, 99, 99]);
      const got = new Float64Array(raw.length + 5).fill(-1);
      apply.runs(raw, got, 5, runs, 3); // the fourth pair is past nRuns: left alone
      const want = new Float64Array(raw.length + 5).fill(-1);
      for (let r = 0; r < 3; r++) apply(raw, want, 5, runs[2 * r], runs[2 * r + 1]);
      expect(Array.from(got), dtype).toEqual(Array.from(want));
      expect(got[5 + 99]).toBe(-1);
      expect(got[5 + 5]).toBe(-1); // between runs
      expect(() => apply.runs(raw, new Float64Array(raw.length), 0, Int32Array.from([5, 4]), 1)).toThrow(RangeError);
      expect(() => apply.runs(raw, new Float64Array(raw.length), 0, Int32Array.from([0, raw.length + 1]), 1)).toThrow(RangeError);
    }
  });

  it('gathers the runs packed, each value as the one-range call gives it; checks runs and room', () => {
    const cases = [
      [Int16Array.from({ length: 20000 }, (_, i) => (i % 50) - 3), 'int16'],
      [Uint8Array.from({ length: 20000 }, (_, i) => i % 200), 'uint8'],
      [Float32Array.from({ length: 100 }, (_, i) => i - 3), 'float32'],
      [Int32Array.from({ length: 100 }, (_, i) => i - 3), 'int32'],
    ] as const;
    for (const [raw, dtype] of cases) {
      const apply = layerApplier({ scale: 2, nodata: 7, valid: [0, 40] }, null, dtype);
      const runs = Int32Array.from([0, 4, 10, 11, 30, 95, 99, 99]);
      const got = new Float64Array(3 + 4 + 1 + 65 + 2).fill(-1);
      apply.gather(raw, got, 3, runs, 3); // the fourth pair is past nRuns: left alone
      const full = new Float64Array(raw.length);
      apply(raw, full);
      const want = [-1, -1, -1, ...full.slice(0, 4), full[10], ...full.slice(30, 95), -1, -1];
      expect(Array.from(got), dtype).toEqual(want);
      expect(got[8], dtype).toBe(dtype === 'uint8' ? 60 : 54); // raw[30] (30 or 27) × 2, the third run's first
      expect(() => apply.gather(raw, new Float64Array(raw.length), 0, Int32Array.from([5, 4]), 1)).toThrow(RangeError);
      expect(() => apply.gather(raw, new Float64Array(raw.length), 0, Int32Array.from([0, raw.length + 1]), 1)).toThrow(RangeError);
      expect(() => apply.gather(raw, new Float64Array(10), 3, Int32Array.from([0, 8]), 1)).toThrow(RangeError);
    }
  });
});
