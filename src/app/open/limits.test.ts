import { describe, expect, it } from 'vitest';
import { assertFitsInBrowser, MAX_PIXEL_YEARS, pixelMapsBytes } from './limits';

describe('limits', () => {
  it('counts PixelMaps bytes: 28 a pixel-year and 35 a pixel with four climate variables', () => {
    expect(pixelMapsBytes(1, 1, 4)).toBe(28 + 35);
    expect(pixelMapsBytes(1000, 23, 0)).toBe(1000 * 23 * 12 + 1000 * 19);
  });
  it('takes the Qilian grid (1147 × 767 px, 23 years) and refuses a MODIS tile (2400 × 2400, 23 years)', () => {
    expect(() => assertFitsInBrowser(1147, 767, 23, 4, 'npp_2000.tif')).not.toThrow();
    expect(() => assertFitsInBrowser(2400, 2400, 23, 4, 'npp_2000.tif')).toThrow(/^npp_2000\.tif: too large for the browser: 2400 × 2400 px × 23 years = 132\.5 million pixel-years .*npm run analyze/);
    expect(MAX_PIXEL_YEARS).toBeLessThan(2400 * 2400 * 23);
  });
});
