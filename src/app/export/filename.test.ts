import { describe, expect, it } from 'vitest';
import { exportFileName, pixelFilePart, sanitizeFilePart } from './filename';

describe('exportFileName', () => {
  it('names what the file holds', () => {
    expect(exportFileName('nep-series', 'qilian', 'III-1-2', 'png')).toBe('nep-series_qilian_III-1-2.png');
    expect(exportFileName('correlation', 'qilian', 'all', 'csv')).toBe('correlation_qilian_all.csv');
  });
  it('leaves the region out of a file about every region', () => {
    expect(exportFileName('nep-zones', 'qilian', null, 'png')).toBe('nep-zones_qilian.png');
    expect(exportFileName('npp-zones', 'my data/2024', null, 'svg')).toBe('npp-zones_my-data-2024.svg');
    // An empty region id is still a region part (sanitized to 'unnamed'), not left out.
    expect(exportFileName('nep-zones', 'qilian', '', 'png')).toBe('nep-zones_qilian_unnamed.png');
  });
  it('sanitizes user-derived parts', () => {
    expect(exportFileName('trend-classes', 'my data/2024', '../../etc/passwd', 'csv')).toBe(
      'trend-classes_my-data-2024_etc-passwd.csv',
    );
    expect(exportFileName('series', '', 'a:b*c?"d"<e>|f', 'csv')).toBe('series_dataset_a-b-c-d-e-f.csv');
  });
});

describe('sanitizeFilePart', () => {
  it('keeps letters of any script and digits', () => {
    expect(sanitizeFilePart('祁连山 东段 II-3-3')).toBe('祁连山-东段-II-3-3');
  });
  it('drops control characters, leading dots and dashes, and never returns empty', () => {
    expect(sanitizeFilePart('\u0000\u001f..hidden')).toBe('hidden');
    expect(sanitizeFilePart('///')).toBe('unnamed');
    expect(sanitizeFilePart('', 'x')).toBe('x');
  });
  it('avoids names Windows reserves', () => {
    expect(sanitizeFilePart('CON')).toBe('CON_');
    expect(sanitizeFilePart('lpt1')).toBe('lpt1_');
  });
  it('caps the length at 60 characters', () => {
    expect(sanitizeFilePart('a'.repeat(100))).toBe('a'.repeat(60));
  });
});

describe('pixelFilePart', () => {
  it('writes the location with hemispheres', () => {
    expect(pixelFilePart(99.12345, 38.5)).toBe('pixel-99.1235E-38.5000N');
    expect(pixelFilePart(-70.25, -33.4)).toBe('pixel-70.2500W-33.4000S');
  });
});
