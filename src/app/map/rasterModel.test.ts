import { describe, expect, it } from 'vitest';
import { previewModel, RasterModel } from './rasterModel';
import { syntheticResult } from '../state/syntheticResult';
import { gridToLonLat } from '../../io/crs';

describe('RasterModel', () => {
  const result = syntheticResult();
  const model = new RasterModel(result);
  const g = result.maps.grid;
  const toLL = gridToLonLat(g.crs);
  const [x0, px, , y0, , py] = g.geoTransform;
  const centre = (cell: number) => {
    const x = cell % g.width, y = Math.floor(cell / g.width);
    return toLL(x0 + (x + 0.5) * px, y0 + (y + 0.5) * py);
  };

  it('picks the included pixel under a lon/lat (the inverse of its centre, through io/crs)', () => {
    const idx = result.maps.index;
    for (let k = 0; k < idx.length; k += 97) {
      const [lon, lat] = centre(idx[k]);
      const p = model.pick(lon, lat)!;
      expect(p.k).toBe(k);
      expect(p.y * g.width + p.x).toBe(idx[k]);
    }
    expect(model.pick(0, 0)).toBeNull();
    // A cell left out gets −1, by binary search before the cell table is made and from it after.
    const inIndex = new Set(idx);
    let out = 0;
    while (inIndex.has(out)) out++;
    const at = centre(out);
    expect(model.pick(at[0], at[1])!.k).toBe(-1);
    expect(model.cellToK[out]).toBe(-1);
    expect(model.pick(at[0], at[1])!.k).toBe(-1);
    const [lon, lat] = centre(idx[5]);
    expect(model.pick(lon, lat)!.k).toBe(5);
  });

  it('bounds the included pixels tightly and colours every included pixel on the screen canvas', () => {
    const b = model.bounds;
    for (let k = 0; k < result.maps.index.length; k += 53) {
      const [lon, lat] = centre(result.maps.index[k]);
      expect(lon).toBeGreaterThan(b.west);
      expect(lon).toBeLessThan(b.east);
      expect(lat).toBeGreaterThan(b.south);
      expect(lat).toBeLessThan(b.north);
    }
    const seen = new Set<number>();
    for (const k of model.screen.lookup) if (k >= 0) seen.add(k);
    // The canvas is finer than the grid: every included pixel shows.
    expect(seen.size).toBe(result.maps.index.length);
  });

  it('keeps one colour scale across the years of a layer and paints in one pass', () => {
    expect(model.scale('nep', 2001)).toBe(model.scale('nep', 2019));
    expect(model.scale('nep', 'mean')).not.toBe(model.scale('nep', 2019));
    const out = new Uint32Array(model.screen.lookup.length);
    model.paint('nep', 2019, out);
    let coloured = 0;
    for (let i = 0; i < out.length; i++) if (out[i] !== 0) coloured++;
    let inside = 0;
    for (const k of model.screen.lookup) if (k >= 0) inside++;
    expect(coloured).toBe(inside);
  });

  it('repaints a buffer it painted before where the park is only, with the same pixels as a fresh paint', () => {
    const lk = model.screen.lookup;
    const reused = new Uint32Array(lk.length);
    model.paint('nep', 2019, reused);
    model.paint('trend-class', 'mean', reused); // the second paint of this buffer: spans only
    const fresh = new Uint32Array(lk.length);
    model.paint('trend-class', 'mean', fresh);
    expect(reused).toEqual(fresh);
    // a buffer another model painted is painted whole (its transparent parts are not trusted)
    const other = new Uint32Array(lk.length).fill(0xffffffff);
    model.paint('trend-class', 'mean', other);
    expect(other).toEqual(fresh);
    // a buffer said to be fresh (all transparent) is painted where the park is only, to the same pixels
    const zeroed = new Uint32Array(lk.length);
    model.paint('trend-class', 'mean', zeroed, undefined, true);
    expect(zeroed).toEqual(fresh);
    const dirty = new Uint32Array(lk.length).fill(0xffffffff);
    model.paint('trend-class', 'mean', dirty, undefined, true);
    expect(dirty.filter((v, i) => lk[i] < 0 && v !== 0xffffffff).length).toBe(0); // not touched outside
  });
});

describe('previewModel and RasterModel(result, like)', () => {
  const result = syntheticResult();
  const { maps } = result;
  const preview = previewModel({ dataset: result.summary.dataset, variable: 'NEP', maps: { grid: maps.grid, years: maps.years, index: maps.index, zone: maps.zone, mean: maps.mean }, zones: result.zones, boundary: result.boundary, slug: result.slug });

  it('the first map paints the mean layer exactly as the result does, with the same scale', () => {
    const fresh = new RasterModel(result);
    const a = new Uint32Array(fresh.screen.lookup.length);
    const b = new Uint32Array(fresh.screen.lookup.length);
    fresh.paint('nep', 'mean', a);
    preview.paint('nep', 'mean', b);
    expect(b).toEqual(a);
    expect(preview.scale('nep', 'mean')).toEqual(fresh.scale('nep', 'mean'));
    expect(new Set(a).size).toBeGreaterThan(3);
  });

  it('a result with the first map\'s pixels takes its lookup; other pixels get their own', () => {
    const same = new RasterModel(result, preview);
    expect(same.screen).toBe(preview.screen);
    expect(same.cellToK).toBe(preview.cellToK);
    const fewer = { ...result, maps: { ...maps, index: maps.index.slice(1) } };
    const other = new RasterModel(fewer, preview);
    expect(other.screen).not.toBe(preview.screen);
    expect(other.cellToK[maps.index[0]]).toBe(-1);
    expect(other.cellToK).not.toBe(preview.cellToK);
  });
});
