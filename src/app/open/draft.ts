/**
 * The "open your files" form's state (a Draft), made from a proposal (src/io/guess), and turned
 * into a dataset.json plus the picked files it refers to. Pure: no DOM, no I/O.
 *
 * Files of a role whose names follow one template (npp_2001.tif, npp_2002.tif, …) are written
 * as that template, so the saved dataset.json works beside the files. Files whose names follow
 * no single template get virtual paths (`picked/<role>/{year}.tif`) that resolve to the picked
 * files; a saved manifest with them needs the files renamed, and the form says so.
 */
import { templateOf, type Proposal } from '../../io/guess/proposeDataset';
import type { RasterRole } from '../../io/guess/roleFromName';
import type { ValueStats } from '../../io/guess/roleFromValues';
import { expandPath } from '../../io/paths';

export const ROLES: RasterRole[] = ['npp', 'nep', 'temperature', 'precipitation', 'humidity', 'sunshine'];
export const ROLE_LABEL: Record<RasterRole, string> = {
  npp: 'NPP', nep: 'NEP', temperature: 'Temperature', precipitation: 'Precipitation', humidity: 'Humidity', sunshine: 'Sunshine',
};

export interface DraftRaster {
  path: string;
  role: RasterRole | 'ignore';
  year: number | null;
  /** Why the role was guessed, or what is wrong with the file. */
  reason: string;
  stats?: ValueStats;
  /** The file could not be read: its one-line problem (the person must leave it out or fix it). */
  problem?: string;
}

/** Layer settings as typed in the form (text, checked on conversion). */
export interface DraftLayer {
  scale: string;
  offset: string;
  /** Extra nodata codes, comma separated. */
  nodata: string;
  validMin: string;
  validMax: string;
}

export interface DraftVector {
  path: string;
  /** Property names of its features, in first-seen order. */
  properties: string[];
  features: number;
  problem?: string;
}

export interface Draft {
  name: string;
  rasters: DraftRaster[];
  layers: Record<RasterRole, DraftLayer>;
  vectors: DraftVector[];
  tables: string[];
  zones: string | null;
  idProperty: string;
  nameProperty: string;
  boundary: string | null;
  climateTable: string | null;
}

const EMPTY_LAYER: DraftLayer = { scale: '', offset: '', nodata: '', validMin: '', validMax: '' };

/** The id property: an id-like name, else the first property; the name property: a name-like one, else the id. */
export function guessZoneProperties(props: string[]): { id: string; name: string } {
  const id = props.find((p) => /^(id|code|zone_?id|zone_?code|fid|objectid)$/i.test(p)) ?? props.find((p) => /id$|code$/i.test(p)) ?? props[0] ?? '';
  const name = props.find((p) => /^(name|label|title|zone_?name)$/i.test(p)) ?? props.find((p) => /name|label/i.test(p)) ?? id;
  return { id, name };
}

export function draftFromProposal(
  p: Proposal,
  stats: Map<string, ValueStats>,
  problems: Map<string, string>,
  vectors: DraftVector[],
  name: string,
): Draft {
  const layers = Object.fromEntries(ROLES.map((r) => [r, { ...EMPTY_LAYER }])) as Record<RasterRole, DraftLayer>;
  for (const r of ROLES) {
    const l = p.layers[r];
    if (!l) continue;
    if (l.scale !== undefined) layers[r].scale = String(l.scale);
    if (l.valid) {
      layers[r].validMin = String(l.valid[0]);
      layers[r].validMax = String(l.valid[1]);
    }
  }
  const rasters: DraftRaster[] = p.files
    .filter((f) => /\.(tiff?|cog)$/i.test(f.name))
    .map((f) => {
      const problem = problems.get(f.name);
      const kind = f.kind as RasterRole | 'ignored';
      return {
        path: f.name,
        role: problem || kind === 'ignored' ? 'ignore' : kind,
        year: f.year,
        reason: problem ?? f.reason,
        stats: stats.get(f.name),
        problem,
      };
    });
  const zonesVec = vectors.find((v) => v.path === p.zones);
  const guess = guessZoneProperties(zonesVec?.properties ?? []);
  return {
    name,
    rasters,
    layers,
    vectors,
    tables: p.files.filter((f) => f.kind === 'climate-table').map((f) => f.name),
    zones: p.zones,
    idProperty: guess.id,
    nameProperty: guess.name,
    boundary: p.boundary,
    climateTable: p.climateTable,
  };
}

export interface DraftManifest {
  /** The dataset.json, as an object (SPEC §2). */
  manifest: Record<string, unknown>;
  /** Manifest path → picked file path (identity for real templates; virtual paths otherwise). */
  paths: Map<string, string>;
  /** What must be fixed before it can run; empty when it can. */
  problems: string[];
  /** Things that are fine to run but worth knowing (e.g. the saved manifest needs renamed files). */
  notes: string[];
}

/** The years of the main layer (NEP when any file is NEP, else NPP), sorted. */
export function draftYears(d: Draft): number[] {
  const main: RasterRole = d.rasters.some((r) => r.role === 'nep') ? 'nep' : 'npp';
  return [...new Set(d.rasters.filter((r) => r.role === main && r.year !== null).map((r) => r.year!))].sort((a, b) => a - b);
}

