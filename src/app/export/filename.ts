/**
 * File names for exports that say what they hold: `<kind>_<dataset slug>_<region>.<ext>`,
 * e.g. `nep-series_qilian_III-1-2.png`, `correlation_qilian_all.csv`. Every part is
 * sanitized, since slugs and zone ids come from user files.
 */

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

/**
 * A safe file-name part: letters (any script) and digits, '.', '_' and '-' kept; anything
 * else (spaces, slashes, quotes, control characters, …) becomes '-'; runs of '-' collapse;
 * no leading or trailing '-', '.' or '_'; at most 60 characters; never empty.
 */
export function sanitizeFilePart(s: string, fallback = 'unnamed'): string {
  let t = s.normalize('NFC').replace(/[^\p{L}\p{N}._-]+/gu, '-');
  t = t.replace(/-{2,}/g, '-').replace(/^[-._]+|[-._]+$/g, '');
  t = [...t].slice(0, 60).join('').replace(/[-._]+$/g, '');
  if (t === '') return fallback;
  if (WINDOWS_RESERVED.test(t)) t += '_';
  return t;
}

/**
 * `<kind>_<slug>_<region>.<ext>`, every part sanitized; `<kind>_<slug>.<ext>` when `region` is
 * null (a file about every region, e.g. `nep-zones_qilian.png`).
 */
export function exportFileName(kind: string, slug: string, region: string | null, ext: string): string {
  const where = region === null ? '' : `_${sanitizeFilePart(region)}`;
  return `${sanitizeFilePart(kind)}_${sanitizeFilePart(slug, 'dataset')}${where}.${sanitizeFilePart(ext, 'bin')}`;
}

/** A pixel's location for a file name: 4 decimals with hemispheres, e.g. `pixel-99.1234E-38.5000N`. */
export function pixelFilePart(lon: number, lat: number): string {
  const f = (v: number, pos: string, neg: string) => `${Math.abs(v).toFixed(4)}${v < 0 ? neg : pos}`;
  return `pixel-${f(lon, 'E', 'W')}-${f(lat, 'N', 'S')}`;
}
