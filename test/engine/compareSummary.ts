/**
 * Compares a summary.json of ours with the oracle's (GDAL + numpy + scipy), field by field, and
 * lists every difference beyond the tolerance with its JSON path.
 */
export interface Tolerance {
  /** Relative tolerance for values. */
  rel: number;
  /** Absolute tolerance, for values near 0 (shares, rho). */
  abs: number;
}

export function compareSummaries(ours: unknown, expected: unknown, tol: Tolerance, path = '$'): string[] {
  const out: string[] = [];
  walk(ours, expected, path);
  return out;

  function walk(a: unknown, e: unknown, p: string) {
    if (typeof e === 'number') {
      if (typeof a !== 'number') return void out.push(`${p}: expected ${e}, got ${JSON.stringify(a)}`);
      const d = Math.abs(a - e);
      if (d > tol.abs && d > tol.rel * Math.abs(e)) out.push(`${p}: expected ${e}, got ${a} (diff ${d.toExponential(2)})`);
      return;
    }
    if (e === null || typeof e !== 'object') {
      if (a !== e) out.push(`${p}: expected ${JSON.stringify(e)}, got ${JSON.stringify(a)}`);
      return;
    }
    if (Array.isArray(e)) {
      if (!Array.isArray(a) || a.length !== e.length) return void out.push(`${p}: expected an array of ${e.length}, got ${JSON.stringify(a)?.slice(0, 80)}`);
      e.forEach((x, i) => walk(a[i], x, `${p}[${i}]`));
      return;
    }
    if (!a || typeof a !== 'object' || Array.isArray(a)) return void out.push(`${p}: expected an object, got ${JSON.stringify(a)?.slice(0, 80)}`);
    for (const k of Object.keys(e)) walk((a as Record<string, unknown>)[k], (e as Record<string, unknown>)[k], `${p}.${k}`);
    for (const k of Object.keys(a)) if (!(k in (e as object))) out.push(`${p}.${k}: not expected`);
  }
}
