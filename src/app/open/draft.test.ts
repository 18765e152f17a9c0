import { describe, expect, it } from 'vitest';
import { proposeDataset } from '../../io/guess/proposeDataset';
import { draftFromProposal, draftToManifest, guessZoneProperties } from './draft';
import { parseManifest } from '../../io/manifest';

const years = [2010, 2011, 2012, 2013];

function draftOf(names: string[], vectors = [{ path: 'zones.geojson', properties: ['id', 'label'], features: 3 }]) {
  const p = proposeDataset(names.map((name) => ({ name, stats: /npp/.test(name) ? { dtype: 'float32', min: 12, max: 21500, mean: 5200, count: 100 } : undefined })));
  return draftFromProposal(p, new Map(), new Map(), vectors, 'Test');
}

describe('draft', () => {
  it('guesses the zone id and name properties', () => {
    expect(guessZoneProperties(['label', 'id'])).toEqual({ id: 'id', name: 'label' });
    expect(guessZoneProperties(['NAME', 'CODE'])).toEqual({ id: 'CODE', name: 'NAME' });
    expect(guessZoneProperties([])).toEqual({ id: '', name: '' });
  });

  it('writes the Hawaiʻi files as an NPP-only manifest the parser accepts', () => {
    const d = draftOf([...years.map((y) => `hawaii_npp_${y}.tif`), 'zones.geojson']);
    const out = draftToManifest(d);
    expect(out.problems).toEqual([]);
    expect(out.manifest).toEqual({
      name: 'Test',
      years: { from: 2010, to: 2013 },
      npp: { path: 'hawaii_npp_{year}.tif', scale: 0.1, valid: [0, 32700] },
      zones: { path: 'zones.geojson', idProperty: 'id', nameProperty: 'label' },
    });
    expect(out.notes.join(' ')).toMatch(/No climate: trends and zones are computed on NPP/);
    expect(out.paths.get('hawaii_npp_2012.tif')).toBe('hawaii_npp_2012.tif');
    const m = parseManifest(JSON.stringify(out.manifest), 'dataset.json');
    expect(m.npp?.scale).toBe(0.1);
    expect(m.climate).toBeNull();
  });

  it('gives virtual paths to names without one pattern, and maps them back', () => {
    const d = draftOf(['npp_2010.tif', 'npp_2011.tif', 'npp_2012.tif', 'tmp_2010.tif', 'temp2011.tif', 'tmp_2012.tif', 'pre_2010.tif', 'pre_2011.tif', 'pre_2012.tif']);
    const out = draftToManifest(d);
    expect(out.problems).toEqual([]);
    expect((out.manifest.climate as any).temperature.path).toBe('picked/temperature/{year}.tif');
    expect(out.paths.get('picked/temperature/2011.tif')).toBe('temp2011.tif');
    expect(out.notes.join(' ')).toMatch(/Temperature file names follow no single pattern/);
    expect(out.notes.join(' ')).not.toMatch(/No climate/);
  });

  it('says what a person must fix', () => {
    const d = draftOf(['npp_2010.tif', 'npp_2011.tif', 'npp_2012.tif', 'tmp_2010.tif', 'tmp_2012.tif']);
    d.layers.npp.scale = '0,1';
    d.layers.npp.validMin = '';
    d.idProperty = 'nope';
    d.zones = 'zones.geojson';
    const out = draftToManifest(d);
    expect(out.problems).toEqual([
      'NPP scale: "0,1" is not a number',
      'NPP valid range: give both minimum and maximum, or neither',
      'Temperature: no file for 2011',
      'zones.geojson: no property "nope"',
    ]);
    d.rasters = d.rasters.filter((r) => r.path !== 'npp_2012.tif');
    expect(draftToManifest(d).problems[0]).toBe('only 2 years of NPP: at least 3 are needed for a trend');
  });
});
