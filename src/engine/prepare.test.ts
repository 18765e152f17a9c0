/**
 * prepareDataset's checks before trust: zones or a boundary that miss the rasters, and NPP
 * without climate (NPP only). Grid corners are GDAL's (gdalinfo -json cornerCoordinates of
 * test/fixtures/datasets/sinusoidal-int16/npp/npp_2001.tif).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkAllYears, gridBounds, prepareDataset, sameResampling } from './prepare';
import { openRaster } from '../io/raster';
import { DatasetError } from '../io/errors';

const dir = resolve('test/fixtures/datasets/sinusoidal-int16');
const manifest = JSON.parse(readFileSync(resolve(dir, 'dataset.json'), 'utf8'));

function input(m: object, extra: Record<string, Blob> = {}) {
  return {
    manifestText: JSON.stringify(m),
    manifestName: 'dataset.json',
    resolve: (p: string) => extra[p] ?? resolve(dir, p),
    slug: 'test',
  };
}

/** The zones moved 30° east: valid lon/lat, but nowhere near the rasters. */
function shiftedZones(): Blob {
  const fc = JSON.parse(readFileSync(resolve(dir, 'zones.geojson'), 'utf8'));
  for (const f of fc.features) {
    const g = f.geometry;
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const poly of polys) for (const ring of poly) for (const pt of ring) pt[0] += 30;
  }
  return new Blob([JSON.stringify(fc)]);
}

async function errorOf(p: Promise<unknown>): Promise<DatasetError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DatasetError);
    return e as DatasetError;
  }
  throw new Error('expected a DatasetError');
}

describe('prepareDataset checks', () => {
  it('gridBounds gives GDAL’s corner coordinates', async () => {
    const src = await openRaster(resolve(dir, 'npp/npp_2001.tif'), 'npp_2001.tif');
    const [x0, y0, x1, y1] = gridBounds(src.grid);
    src.close();
    expect(x0).toBeCloseTo(8764949.971, 2);
    expect(y0).toBeCloseTo(4499693.103, 2);
    expect(x1).toBeCloseTo(8792748.734, 2);
    expect(y1).toBeCloseTo(4522858.739, 2);
  });

  it('refuses zones that do not overlap the rasters, naming the zones file', async () => {
    const m = { ...manifest, zones: { ...manifest.zones, path: 'far-zones.geojson' } };
    const e = await errorOf(prepareDataset(input(m, { 'far-zones.geojson': shiftedZones() })));
    expect(e.file).toBe('far-zones.geojson');
    expect(e.problem).toMatch(/^no zone overlaps the rasters \(in .*the rasters span x 8764950 … 8792749/);
  });

  it('refuses a boundary that does not overlap the rasters', async () => {
    const m = { ...manifest, boundary: { path: 'far.geojson' } };
    const e = await errorOf(prepareDataset(input(m, { 'far.geojson': shiftedZones() })));
    expect(e.file).toBe('far.geojson');
    expect(e.problem).toMatch(/^the boundary does not overlap the rasters/);
  });

  it('accepts the zones as they are', async () => {
    const p = await prepareDataset(input(manifest));
    expect(p.zones.map((z) => z.id).length).toBeGreaterThan(0);
    expect(p.plan.respiration).not.toBeNull();
  });

  it('NPP without climate: no respiration, no climate variables', async () => {
    const { climate: _c, ...m } = manifest;
    const p = await prepareDataset(input(m));
    expect(p.plan.respiration).toBeNull();
    expect(p.plan.climateVars).toEqual([]);
    expect(p.plan.npp).not.toBeNull();
  });
});

describe('prepareDataset({ firstYearOnly }) and checkAllYears', () => {
  const broken = resolve('test/fixtures/datasets/broken');
  const brokenInput = (name: string) => {
    const d = resolve(broken, name);
    return { manifestText: readFileSync(resolve(d, 'dataset.json'), 'utf8'), manifestName: 'dataset.json', resolve: (p: string) => resolve(d, p), slug: name };
  };

  it('a later NPP year off the grid: the quick plan is made, checkAllYears fails naming that file as prepareDataset does', async () => {
    const full = await errorOf(prepareDataset(brokenInput('misaligned-year')));
    const { plan } = await prepareDataset(brokenInput('misaligned-year'), { firstYearOnly: true });
    const later = await errorOf(checkAllYears(plan));
    expect(later.message).toBe(full.message);
  });

  it('a missing later year: checkAllYears fails naming it', async () => {
    for (const name of ['missing-npp-year', 'missing-climate-year']) {
      const full = await errorOf(prepareDataset(brokenInput(name)));
      const { plan } = await prepareDataset(brokenInput(name), { firstYearOnly: true });
      expect((await errorOf(checkAllYears(plan))).message, name).toBe(full.message);
    }
  });

  it('a climate year on a grid unlike the first year’s: the checked plan has its own flag, like prepareDataset', async () => {
    // This dataset's climate is on another grid (resampled); year 2003 is replaced by a file on the NPP grid.
    const onGrid = new Blob([readFileSync(resolve(dir, 'npp/npp_2003.tif'))]);
    const inp = input(manifest, { 'climate/pre_2003.tif': onGrid });
    const { plan: quick } = await prepareDataset(inp, { firstYearOnly: true });
    const { plan: full } = await prepareDataset(inp);
    const checked = await checkAllYears(quick);
    expect(quick.climateRasters.precipitation!.resample.every((r) => r)).toBe(true);
    expect(full.climateRasters.precipitation!.resample).toEqual([true, true, false, true, true, true, true, true]);
    expect(checked.climateRasters).toEqual(full.climateRasters);
    expect(sameResampling(checked, full)).toBe(true);
    expect(sameResampling(quick, full)).toBe(false);
  });

  it('a good dataset: the quick plan is the full plan', async () => {
    const { plan: quick } = await prepareDataset(input(manifest), { firstYearOnly: true });
    const { plan: full } = await prepareDataset(input(manifest));
    // Every preparation has its own filesId (the workers' open files are shared by its plans only).
    expect(quick.filesId).toBeTruthy();
    expect(quick.filesId).not.toBe(full.filesId);
    const same = (p: typeof full) => ({ ...p, filesId: 'x' });
    expect(same(quick)).toEqual(same(full));
    const checked = await checkAllYears(quick);
    expect(checked.filesId).toBe(quick.filesId);
    expect(same(checked)).toEqual(same(full));
  });
});
