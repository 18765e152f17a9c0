/**
 * Reads what the proposal needs from picked files, without trusting them: each GeoTIFF's header
 * and a sample of its values (three tile rows: near the top, the middle and the bottom), each
 * vector file's features and properties. A file that cannot be read keeps its one-line problem.
 */
import { openRaster } from '../../io/raster';
import { loadZones } from '../../io/zones';
import { isDatasetError } from '../../io/errors';
import type { ValueStats } from '../../io/guess/roleFromValues';
import { proposeDataset, type Proposal } from '../../io/guess/proposeDataset';
import type { PickedFile } from './pickedFiles';
import type { DraftVector } from './draft';

export interface Inspected {
  proposal: Proposal;
  stats: Map<string, ValueStats>;
  problems: Map<string, string>;
  vectors: DraftVector[];
}

const RASTER = /\.(tiff?|cog)$/i;
const VECTOR = /\.(geojson|json|zip)$/i;

export async function rasterStats(file: Blob, name: string): Promise<ValueStats> {
  const src = await openRaster(file, name);
  try {
    const h = src.grid.height;
    const rows = Math.max(1, Math.min(h, src.blockHeight > 1 ? src.blockHeight : Math.ceil(4096 / src.grid.width)));
    const starts = [...new Set([Math.floor(h / 4), Math.floor(h / 2), Math.floor((3 * h) / 4)].map((y) => Math.min(h - rows, Math.floor(y / rows) * rows)))];
    let min = Infinity, max = -Infinity, sum = 0, count = 0;
    for (const y0 of starts) {
      const v = await src.readRows(y0, y0 + rows);
      for (let i = 0; i < v.length; i++) {
        const x = Number(v[i]);
        if (!Number.isFinite(x) || x === src.noData) continue;
        if (x < min) min = x;
        if (x > max) max = x;
        sum += x;
        count++;
      }
    }
    return { dtype: src.dtype, min: count ? min : 0, max: count ? max : 0, mean: count ? sum / count : 0, count };
  } finally {
    src.close();
  }
}

async function vectorInfo(f: PickedFile): Promise<DraftVector> {
  try {
    const data = f.path.toLowerCase().endsWith('.zip') ? await f.file.arrayBuffer() : await f.file.text();
    const zones = await loadZones(data, f.path);
    const props: string[] = [];
    for (const z of zones) for (const k of Object.keys(z.properties ?? {})) if (!props.includes(k)) props.push(k);
    return { path: f.path, properties: props, features: zones.length };
  } catch (e) {
    return { path: f.path, properties: [], features: 0, problem: isDatasetError(e) ? e.problem : String((e as Error)?.message ?? e) };
  }
}

/** Inspects every picked file (rasters one at a time, with progress) and proposes a dataset. */
export async function inspectFiles(files: PickedFile[], onProgress: (done: number, total: number, name: string) => void = () => {}): Promise<Inspected> {
  const stats = new Map<string, ValueStats>();
  const problems = new Map<string, string>();
  const vectors: DraftVector[] = [];
  let done = 0;
  for (const f of files) {
    onProgress(done++, files.length, f.path);
    if (RASTER.test(f.path)) {
      try {
        stats.set(f.path, await rasterStats(f.file, f.path));
      } catch (e) {
        problems.set(f.path, isDatasetError(e) ? e.problem : String((e as Error)?.message ?? e));
      }
    } else if (VECTOR.test(f.path) && !/(^|\/)dataset\.json$/i.test(f.path)) {
      const v = await vectorInfo(f);
      vectors.push(v);
      if (v.problem) problems.set(f.path, v.problem);
    }
  }
  const proposal = proposeDataset(
    files.map((f) => ({ name: f.path, stats: stats.get(f.path), features: vectors.find((v) => v.path === f.path)?.features })),
  );
  return { proposal, stats, problems, vectors };
}
