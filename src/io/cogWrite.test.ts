/**
 * encodeCog checked by others: GDAL (gdalinfo -json, GDAL's COG validator, gdal_translate to
 * raw ENVI, gdaladdo for overview values, GDAL's own COG driver for overview sizes) and
 * geotiff.js. The GDAL part needs gdal-bin + python3-gdal (CI installs them: .ci/run); it is
 * skipped with a message when gdalinfo is absent.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromArrayBuffer } from 'geotiff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCog, noDataText, type CogInput } from './cogWrite';
import type { GeoTransform } from './grid';

const fixtures = JSON.parse(readFileSync(new URL('../../test/fixtures/cog/geokeys.json', import.meta.url), 'utf8'));
const KEYS_4326 = fixtures.epsg4326.geoKeys;
const KEYS_SINU = fixtures.sinusoidal.geoKeys;
const SINU_PROJ4 = '+proj=sinu +lon_0=0 +x_0=0 +y_0=0 +R=6371007.181 +units=m +no_defs';
const GT_4326: GeoTransform = [98.5, 0.0041666666666667, 0, 39.8, 0, -0.0041666666666667];
// MODIS sinusoidal 500 m grid near 38° N (tile h25v05)
const GT_SINU: GeoTransform = [8895604.157333, 463.312716528, 0, 4447802.078667, 0, -463.312716528];

const VALIDATOR = '/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_cloud_optimized_geotiff.py';
const hasGdal = spawnSync('gdalinfo', ['--version']).status === 0;
if (!hasGdal) console.warn('cogWrite.test: gdalinfo not found — skipping the GDAL checks (install gdal-bin python3-gdal)');

/** Deterministic pseudo-random numbers (LCG), so the tests do not depend on Math.random. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function float32Case(width: number, height: number): Float32Array {
  const r = rng(width * 31 + height);
  const a = new Float32Array(width * height);
  for (let i = 0; i < a.length; i++) a[i] = r() < 0.05 ? NaN : (r() - 0.3) * 500;
  return a;
}

interface Case {
  name: string;
  input: CogInput;
  gdalType: string;
  overviews: [number, number][];
  crs: '4326' | 'sinu';
}

function makeCases(): Case[] {
  const r = rng(7);
  const i8 = new Int8Array(257 * 3).map(() => Math.floor(r() * 7) - 3);
  i8[0] = -128;
  i8[300] = -128;
  const i16big = new Int16Array(1000 * 700).map(() => (r() < 0.02 ? 32767 - Math.floor(r() * 7) : Math.floor(r() * 6000)));
  return [
    {
      name: 'Float32 with NaN, 1000×700, EPSG:4326',
      input: { width: 1000, height: 700, data: float32Case(1000, 700), geoTransform: GT_4326, geoKeys: KEYS_4326, noData: NaN },
      gdalType: 'Float32',
      overviews: [[500, 350], [250, 175]],
      crs: '4326',
    },
    {
      name: 'Int8 nodata −128, 257×3, sinusoidal',
      input: { width: 257, height: 3, data: i8, geoTransform: GT_SINU, geoKeys: KEYS_SINU, noData: -128 },
      gdalType: 'Byte', // GDAL 3.6 has no Int8 type: Byte + PIXELTYPE=SIGNEDBYTE
      overviews: [[129, 2]],
      crs: 'sinu',
    },
    {
      name: 'Int16 with fill codes, 1000×700, sinusoidal',
      input: { width: 1000, height: 700, data: i16big, geoTransform: GT_SINU, geoKeys: KEYS_SINU, noData: 32767 },
      gdalType: 'Int16',
      overviews: [[500, 350], [250, 175]],
      crs: 'sinu',
    },
    {
      name: 'Int16 1×1, EPSG:4326',
      input: { width: 1, height: 1, data: Int16Array.of(-1234), geoTransform: GT_4326, geoKeys: KEYS_4326, noData: null },
      gdalType: 'Int16',
      overviews: [],
      crs: '4326',
    },
    {
      name: 'Float64 300×20, tile 16, sinusoidal',
      input: {
        width: 300, height: 20, data: Float64Array.from(float32Case(300, 20), (v) => v / 3),
        geoTransform: GT_SINU, geoKeys: KEYS_SINU, noData: -9999, tileSize: 16,
      },
      gdalType: 'Float64',
      overviews: [[150, 10], [75, 5], [38, 3], [19, 2], [10, 1]],
      crs: 'sinu',
    },
    {
      name: 'Uint16 40×33, EPSG:4326',
      input: { width: 40, height: 33, data: new Uint16Array(40 * 33).map(() => Math.floor(r() * 65536)), geoTransform: GT_4326, geoKeys: KEYS_4326, noData: 0 },
      gdalType: 'UInt16',
      overviews: [],
      crs: '4326',
    },
    {
      name: 'Uint8 513×100 (mode overviews), EPSG:4326',
      input: {
        width: 513, height: 100, data: new Uint8Array(513 * 100).map(() => Math.floor(r() * 4)),
        geoTransform: GT_4326, geoKeys: KEYS_4326, noData: 255, overviewResampling: 'mode',
      },
      gdalType: 'Byte',
      overviews: [[257, 50], [129, 25]],
      crs: '4326',
    },
    {
      name: 'Int32 270×260, sinusoidal',
      input: { width: 270, height: 260, data: new Int32Array(270 * 260).map(() => Math.floor((r() - 0.5) * 2 ** 31)), geoTransform: GT_SINU, geoKeys: KEYS_SINU, noData: -2147483648 },
      gdalType: 'Int32',
      overviews: [[135, 130]],
      crs: 'sinu',
    },
  ];
}

const cases = makeCases();
const encoded = new Map<string, Uint8Array>();

beforeAll(async () => {
  for (const c of cases) encoded.set(c.name, await encodeCog(c.input));
});

function sameValues(got: ArrayLike<number>, want: ArrayLike<number>): void {
  expect(got.length).toBe(want.length);
  let bad = -1;
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i])) {
      bad = i;
      break;
    }
  }
  expect(bad === -1 ? 'all equal' : `index ${bad}: got ${got[bad]}, want ${want[bad]}`).toBe('all equal');
}

describe('encodeCog read back with geotiff.js', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const bytes = encoded.get(c.name)!;
      const tiff = await fromArrayBuffer(bytes.slice().buffer);
      expect(await tiff.getImageCount()).toBe(1 + c.overviews.length);
      const image = await tiff.getImage(0);
      expect([image.getWidth(), image.getHeight()]).toEqual([c.input.width, c.input.height]);
      expect(image.isTiled).toBe(true);
      expect(image.getTileWidth()).toBe(c.input.tileSize ?? 256);
      expect(image.getOrigin().slice(0, 2)).toEqual([c.input.geoTransform[0], c.input.geoTransform[3]]);
      expect(image.getResolution().slice(0, 2)).toEqual([c.input.geoTransform[1], c.input.geoTransform[5]]);
      expect(image.getGeoKeys()).toEqual(c.crs === '4326' ? KEYS_4326 : KEYS_SINU);
      const noData = image.getGDALNoData();
      if (c.input.noData === null) expect(noData).toBeNull();
      else expect(noData).toEqual(c.input.noData);
      const [band] = (await image.readRasters()) as unknown as ArrayLike<number>[];
      expect(band.constructor).toBe(c.input.data.constructor);
      sameValues(band, c.input.data);
      for (let k = 0; k < c.overviews.length; k++) {
        const ov = await tiff.getImage(k + 1);
        expect([ov.getWidth(), ov.getHeight()]).toEqual(c.overviews[k]);
      }
    });
  }

  it('writes GDAL_NODATA as GDAL does', () => {
    expect(noDataText(NaN)).toBe('nan');
    expect(noDataText(-128)).toBe('-128');
    expect(noDataText(-3.4028234663852886e38)).toBe('-3.4028234663852886e+38');
  });

  it('uses an injected deflate and rejects bad input', async () => {
    let calls = 0;
    const zlib = await import('node:zlib');
    const bytes = await encodeCog(
      { width: 300, height: 2, data: new Int16Array(600), geoTransform: GT_4326, geoKeys: KEYS_4326, noData: null },
      { deflate: async (b) => (calls++, new Uint8Array(zlib.deflateSync(b))) },
    );
    expect(calls).toBe(2 + 1); // two full-resolution tiles, one overview tile
    expect(bytes.length).toBeGreaterThan(0);
    const base = { width: 2, height: 2, data: new Int16Array(4), geoTransform: GT_4326, geoKeys: KEYS_4326, noData: null };
    await expect(encodeCog({ ...base, data: new Int16Array(3) })).rejects.toThrow(/3 values, 4 expected/);
    await expect(encodeCog({ ...base, tileSize: 100 })).rejects.toThrow(/multiple of 16/);
    await expect(encodeCog({ ...base, geoTransform: [0, 1, 0.1, 0, 0, -1] })).rejects.toThrow(/rotated/);
  });
});

describe.skipIf(!hasGdal)('encodeCog checked with GDAL', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cogwrite-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  /** gdal_translate to raw ENVI (native little-endian), read as the input's array type. */
  function readRaw(tif: string, data: CogInput['data'], extra: string[] = []): ArrayLike<number> {
    const img = `${tif}.${extra.join('_').replace(/\W/g, '')}.img`;
    run('gdal_translate', ['-q', '-of', 'ENVI', ...extra, tif, img]);
    const buf = readFileSync(img);
    const Ctor = data.constructor as new (b: ArrayBuffer) => ArrayLike<number>;
    return new Ctor(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  }

  cases.forEach((c, idx) => {
    it(c.name, () => {
      const tif = join(dir, `case${idx}.tif`);
      writeFileSync(tif, encoded.get(c.name)!);

      const info = JSON.parse(run('gdalinfo', ['-json', '-proj4', tif]));
      expect(info.size).toEqual([c.input.width, c.input.height]);
      expect(info.geoTransform).toEqual(c.input.geoTransform);
      if (c.crs === '4326') {
        expect(info.coordinateSystem.wkt).toMatch(/ID\["EPSG",4326\]\]$/);
        expect(info.coordinateSystem.proj4.trim()).toBe('+proj=longlat +datum=WGS84 +no_defs');
      } else {
        expect(info.coordinateSystem.wkt).toMatch(/METHOD\["Sinusoidal"\]/);
        expect(info.coordinateSystem.wkt).toMatch(/ELLIPSOID\["unknown",6371007.181,0/);
        expect(info.coordinateSystem.proj4.trim()).toBe(SINU_PROJ4);
      }
      expect(info.metadata[''].AREA_OR_POINT).toBe('Area');
      expect(info.metadata.IMAGE_STRUCTURE.COMPRESSION).toBe('DEFLATE');
      expect(info.metadata.IMAGE_STRUCTURE.LAYOUT).toBe('COG');
      const band = info.bands[0];
      expect(info.bands.length).toBe(1);
      expect(band.type).toBe(c.gdalType);
      if (c.input.data instanceof Int8Array) expect(band.metadata.IMAGE_STRUCTURE.PIXELTYPE).toBe('SIGNEDBYTE');
      const ts = c.input.tileSize ?? 256;
      expect(band.block).toEqual([ts, ts]);
      if (c.input.noData === null) expect(band.noDataValue).toBeUndefined();
      else if (Number.isNaN(c.input.noData)) expect(band.noDataValue).toBe('NaN');
      else expect(band.noDataValue).toBe(c.input.noData);
      expect((band.overviews ?? []).map((o: { size: number[] }) => o.size)).toEqual(c.overviews);

      const v = spawnSync('/usr/bin/python3', [VALIDATOR, tif], { encoding: 'utf8' });
      expect(v.stderr).toBe('');
      expect(v.stdout).toContain(`${tif} is a valid cloud optimized GeoTIFF`);
      expect(v.stdout).not.toMatch(/error|warning/i);
      expect(v.status).toBe(0);

      sameValues(readRaw(tif, c.input.data), c.input.data);
    });
  });

  it('has the overview sizes GDAL’s own COG driver makes', () => {
    for (const [i, c] of cases.entries()) {
      const tif = join(dir, `case${i}.tif`);
      if (!existsSync(tif)) writeFileSync(tif, encoded.get(c.name)!);
      const ref = join(dir, `gdal${i}.tif`);
      run('gdal_translate', ['-q', '-of', 'COG', '-co', `BLOCKSIZE=${c.input.tileSize ?? 256}`, tif, ref]);
      const info = JSON.parse(run('gdalinfo', ['-json', ref]));
      const sizes = (info.bands[0].overviews ?? []).map((o: { size: number[] }) => o.size);
      expect(sizes, c.name).toEqual(c.overviews);
    }
  });

  it('makes the first Float32 overview as GDAL’s average (NaN ignored)', () => {
    const c = cases[0];
    const tif = join(dir, 'ovr.tif');
    writeFileSync(tif, encoded.get(c.name)!);
    const ours = readRaw(tif, c.input.data, ['-ovr', '0']);
    // GDAL's reference: full resolution to a plain GTiff, then gdaladdo -r average
    const plain = join(dir, 'plain.tif');
    run('gdal_translate', ['-q', '-of', 'GTiff', tif, plain]);
    run('gdaladdo', ['-q', '-r', 'average', plain, '2']);
    const theirs = readRaw(plain, c.input.data, ['-ovr', '0']);
    expect(ours.length).toBe(500 * 350);
    expect(theirs.length).toBe(ours.length);
    let worst = 0;
    for (let i = 0; i < ours.length; i++) {
      if (Number.isNaN(theirs[i]) || Number.isNaN(ours[i])) {
        expect(Number.isNaN(ours[i]), `pixel ${i}`).toBe(Number.isNaN(theirs[i]));
        continue;
      }
      worst = Math.max(worst, Math.abs(ours[i] - theirs[i]) / Math.max(1, Math.abs(theirs[i])));
    }
    expect(worst).toBeLessThan(1e-6);
  });

  it('makes nearest integer overviews as gdaladdo -r nearest, every level', () => {
    for (const k of [1, 2, 1]) {
      const c = cases[k]; // Int8 257×3 (odd sizes), Int16 1000×700 (two levels)
      const tif = join(dir, `near${k}.tif`);
      writeFileSync(tif, encoded.get(c.name)!);
      const plain = join(dir, `near${k}_plain.tif`);
      run('gdal_translate', ['-q', '-of', 'GTiff', tif, plain]);
      run('gdaladdo', ['-q', '-r', 'nearest', plain, ...c.overviews.map((_, i) => String(2 ** (i + 1)))]);
      c.overviews.forEach((_, i) => {
        const ours = readRaw(tif, c.input.data, ['-ovr', String(i)]);
        sameValues(ours, readRaw(plain, c.input.data, ['-ovr', String(i)]));
      });
    }
  });
});
