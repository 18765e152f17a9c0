import { describe, expect, it } from 'vitest';
import { roleFromName } from './roleFromName';

describe('roleFromName', () => {
  it('knows the usual names of NPP and climate rasters', () => {
    expect(roleFromName('npp_2005.tif')).toBe('npp');
    expect(roleFromName('MOD17A3HGF_2005.tif')).toBe('npp');
    expect(roleFromName('MOD17A3HGF.061_Npp_500m_doy2005001_aid0001.tif')).toBe('npp');
    expect(roleFromName('nep_2003.tif')).toBe('nep');
    expect(roleFromName('climate/tmp_2001.tif')).toBe('temperature');
    expect(roleFromName('t2m_2001.tif')).toBe('temperature');
    expect(roleFromName('pre_2001.tif')).toBe('precipitation');
    expect(roleFromName('stann_2005_mm.tif')).toBe('precipitation');
    expect(roleFromName('rhu_2001.tif')).toBe('humidity');
    expect(roleFromName('ssd_2001.tif')).toBe('sunshine');
  });
  it('says null for names that say nothing', () => {
    expect(roleFromName('layer_2001.tif')).toBeNull();
    expect(roleFromName('export.tif')).toBeNull();
  });
});
