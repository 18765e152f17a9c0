import { describe, expect, it } from 'vitest';
import { degreeStep, graticule, labelPoint } from './basemap';

describe('basemap', () => {
  it('draws graticule lines at whole steps over the box', () => {
    const g = graticule({ west: 94.3, east: 103.2, south: 36.8, north: 39.6 }, 1);
    const meridians = g.features.filter((f) => f.properties?.kind === 'meridian').map((f) => f.properties!.value);
    expect(meridians[0]).toBe(93);
    expect(meridians[meridians.length - 1]).toBe(105);
    expect(meridians).toContain(100);
    const parallels = g.features.filter((f) => f.properties?.kind === 'parallel').map((f) => f.properties!.value);
    expect(parallels).toEqual([35, 36, 37, 38, 39, 40, 41]);
  });

  it('chooses a readable degree step', () => {
    expect(degreeStep(9)).toBe(2);
    expect(degreeStep(3)).toBe(0.5);
    expect(degreeStep(0.5)).toBe(0.1);
  });

  it('labels a concave polygon inside it', () => {
    // A "U" shape whose centroid falls in the notch.
    const u: GeoJSON.Polygon = { type: 'Polygon', coordinates: [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]] };
    const [x, y] = labelPoint(u);
    const inNotch = x > 1 && x < 2 && y > 1;
    expect(inNotch).toBe(false);
    expect(labelPoint({ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] })).toEqual([1, 1]);
  });
});
