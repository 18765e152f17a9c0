/** Compare our summary.json with the numpy baseline's, on the numbers both write. */

export interface Difference {
  what: string;
  ours: number | null;
  theirs: number | null;
  relative: number;
}

interface RegionLike {
  id: string;
  areaKm2?: number;
  nep?: { mean?: number | null; slope?: number | null; p?: number | null };
  series?: { nep?: (number | null)[] };
  trendClasses?: Record<string, number>;
}

export function relDiff(a: number | null | undefined, b: number | null | undefined): number {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b)) return a === b ? 0 : Infinity;
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

const regionsOf = (s: unknown): RegionLike[] => {
  const r = (s as { regions?: RegionLike[] })?.regions;
  if (!Array.isArray(r)) throw new Error('summary.json has no "regions" list');
  return r;
};

/** The two numbers the benchmark must agree on (1e-6 relative): whole-region mean NEP and its slope. */
export function compareRequired(ours: unknown, theirs: unknown): Difference[] {
  const a = regionsOf(ours).find((r) => r.id === 'all');
  const b = regionsOf(theirs).find((r) => r.id === 'all');
  if (!a || !b) throw new Error('a summary.json has no region "all"');
  return (['mean', 'slope'] as const).map((k) => {
    const x = a.nep?.[k] ?? null;
    const y = b.nep?.[k] ?? null;
    return { what: `all: nep.${k}`, ours: x, theirs: y, relative: relDiff(x, y) };
  });
}

/** Everything else both write (area, p, yearly NEP, trend classes; zones matched by id): the largest difference of each kind. */
export function compareExtra(ours: unknown, theirs: unknown): Difference[] {
  const mine = new Map(regionsOf(ours).map((r) => [r.id, r]));
  const worst = new Map<string, Difference>();
  const note = (kind: string, id: string, x: number | null | undefined, y: number | null | undefined) => {
    const d: Difference = { what: `${kind} (worst: ${id})`, ours: x ?? null, theirs: y ?? null, relative: relDiff(x, y) };
    const prev = worst.get(kind);
    if (!prev || d.relative > prev.relative) worst.set(kind, d);
  };
  for (const b of regionsOf(theirs)) {
    const a = mine.get(b.id);
    if (!a) {
      worst.set(`region ${b.id}`, { what: `region ${b.id} missing in ours`, ours: null, theirs: null, relative: Infinity });
      continue;
    }
    note('areaKm2', b.id, a.areaKm2, b.areaKm2);
    if (b.id !== 'all') {
      note('zone nep.mean', b.id, a.nep?.mean, b.nep?.mean);
      note('zone nep.slope', b.id, a.nep?.slope, b.nep?.slope);
    }
    note('nep.p', b.id, a.nep?.p, b.nep?.p);
    (b.series?.nep ?? []).forEach((v, i) => note('series.nep', `${b.id}[${i}]`, a.series?.nep?.[i], v));
    // trend class shares: absolute difference (shares can be 0)
    for (const [k, v] of Object.entries(b.trendClasses ?? {})) {
      const x = a.trendClasses?.[k];
      const d = x == null ? Infinity : Math.abs(x - v);
      const prev = worst.get('trendClasses');
      if (!prev || d > prev.relative) worst.set('trendClasses', { what: `trendClasses (abs., worst: ${b.id} class ${k})`, ours: x ?? null, theirs: v, relative: d });
    }
  }
  return [...worst.values()];
}
