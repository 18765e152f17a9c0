import { describe, expect, it } from 'vitest';
import { budgetFromSearch, DEFAULT_BUDGET, isLarge, MAX_PIXEL_YEARS, pixelMapsBytes } from './limits';

describe('limits', () => {
  it('counts PixelMaps bytes: 28 a pixel-year and 35 a pixel with four climate variables', () => {
    expect(pixelMapsBytes(1, 1, 4)).toBe(28 + 35);
    expect(pixelMapsBytes(1000, 23, 0)).toBe(1000 * 23 * 12 + 1000 * 19);
  });
  it('holds the Qilian grid (1147 × 767 px, 23 years) whole; a MODIS tile (2400 × 2400, 23 years) goes to large mode', () => {
    expect(isLarge(1147, 767, 23)).toBe(false);
    expect(isLarge(2400, 2400, 23)).toBe(true);
    expect(MAX_PIXEL_YEARS).toBeLessThan(2400 * 2400 * 23);
    // the map level of a MODIS tile with 23 years: 600 × 600 fits a quarter of the limit, 1200 × 1200 does not
    expect(600 * 600 * 23).toBeLessThanOrEqual(DEFAULT_BUDGET.display.pixelYears);
    expect(1200 * 1200 * 23).toBeGreaterThan(DEFAULT_BUDGET.display.pixelYears);
  });
  it('takes ?maxPixelYears= (and ?displayPixelYears=) from the address, ignoring nonsense', () => {
    expect(budgetFromSearch('')).toBe(DEFAULT_BUDGET);
    expect(budgetFromSearch('?dataset=x&maxPixelYears=100000')).toEqual({ maxPixelYears: 100000, display: { pixelYears: 25000, pixels: 4e6 } });
    expect(budgetFromSearch('?maxPixelYears=100000&displayPixelYears=9000').display.pixelYears).toBe(9000);
    expect(budgetFromSearch('?maxPixelYears=-3')).toBe(DEFAULT_BUDGET);
    expect(budgetFromSearch('?maxPixelYears=abc')).toBe(DEFAULT_BUDGET);
    expect(isLarge(160, 120, 6, budgetFromSearch('?maxPixelYears=100000'))).toBe(true);
  });
});
