/**
 * A proposed dataset from a set of picked or dropped files: each file's year and role (from its
 * name, else its values), one path template per role, and the problems a person must fix before
 * it can run. The person confirms or fixes it in a form; `proposalToManifest` writes it out.
 */
import { roleFromName, type RasterRole } from './roleFromName';
import { roleFromValues, type ValueStats } from './roleFromValues';
import { yearFromName } from './yearFromName';

export type FileKind = RasterRole | 'zones' | 'boundary' | 'climate-table' | 'manifest' | 'ignored';

export interface FileInfo {
  /** Path relative to the picked folder (or just the file name). */
  name: string;
  /** For rasters: value statistics of a sample, when read. */
  stats?: ValueStats;
  /** For GeoJSON: how many polygon features it has, when read. */
  features?: number;
}

export interface ProposedFile {
  name: string;
  kind: FileKind;
  year: number | null;
  reason: string;
}

export interface ProposedLayer {
  /** Path template with {year}, when every file of the role follows one; else null. */
  template: string | null;
  files: Map<number, string>;
  scale?: number;
  valid?: [number, number];
}

export interface Proposal {
  files: ProposedFile[];
  years: number[];
  layers: Partial<Record<RasterRole, ProposedLayer>>;
  zones: string | null;
  boundary: string | null;
  climateTable: string | null;
  manifest: string | null;
  problems: string[];
}

const RASTER = /\.(tiff?|cog)$/i;

export function classifyFile(f: FileInfo): ProposedFile {
  const lower = f.name.toLowerCase();
  const year = RASTER.test(lower) ? yearFromName(f.name) : null;
  if (/(^|\/)dataset\.json$/.test(lower) || lower.endsWith('.manifest.json')) return { name: f.name, kind: 'manifest', year: null, reason: 'a dataset manifest' };
  if (lower.endsWith('.csv')) return { name: f.name, kind: 'climate-table', year: null, reason: 'a CSV: the climate table' };
  if (lower.endsWith('.zip')) return { name: f.name, kind: 'zones', year: null, reason: 'a zipped Shapefile: zones' };
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) {
    if (/boundary|border|outline|park|extent/.test(lower) || f.features === 1) return { name: f.name, kind: 'boundary', year: null, reason: 'one polygon, or named as a boundary' };
    return { name: f.name, kind: 'zones', year: null, reason: 'polygons: zones' };
  }
  if (!RASTER.test(lower)) return { name: f.name, kind: 'ignored', year: null, reason: 'not a GeoTIFF, GeoJSON, zipped Shapefile or CSV' };
  const byName = roleFromName(f.name);
  if (byName) return { name: f.name, kind: byName, year, reason: 'from its name' };
  if (f.stats) {
    const g = roleFromValues(f.stats);
    if (g.role) return { name: f.name, kind: g.role, year, reason: g.reason };
  }
  return { name: f.name, kind: 'ignored', year, reason: 'neither its name nor its values tell what it holds' };
}

export function proposeDataset(files: FileInfo[]): Proposal {
  const classified = files.map(classifyFile);
  const layers: Partial<Record<RasterRole, ProposedLayer>> = {};
  const problems: string[] = [];
  for (const f of classified) {
    if (f.kind === 'ignored' || f.kind === 'zones' || f.kind === 'boundary' || f.kind === 'climate-table' || f.kind === 'manifest') continue;
    if (f.year === null) { problems.push(`${f.name}: no year in the file name; rename it (e.g. npp_2005.tif) or set its year`); continue; }
    const layer: ProposedLayer = (layers[f.kind] ??= { template: null, files: new Map<number, string>() });
    if (layer.files.has(f.year)) problems.push(`${f.name}: a second ${f.kind} file for ${f.year} (the other is ${layer.files.get(f.year)})`);
    else layer.files.set(f.year, f.name);
    const stats = files.find((x) => x.name === f.name)?.stats;
    if (f.kind === 'npp' && stats) {
      const g = roleFromValues(stats);
      if (g.role === 'npp' && g.scale) { layer.scale = g.scale; layer.valid = g.valid; }
    }
  }
  for (const layer of Object.values(layers)) layer!.template = templateOf(layer!.files);
  const main = layers.nep ?? layers.npp;
  const years = main ? [...main.files.keys()].sort((a, b) => a - b) : [];
  if (!main) problems.push('no NPP (or NEP) rasters found: name them like npp_2005.tif, or set their role');
  else if (years.length < 3) problems.push(`only ${years.length} year${years.length === 1 ? '' : 's'} of ${layers.nep ? 'NEP' : 'NPP'}: at least 3 are needed for a trend`);
  for (const [role, layer] of Object.entries(layers)) {
    if (layer === main) continue;
    const missing = years.filter((y) => !layer!.files.has(y));
    if (missing.length) problems.push(`${role}: no file for ${missing.join(', ')}`);
  }
  const pick = (k: FileKind) => classified.find((f) => f.kind === k)?.name ?? null;
  return {
    files: classified,
    years,
    layers,
    zones: pick('zones'),
    boundary: pick('boundary'),
    climateTable: pick('climate-table'),
    manifest: pick('manifest'),
    problems,
  };
}

/** The one template (`npp_{year}.tif`) every file of a layer follows, or null. */
export function templateOf(files: Map<number, string>): string | null {
  let t: string | null = null;
  for (const [year, name] of files) {
    const i = name.lastIndexOf(String(year));
    if (i < 0) return null;
    const candidate = name.slice(0, i) + '{year}' + name.slice(i + 4);
    if (t !== null && t !== candidate) return null;
    t = candidate;
  }
  return t;
}

/** The dataset.json (SPEC §2) for a confirmed proposal; layers without a template are left out. */
export function proposalToManifest(p: Proposal, name: string): Record<string, unknown> {
  const layer = (l: ProposedLayer) => ({
    path: l.template,
    ...(l.scale !== undefined ? { scale: l.scale } : {}),
    ...(l.valid ? { valid: l.valid } : {}),
  });
  const m: Record<string, unknown> = { name, years: isRange(p.years) ? { from: p.years[0], to: p.years[p.years.length - 1] } : p.years };
  if (p.layers.nep?.template) m.nep = layer(p.layers.nep);
  else if (p.layers.npp?.template) m.npp = layer(p.layers.npp);
  const climate: Record<string, unknown> = {};
  for (const v of ['temperature', 'precipitation', 'humidity', 'sunshine'] as const) {
    const l = p.layers[v];
    if (l?.template) climate[v] = layer(l);
  }
  if (Object.keys(climate).length) m.climate = climate;
  else if (p.climateTable) m.climate = { table: p.climateTable };
  if (p.zones) m.zones = { path: p.zones, idProperty: 'id', nameProperty: 'name' };
  if (p.boundary) m.boundary = { path: p.boundary };
  return m;
}

function isRange(years: number[]): boolean {
  return years.every((y, i) => i === 0 || y === years[i - 1] + 1);
}
