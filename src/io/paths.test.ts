import { describe, expect, it } from 'vitest';
import { expandPath, isUrl, resolvePath } from './paths';

describe('expandPath', () => {
  it('replaces every {year}', () => {
    expect(expandPath('npp/{year}/npp_{year}.tif', 2005)).toBe('npp/2005/npp_2005.tif');
    expect(expandPath('static.tif', 2005)).toBe('static.tif');
  });
});

describe('resolvePath', () => {
  it('resolves local paths against the manifest folder', () => {
    expect(resolvePath('/data/qilian/dataset.json', 'npp/npp_2000.tif')).toBe('/data/qilian/npp/npp_2000.tif');
    expect(resolvePath('/data/qilian/dataset.json', './zones.geojson')).toBe('/data/qilian/zones.geojson');
    expect(resolvePath('/data/qilian/dataset.json', '../shared/zones.geojson')).toBe('/data/shared/zones.geojson');
    expect(resolvePath('dataset.json', 'npp/a.tif')).toBe('npp/a.tif');
    expect(resolvePath('demo/dataset.json', '../x.tif')).toBe('x.tif');
    expect(resolvePath('../demo/dataset.json', '../x.tif')).toBe('../x.tif');
  });
  it('keeps absolute local paths', () => {
    expect(resolvePath('/data/qilian/dataset.json', '/mnt/npp.tif')).toBe('/mnt/npp.tif');
    expect(resolvePath('C:\\data\\dataset.json', 'D:\\npp.tif')).toBe('D:\\npp.tif');
  });
  it('handles Windows paths', () => {
    expect(resolvePath('C:\\data\\qilian\\dataset.json', 'npp\\npp_2000.tif')).toBe('C:\\data\\qilian\\npp\\npp_2000.tif');
  });
  it('resolves against a manifest URL as a browser does', () => {
    expect(resolvePath('https://example.org/data/qilian/dataset.json', 'npp/npp_2000.tif')).toBe(
      'https://example.org/data/qilian/npp/npp_2000.tif',
    );
    expect(resolvePath('http://localhost:5173/demo/dataset.json', '../zones.geojson')).toBe('http://localhost:5173/zones.geojson');
    expect(resolvePath('https://example.org/data/dataset.json', '/abs/z.geojson')).toBe('https://example.org/abs/z.geojson');
    expect(resolvePath('https://example.org/d/dataset.json', 'npp {year}.tif')).toBe('https://example.org/d/npp%20%7Byear%7D.tif');
  });
  it('keeps absolute URLs whatever the base', () => {
    expect(resolvePath('/local/dataset.json', 'https://cdn.example.org/npp_2000.tif')).toBe('https://cdn.example.org/npp_2000.tif');
    expect(resolvePath('https://a.org/dataset.json', 'http://b.org/x.tif')).toBe('http://b.org/x.tif');
  });
  it('tells URLs from Windows drives', () => {
    expect(isUrl('C:\\x')).toBe(false);
    expect(isUrl('https://x')).toBe(true);
    expect(isUrl('file:///x')).toBe(true);
  });
});
