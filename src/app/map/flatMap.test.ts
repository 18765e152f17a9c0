import { describe, expect, it } from 'vitest';
import type * as maplibregl from 'maplibre-gl';
import { withoutSky } from './flatMap';

describe('withoutSky', () => {
  it("replaces the painter's sky drawing with one that draws nothing, and leaves the others", () => {
    const calls: string[] = [];
    const drawFunctions = { sky: () => calls.push('sky'), raster: () => calls.push('raster') };
    const map = { painter: { drawFunctions } } as unknown as maplibregl.Map;
    withoutSky(map);
    drawFunctions.sky();
    drawFunctions.raster();
    expect(calls).toEqual(['raster']);
  });
  it('leaves a MapLibre without that hook as it is', () => {
    expect(() => withoutSky({} as maplibregl.Map)).not.toThrow();
    const drawFunctions: Record<string, unknown> = { raster: () => {} };
    withoutSky({ painter: { drawFunctions } } as unknown as maplibregl.Map);
    expect(Object.keys(drawFunctions)).toEqual(['raster']);
  });
});
