/**
 * Dataset paths (SPEC §2): `{year}` templates, and paths relative to the manifest — a local
 * file in Node, a URL in the browser. Pure string work (no `node:path`), so it runs in both.
 */

/** Replaces every `{year}` in `template` with the year. */
export function expandPath(template: string, year: number): string {
  return template.split('{year}').join(String(year));
}

/** A URL with a scheme (http:, https:, file:, blob:, data:, …); a Windows drive letter is not one. */
const SCHEME = /^[a-z][a-z0-9+.-]+:/i;
const WINDOWS_ABSOLUTE = /^[a-z]:[\\/]/i;

export function isUrl(s: string): boolean {
  return SCHEME.test(s) && !WINDOWS_ABSOLUTE.test(s);
}

/**
 * Resolves `path` against `base`, the manifest's own path or URL.
 * - `path` an absolute URL (http(s):, file:, …): kept as it is.
 * - `base` a URL: `new URL(path, base)` — relative to the manifest's folder, as a browser does.
 * - otherwise (Node, local files): `path` if absolute, else joined to `base`'s folder and normalized.
 */
export function resolvePath(base: string, path: string): string {
  if (isUrl(path)) return path;
  if (isUrl(base)) return new URL(path, base).href;
  if (path.startsWith('/') || WINDOWS_ABSOLUTE.test(path) || path.startsWith('\\\\')) return path;
  const sep = base.includes('\\') && !base.includes('/') ? '\\' : '/';
  const cut = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
  const dir = cut >= 0 ? base.slice(0, cut + 1) : '';
  return normalize(dir + path, sep);
}

/** Removes `.` and resolves `..` segments (never above the start of a relative path). */
function normalize(p: string, sep: string): string {
  const absolute = p.startsWith('/') || p.startsWith('\\');
  const drive = WINDOWS_ABSOLUTE.test(p) ? p.slice(0, 2) : '';
  const body = drive ? p.slice(2) : p;
  const out: string[] = [];
  for (const seg of body.split(/[\\/]/)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (seg === '..' && (absolute || drive)) continue;
    else out.push(seg);
  }
  const joined = out.join(sep);
  if (drive) return drive + sep + joined;
  return (absolute ? sep : '') + (joined || (absolute ? '' : '.'));
}
