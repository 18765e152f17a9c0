/**
 * A plan for the engine's workers with the files this page holds in memory (entries of a ZIP read
 * whole, io/zip.ts: views of the archive's bytes) sent as bytes: views of the worker's own copy of
 * the archive, one copy a worker (not one a file: copying the demo's 115 files one by one for each
 * worker took the page's thread ~0.1 s as the analysis started). A Blob is read by the worker
 * through the browser's blob store (an IPC round trip and a copy, for every file in every worker:
 * ~0.3–0.45 s of a worker's first block on the demo's 69 files).
 *
 * A worker is sent the bytes once per prepared dataset (DatasetPlan.filesId): the plans after the
 * first (a first map's overview level, then the full plan, the checked plan) carry an empty array
 * in their place (keptFiles), and the worker puts back the bytes it kept (createFileKeeper).
 * Sending them with every plan copied the demo's 9.4 MB again for each worker and plan, on the
 * page's busy thread.
 */
import type { DatasetPlan, FileRef, LayerPlan } from '../plan';

/**
 * `plan` with its in-memory files as bytes (see above), and the new copies of the archives they
 * lie in, to transfer with the message (each call copies them: one copy a worker); the plan
 * itself when it has none.
 */
export function withInMemoryFiles(plan: DatasetPlan): { plan: DatasetPlan; transfer: ArrayBuffer[] } {
  const bytesOf = (f: FileRef) => (f instanceof Uint8Array ? f : null);
  // How much of each archive the plan's files take: most of it, one copy of the archive (the demo:
  // all of it); a few files of a larger one, a copy of each.
  const used = new Map<ArrayBufferLike, number>();
  mapFiles(plan, (f) => {
    const b = bytesOf(f);
    if (b) used.set(b.buffer, (used.get(b.buffer) ?? 0) + b.length);
    return f;
  });
  if (used.size === 0) return { plan, transfer: [] };
  const copies = new Map<ArrayBufferLike, ArrayBuffer>();
  const transfer: ArrayBuffer[] = [];
  const out = mapFiles(plan, (f) => {
    const b = bytesOf(f);
    if (!b) return f;
    if (2 * used.get(b.buffer)! < b.buffer.byteLength) {
      const own = b.slice();
      transfer.push(own.buffer);
      return own;
    }
    let copy = copies.get(b.buffer);
    if (!copy) {
      copies.set(b.buffer, (copy = b.buffer.slice(0) as ArrayBuffer));
      transfer.push(copy);
    }
    return new Uint8Array(copy, b.byteOffset, b.length);
  });
  return { plan: out, transfer };
}

/** `plan` for a worker that holds its in-memory files already (a later plan of the dataset): an empty array in place of each. */
export function keptFiles(plan: DatasetPlan): DatasetPlan {
  let any = false;
  const out = mapFiles(plan, (f) => {
    if (!(f instanceof Uint8Array || f instanceof ArrayBuffer)) return f;
    any = true;
    return KEPT;
  });
  return any ? out : plan;
}

/** What keptFiles puts in place of a file's bytes (cloned as nothing). */
const KEPT = new Uint8Array(0);

/** Plan files by layer (and the zone raster's file), with each one's name. */
function mapFiles(plan: DatasetPlan, f: (file: FileRef, name: string) => FileRef): DatasetPlan {
  const layer = (l: LayerPlan | null): LayerPlan | null => l && { ...l, files: l.files.map((x, i) => f(x, l.names[i])) };
  const climateRasters: DatasetPlan['climateRasters'] = {};
  for (const [v, l] of Object.entries(plan.climateRasters) as [keyof DatasetPlan['climateRasters'], LayerPlan][]) climateRasters[v] = layer(l)!;
  return {
    ...plan,
    npp: layer(plan.npp),
    nep: layer(plan.nep),
    climateRasters,
    zoneRaster: plan.zoneRaster && { ...plan.zoneRaster, file: f(plan.zoneRaster.file, plan.zoneRaster.name) },
  };
}

/**
 * In a worker: keeps the bytes that came with a plan (withInMemoryFiles), by file name, for the
 * later plans of the same dataset (filesId), whose empty arrays (keptFiles) it replaces with them.
 */
export function createFileKeeper(): (plan: DatasetPlan) => DatasetPlan {
  let id: string | undefined;
  let byName = new Map<string, ArrayBuffer | Uint8Array>();
  return (plan) => {
    if (plan.filesId === undefined || plan.filesId !== id) {
      id = plan.filesId;
      byName = new Map();
    }
    if (plan.filesId === undefined) return plan;
    return mapFiles(plan, (file, name) => {
      if (!(file instanceof ArrayBuffer || file instanceof Uint8Array)) return file;
      if (file.byteLength > 0) {
        byName.set(name, file);
        return file;
      }
      return byName.get(name) ?? file;
    });
  };
}