export function draftToManifest(d: Draft): DraftManifest {
  const problems: string[] = [];
  const notes: string[] = [];
  const paths = new Map<string, string>();
  const hasNep = d.rasters.some((r) => r.role === 'nep');
  const main: RasterRole = hasNep ? 'nep' : 'npp';
  const years = draftYears(d);
  if (years.length === 0) problems.push('no NPP (or NEP) file: set the role of the NPP files');
  else if (years.length < 3) problems.push(`only ${years.length} year${years.length === 1 ? '' : 's'} of ${ROLE_LABEL[main]}: at least 3 are needed for a trend`);
  if (hasNep && d.rasters.some((r) => r.role === 'npp')) problems.push('give NPP or NEP files, not both');

  const m: Record<string, unknown> = { name: d.name.trim() || 'My dataset' };
  const consecutive = years.every((y, i) => i === 0 || y === years[i - 1] + 1);
  m.years = consecutive && years.length ? { from: years[0], to: years[years.length - 1] } : years;

  const layerOf = (role: RasterRole): Record<string, unknown> | null => {
    const files = new Map<number, string>();
    for (const r of d.rasters) {
      if (r.role !== role) continue;
      if (r.year === null) { problems.push(`${r.path}: no year; type the year it holds`); continue; }
      if (files.has(r.year)) { problems.push(`${r.path}: a second ${ROLE_LABEL[role]} file for ${r.year} (the other is ${files.get(r.year)})`); continue; }
      files.set(r.year, r.path);
    }
    if (files.size === 0) return null;
    const missing = years.filter((y) => !files.has(y));
    if (missing.length) problems.push(`${ROLE_LABEL[role]}: no file for ${missing.join(', ')}`);
    let template = templateOf(files);
    if (template === null) {
      template = `picked/${role}/{year}.tif`;
      notes.push(`${ROLE_LABEL[role]} file names follow no single pattern: a saved dataset.json needs them renamed to one pattern (e.g. ${role}_2005.tif)`);
    }
    for (const [y, path] of files) paths.set(expandPath(template, y), path);
    const s = d.layers[role];
    const out: Record<string, unknown> = { path: template };
    const num = (field: string, text: string): number | undefined => {
      const t = text.trim();
      if (t === '') return undefined;
      const v = Number(t);
      if (!Number.isFinite(v)) { problems.push(`${ROLE_LABEL[role]} ${field}: "${t}" is not a number`); return undefined; }
      return v;
    };
    const scale = num('scale', s.scale);
    if (scale === 0) problems.push(`${ROLE_LABEL[role]} scale: must not be 0`);
    else if (scale !== undefined && scale !== 1) out.scale = scale;
    const offset = num('offset', s.offset);
    if (offset !== undefined && offset !== 0) out.offset = offset;
    const nodata = s.nodata.split(/[,;\s]+/).filter(Boolean).map((t) => num('nodata', t)).filter((v): v is number => v !== undefined);
    if (nodata.length) out.nodata = nodata;
    const lo = num('valid minimum', s.validMin);
    const hi = num('valid maximum', s.validMax);
    if ((lo === undefined) !== (hi === undefined)) problems.push(`${ROLE_LABEL[role]} valid range: give both minimum and maximum, or neither`);
    else if (lo !== undefined && hi !== undefined) {
      if (lo > hi) problems.push(`${ROLE_LABEL[role]} valid range: minimum ${lo} is above maximum ${hi}`);
      else out.valid = [lo, hi];
    }
    return out;
  };

  const mainLayer = layerOf(main);
  if (mainLayer) m[main] = mainLayer;
  const climate: Record<string, unknown> = {};
  for (const v of ['temperature', 'precipitation', 'humidity', 'sunshine'] as const) {
    const l = layerOf(v);
    if (l) climate[v] = l;
  }
  if (Object.keys(climate).length) {
    m.climate = climate;
    if (d.climateTable) notes.push(`${d.climateTable} is not used: climate comes from the rasters`);
  } else if (d.climateTable) {
    m.climate = { table: d.climateTable };
    paths.set(d.climateTable, d.climateTable);
  }
  if (d.zones) {
    const v = d.vectors.find((x) => x.path === d.zones);
    if (!d.idProperty) problems.push(`${d.zones}: choose the property that holds the zone id`);
    else if (v && v.properties.length && !v.properties.includes(d.idProperty)) problems.push(`${d.zones}: no property "${d.idProperty}"`);
    m.zones = { path: d.zones, idProperty: d.idProperty, nameProperty: d.nameProperty || d.idProperty };
    paths.set(d.zones, d.zones);
  }
  if (d.boundary) {
    if (d.boundary === d.zones) problems.push(`${d.boundary}: the same file cannot be the zones and the boundary`);
    m.boundary = { path: d.boundary };
    paths.set(d.boundary, d.boundary);
  }
  if (main === 'npp' && mainLayer && !(climate.temperature && climate.precipitation) && !d.climateTable) {
    notes.push('No climate: trends and zones are computed on NPP; Rh and correlations need temperature and precipitation');
  }
  return { manifest: m, paths, problems, notes };
}
