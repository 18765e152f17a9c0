/**
 * GeoKeys (as geotiff.js's image.getGeoKeys() returns them, keyed by name) → the three
 * GeoTIFF tags: GeoKeyDirectory (34735), GeoDoubleParams (34736), GeoAsciiParams (34737).
 */
import { globals } from 'geotiff';

export const TAG_GEO_KEY_DIRECTORY = 34735;
export const TAG_GEO_DOUBLE_PARAMS = 34736;
export const TAG_GEO_ASCII_PARAMS = 34737;

export type GeoKeyValue = number | string | ArrayLike<number>;

export interface GeoKeyTags {
  directory: Uint16Array;
  /** null when no key needs it (the tag is then left out). */
  doubles: Float64Array | null;
  ascii: string | null;
}

/** Keys whose values are DOUBLEs by the GeoTIFF spec (even when the value is a whole number). */
const DOUBLE_KEYS = new Set<number>([2053, 2055, 2057, 2058, 2059, 2061, 2062, 3077]);
for (let k = 3078; k <= 3096; k++) DOUBLE_KEYS.add(k);
/** Citation keys (ASCII). */
const ASCII_KEYS = new Set<number>([1026, 2049, 3073, 4097]);

const nameToId: Record<string, number> = globals.geoKeys as Record<string, number>;

/** The numeric id of a GeoKey name ('GTModelTypeGeoKey' → 1024), or undefined when unknown. */
export function geoKeyId(name: string): number | undefined {
  if (Object.prototype.hasOwnProperty.call(nameToId, name)) return nameToId[name];
  return /^\d+$/.test(name) ? Number(name) : undefined;
}

/**
 * Encode GeoKeys. Unknown names (e.g. the 'undefined' that geotiff.js makes for keys it does
 * not know) and null values are skipped. ASCII values get GeoTIFF's '|' terminator (geotiff.js
 * strips it when reading).
 */
export function encodeGeoKeys(keys: Record<string, GeoKeyValue | null | undefined>): GeoKeyTags {
  const entries: { id: number; value: GeoKeyValue }[] = [];
  for (const [name, value] of Object.entries(keys)) {
    const id = geoKeyId(name);
    if (id === undefined || value === null || value === undefined) continue;
    entries.push({ id, value });
  }
  entries.sort((a, b) => a.id - b.id);
  const dir: number[] = [1, 1, 0, entries.length];
  const doubles: number[] = [];
  let ascii = '';
  for (const { id, value } of entries) {
    if (typeof value === 'string') {
      if (!ASCII_KEYS.has(id)) throw new Error(`GeoKey ${id}: a string where a number is expected`);
      const text = `${value}|`;
      dir.push(id, TAG_GEO_ASCII_PARAMS, text.length, ascii.length);
      ascii += text;
    } else if (typeof value === 'number' && !DOUBLE_KEYS.has(id)) {
      if (!Number.isInteger(value) || value < 0 || value > 65535) {
        throw new Error(`GeoKey ${id}: ${value} is not a SHORT value`);
      }
      dir.push(id, 0, 1, value);
    } else {
      const values = typeof value === 'number' ? [value] : Array.from(value);
      if (ASCII_KEYS.has(id)) throw new Error(`GeoKey ${id}: a number where a string is expected`);
      dir.push(id, TAG_GEO_DOUBLE_PARAMS, values.length, doubles.length);
      doubles.push(...values);
    }
  }
  return {
    directory: Uint16Array.from(dir),
    doubles: doubles.length ? Float64Array.from(doubles) : null,
    ascii: ascii.length ? ascii : null,
  };
}
