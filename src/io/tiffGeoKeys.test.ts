import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeGeoKeys, geoKeyId } from './tiffGeoKeys';

// GeoKeys and raw tags that GDAL 3.6 wrote (test/fixtures/cog/make_geokeys.sh)
const fx = JSON.parse(readFileSync(new URL('../../test/fixtures/cog/geokeys.json', import.meta.url), 'utf8'));

/** Directory entries as { key: [location, count, value-or-decoded] } for comparison independent of param order. */
function decode(dir: ArrayLike<number>, doubles: ArrayLike<number> | null, ascii: string | null) {
  const out: Record<number, [number, number, unknown]> = {};
  for (let i = 4; i < 4 + dir[3] * 4; i += 4) {
    const [key, loc, count, off] = [dir[i], dir[i + 1], dir[i + 2], dir[i + 3]];
    const v = loc === 0 ? off : loc === 34736 ? Array.from(doubles!).slice(off, off + count) : ascii!.slice(off, off + count);
    out[key] = [loc, count, v];
  }
  return out;
}

describe('encodeGeoKeys', () => {
  for (const name of ['epsg4326', 'sinusoidal']) {
    it(`writes the ${name} keys as GDAL does`, () => {
      const got = encodeGeoKeys(fx[name].geoKeys);
      const raw = fx[name].raw;
      expect(Array.from(got.directory.slice(0, 4))).toEqual(raw.GeoKeyDirectory.slice(0, 4));
      expect(decode(got.directory, got.doubles, got.ascii)).toEqual(decode(raw.GeoKeyDirectory, raw.GeoDoubleParams, raw.GeoAsciiParams));
    });
  }
  it('sorts keys, skips unknown names and nulls, writes double keys as doubles', () => {
    const got = encodeGeoKeys({ ProjFalseEastingGeoKey: 0, GTModelTypeGeoKey: 1, undefined: 5, GTCitationGeoKey: null });
    expect(Array.from(got.directory)).toEqual([1, 1, 0, 2, 1024, 0, 1, 1, 3082, 34736, 1, 0]);
    expect(Array.from(got.doubles!)).toEqual([0]);
    expect(got.ascii).toBeNull();
  });
  it('rejects values of the wrong kind', () => {
    expect(() => encodeGeoKeys({ GTModelTypeGeoKey: 1.5 })).toThrow(/SHORT/);
    expect(() => encodeGeoKeys({ GTModelTypeGeoKey: 'x' })).toThrow(/string/);
  });
  it('knows key ids', () => {
    expect(geoKeyId('ProjCenterLongGeoKey')).toBe(3088);
    expect(geoKeyId('nope')).toBeUndefined();
  });
});
