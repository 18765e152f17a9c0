import { describe, expect, it } from 'vitest';
import { proposeDataset, proposalToManifest, templateOf } from './proposeDataset';

const years = [2010, 2011, 2012, 2013];

describe('proposeDataset', () => {
  it('proposes a dataset from NPP and climate rasters, zones and a boundary', () => {
    const files = [
      ...years.map((y) => ({ name: `npp/MOD17A3HGF_${y}.tif`, stats: { dtype: 'int16', min: 0, max: 32767, mean: 1500, count: 10 } })),
      ...years.map((y) => ({ name: `climate/tmp_${y}.tif` })),
      ...years.map((y) => ({ name: `climate/pre_${y}.tif` })),
      { name: 'zones.geojson', features: 5 },
      { name: 'boundary.geojson', features: 1 },
      { name: 'README.txt' },
    ];
    const p = proposeDataset(files);
    expect(p.problems).toEqual([]);
    expect(p.years).toEqual(years);
    expect(p.layers.npp).toMatchObject({ template: 'npp/MOD17A3HGF_{year}.tif', scale: 0.1, valid: [0, 32700] });
    expect(p.layers.temperature?.template).toBe('climate/tmp_{year}.tif');
    expect(p.zones).toBe('zones.geojson');
    expect(p.boundary).toBe('boundary.geojson');
    expect(p.files.find((f) => f.name === 'README.txt')?.kind).toBe('ignored');
    expect(proposalToManifest(p, 'My park')).toEqual({
      name: 'My park',
      years: { from: 2010, to: 2013 },
      npp: { path: 'npp/MOD17A3HGF_{year}.tif', scale: 0.1, valid: [0, 32700] },
      climate: { temperature: { path: 'climate/tmp_{year}.tif' }, precipitation: { path: 'climate/pre_{year}.tif' } },
      zones: { path: 'zones.geojson', idProperty: 'id', nameProperty: 'name' },
      boundary: { path: 'boundary.geojson' },
    });
  });

  it('reads AppEEARS names and names what is missing', () => {
    const p = proposeDataset([
      ...[2005, 2006, 2007].map((y) => ({ name: `MOD17A3HGF.061_Npp_500m_doy${y}001_aid0001.tif` })),
      ...[2005, 2007].map((y) => ({ name: `tmp_${y}.tif` })),
      { name: 'layer.tif' },
    ]);
    expect(p.years).toEqual([2005, 2006, 2007]);
    expect(p.layers.npp?.template).toBe('MOD17A3HGF.061_Npp_500m_doy{year}001_aid0001.tif');
    expect(p.problems).toContain('temperature: no file for 2006');
  });

  it('says when there is nothing to analyse', () => {
    expect(proposeDataset([{ name: 'zones.geojson' }]).problems[0]).toMatch(/no NPP/);
    expect(proposeDataset([{ name: 'npp_2001.tif' }, { name: 'npp_2002.tif' }]).problems[0]).toMatch(/at least 3/);
  });

  it('finds no template when names follow no single pattern', () => {
    expect(templateOf(new Map([[2001, 'a_2001.tif'], [2002, 'b_2002.tif']]))).toBeNull();
  });
});
