import { describe, expect, it } from 'vitest';
import { degreeLabel, figureFileName, frameSize, metresPerPixel, padBounds, scaleBar, ticksBetween } from './figureLayout';
import { mercY } from './mercator';

describe('figure layout', () => {
  it('names files after what they hold', () => {
    expect(figureFileName('nep', 'mean', 'qilian')).toBe('nep-mean_qilian.png');
    expect(figureFileName('nep', 2019, 'qilian')).toBe('nep-2019_qilian.png');
    expect(figureFileName('trend-class', 2019, 'qilian')).toBe('trend-class_qilian.png');
    expect(figureFileName('rho-temperature', 'mean', 'my park/../x', 'III-1-2')).toBe('rho-temperature_my-park-..-x_III-1-2.png');
  });

  it('sizes the frame by the Mercator aspect', () => {
    const b = { west: 90, east: 100, south: 30, north: 40 };
    const { width, height } = frameSize(b, 1000, 2000);
    // Mercator: height/width = (y(40) − y(30)) / (10° in radians)
    expect(height / width).toBeCloseTo((mercY(40) - mercY(30)) / ((10 * Math.PI) / 180), 2);
    expect(frameSize(b, 1000, 500).height).toBe(500);
    const p = padBounds(b, 0.1);
    expect(p.west).toBeCloseTo(89, 10);
    expect(mercY(p.north) - mercY(40)).toBeCloseTo((mercY(40) - mercY(30)) * 0.1, 10);
  });

  it('measures the scale bar on the WGS84 ellipsoid: 1° of longitude is 85 394 m at 40°N (published tables), 87 832 m at 38°N', () => {
    expect(metresPerPixel({ west: 0, east: 1, south: 0, north: 1 }, 1000, 40) * 1000).toBeCloseTo(85393.9, 0);
    const m = metresPerPixel({ west: 0, east: 1, south: 0, north: 1 }, 1000, 38);
    expect(m * 1000).toBeCloseTo(87832.5, 0);
    const bar = scaleBar(m, 300); // at most 300 px = 26.3 km → 20 km
    expect(bar.km).toBe(20);
    expect(bar.px).toBeCloseTo(20000 / m, 6);
  });

  it('places ticks on whole steps and labels hemispheres', () => {
    expect(ticksBetween(94.3, 103.2, 2)).toEqual([96, 98, 100, 102]);
    expect(ticksBetween(36.8, 39.6, 0.5)).toEqual([37, 37.5, 38, 38.5, 39, 39.5]);
    expect(degreeLabel(100, 'E', 'W')).toBe('100°E');
    expect(degreeLabel(-37.5, 'N', 'S')).toBe('37.5°S');
  });
});
