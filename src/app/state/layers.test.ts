import { describe, expect, it } from 'vitest';
import { availableLayers, layerDef, layerFileStem, layersFor, LayerValues, meanOverYears, variableNames } from './layers';
import type { PixelMaps } from '../../engine/types';

function maps(): PixelMaps {
  // 2 included pixels, 3 years.
  return {
    grid: { width: 2, height: 1, geoTransform: [0, 1, 0, 1, 0, -1], crs: { proj4: '', epsg: 4326, geographic: true, name: 'EPSG:4326', geoKeys: {} } },
    years: [2000, 2001, 2002],
    index: new Uint32Array([0, 1]),
    zone: new Int16Array([0, -1]),
    mean: new Float32Array([2, 20]),
    slope: new Float32Array([1, 10]),
    p: new Float32Array([0.5, 0.001]),
    cls: new Int8Array([1, 3]),
    rho: { temperature: new Float32Array([0.5, -0.5]) },
    nep: new Float32Array([1, 10, 2, 20, 3, 30]),
    npp: new Float32Array([5, 50, NaN, 60, 7, 70]),
    rh: null,
    climate: { temperature: new Float32Array([1, 2, 3, 4, 5, 6]) },
  };
}

describe('layers', () => {
  it('offers only the layers the result has', () => {
    const ids = availableLayers(maps()).map((l) => l.id);
    expect(ids).toContain('npp');
    expect(ids).not.toContain('rh');
    expect(ids).toContain('rho-temperature');
    expect(ids).not.toContain('rho-sunshine');
    expect(ids).not.toContain('humidity');
  });

  it('gives a year as a view of the year-major series and means over years skipping NaN', () => {
    const lv = new LayerValues(maps());
    expect(Array.from(lv.values('nep', 2001))).toEqual([2, 20]);
    expect(Array.from(lv.values('nep', 'mean'))).toEqual([2, 20]);
    expect(Array.from(lv.values('npp', 'mean'))).toEqual([6, 60]);
    expect(Array.from(lv.values('temperature', 2002))).toEqual([5, 6]);
    expect(Array.from(meanOverYears(new Float32Array([NaN, 1, NaN, 3]), 2, 2))).toEqual([NaN, 2]);
  });

  it('names export files after what they hold', () => {
    expect(layerFileStem('nep', 2019)).toBe('nep-2019');
    expect(layerFileStem('nep', 'mean')).toBe('nep-mean');
    expect(layerFileStem('trend-class', 2019)).toBe('trend-class');
    expect(layerFileStem('rho-temperature', 'mean')).toBe('rho-temperature');
  });

  it('names an analysis of NPP (no climate for Rh) NPP, and leaves out what NPP has not', () => {
    const npp = layersFor('NPP');
    const ids = npp.map((l) => l.id);
    expect(ids).not.toContain('npp');
    expect(ids).not.toContain('rh');
    expect(ids).not.toContain('sink-source');
    expect(ids).toContain('nep');
    expect(layerDef('nep', 'NPP')).toMatchObject({ label: 'NPP', title: 'Net primary productivity (NPP)', ramp: 'diverging', unit: 'gC m⁻² yr⁻¹' });
    expect(layerDef('slope', 'NPP').title).toBe('Trend of NPP');
    expect(layerDef('trend-class', 'NPP').title).toBe('Trend class of NPP');
    expect(layerDef('rho-humidity', 'NPP')).toMatchObject({ title: "Spearman's ρ of NPP with relative humidity", group: 'Correlation with NPP' });
    expect(layerDef('humidity', 'NPP').title).toBe('Relative humidity');
    // No "NEP" left in any NPP layer's names.
    for (const l of npp) expect(`${l.label} ${l.title} ${l.group}`).not.toMatch(/NEP/);
    // NEP (the default) is unchanged.
    expect(layerDef('nep')).toMatchObject({ label: 'NEP', title: 'Net ecosystem productivity (NEP)' });
    expect(layerDef('slope', 'NEP').title).toBe('Trend of NEP');
    expect(layersFor('NEP').map((l) => l.id)).toContain('sink-source');
    expect(variableNames('NPP')).toEqual({ short: 'NPP', long: 'Net primary productivity (NPP)', file: 'npp' });
    expect(variableNames()).toEqual({ short: 'NEP', long: 'Net ecosystem productivity (NEP)', file: 'nep' });
  });

  it('offers the NPP analysis its layers only', () => {
    const m = { ...maps(), npp: null, rh: null, rho: { humidity: new Float32Array([0.1, 0.2]) }, climate: { humidity: new Float32Array(6) } };
    expect(availableLayers(m, 'NPP').map((l) => l.id)).toEqual(['nep', 'slope', 'trend-class', 'humidity', 'rho-humidity']);
    expect(availableLayers(m, 'NPP')[0].label).toBe('NPP');
    expect(availableLayers(m).map((l) => l.id)).toContain('sink-source');
  });

  it('names export files of an NPP analysis after NPP', () => {
    expect(layerFileStem('nep', 'mean', 'NPP')).toBe('npp-mean');
    expect(layerFileStem('nep', 2014, 'NPP')).toBe('npp-2014');
    expect(layerFileStem('slope', 2014, 'NPP')).toBe('npp-slope');
    expect(layerFileStem('trend-class', 'mean', 'NPP')).toBe('npp-trend-class');
    expect(layerFileStem('rho-humidity', 'mean', 'NPP')).toBe('npp-rho-humidity');
    expect(layerFileStem('humidity', 2014, 'NPP')).toBe('humidity-2014');
    expect(layerFileStem('slope', 2014, 'NEP')).toBe('slope');
  });
});
