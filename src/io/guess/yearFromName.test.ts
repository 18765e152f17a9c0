import { describe, expect, it } from 'vitest';
import { yearFromName } from './yearFromName';

describe('yearFromName', () => {
  it('reads the years that portals write into file names', () => {
    expect(yearFromName('npp_2005.tif')).toBe(2005);
    expect(yearFromName('MOD17A3HGF_2005.tif')).toBe(2005);
    expect(yearFromName('MOD17A3HGF.061_Npp_500m_doy2005001_aid0001.tif')).toBe(2005);
    expect(yearFromName('MOD17A3HGF.A2012001.h25v05.061.2021326150455.tif')).toBe(2012);
    expect(yearFromName('stann_2005_mm.tif')).toBe(2005);
    expect(yearFromName('folder/2019/tmp2019.tif')).toBe(2019);
    expect(yearFromName('hawaii_npp_2010.tif')).toBe(2010);
  });
  it('says null when there is no single plausible year', () => {
    expect(yearFromName('zones.geojson')).toBeNull();
    expect(yearFromName('npp_2005_2006.tif')).toBeNull();
    expect(yearFromName('tile_123456.tif')).toBeNull();
    expect(yearFromName('run_1850.tif')).toBeNull();
  });
});
