/**
 * A plan for the engine's workers with every file this page holds in memory (a stored entry of a
 * ZIP it read whole, io/zip.ts entryBytes) as a copy of its bytes. A Blob sent to a worker is read
 * there through the browser's blob store (an IPC round trip and a copy, for every file in every
 * worker: ~0.3–0.45 s of a worker's first block on the demo's 69 files); bytes arrive with the
 * message. Files above WHOLE_BLOB_BYTES stay Blobs (read tile by tile, as before).
 */
import { entryBytes } from '../../io/zip';
import { WHOLE_BLOB_BYTES } from '../../io/geotiff';
import type { DatasetPlan, FileRef, LayerPlan } from '../plan';

/**
 * `plan` with its in-memory files as bytes (see above), and those new buffers, to transfer with
 * the message (each call copies them: one copy a worker); the plan itself when it has none.
 */
export function withInMemoryFiles(plan: DatasetPlan): { plan: DatasetPlan; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const bytesOf = (f: FileRef): FileRef => {
    if (typeof Blob === 'undefined' || !(f instanceof Blob) || f.size > WHOLE_BLOB_BYTES) return f;
    const b = entryBytes(f);
    if (!b) return f;
    const copy = b.slice().buffer;
    transfer.push(copy);
    return copy;
  };
  const layer = (l: LayerPlan | null): LayerPlan | null => l && { ...l, files: l.files.map(bytesOf) };
  const climateRasters: DatasetPlan['climateRasters'] = {};
  for (const [v, l] of Object.entries(plan.climateRasters) as [keyof DatasetPlan['climateRasters'], LayerPlan][]) climateRasters[v] = layer(l)!;
  const out: DatasetPlan = {
    ...plan,
    npp: layer(plan.npp),
    nep: layer(plan.nep),
    climateRasters,
    zoneRaster: plan.zoneRaster && { ...plan.zoneRaster, file: bytesOf(plan.zoneRaster.file) },
  };
  return transfer.length ? { plan: out, transfer } : { plan, transfer };
}
