/**
 * Writes summary.json and the four result COGs so that nothing half-written is ever left as if
 * whole: everything goes to a hidden temporary folder inside --out first, then is renamed into
 * place, summary.json last.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflate } from 'node:zlib';
import { encodeCog } from '../io/cogWrite';
import type { Summary } from '../core/summary';
import type { Grid } from '../io/grid';
import type { FullRows } from '../engine/run';

export async function writeOutputs(out: string, grid: Grid, summary: Summary, rows: FullRows, log: (s: string) => void) {
  await mkdir(out, { recursive: true });
  const tmp = join(out, `.nep-analyze-${process.pid}-${Date.now()}`);
  await mkdir(tmp);
  try {
    const base = { width: grid.width, height: grid.height, geoTransform: grid.geoTransform, geoKeys: grid.crs.geoKeys };
    const rasters: [string, Parameters<typeof encodeCog>[0]][] = [
      ['nep_mean.tif', { ...base, data: rows.mean, noData: NaN }],
      ['nep_slope.tif', { ...base, data: rows.slope, noData: NaN }],
      ['nep_p.tif', { ...base, data: rows.p, noData: NaN }],
      ['trend_class.tif', { ...base, data: rows.cls, noData: -128 }],
    ];
    // The four COGs at once, their tiles compressed on libuv's thread pool (zlib.deflate): the
    // tiles of all four go over both cores while this thread cuts tiles and computes overviews.
    log(`Writing ${rasters.map(([name]) => name).join(', ')}`);
    await Promise.all(rasters.map(async ([name, input]) => writeFile(join(tmp, name), await encodeCog(input, { deflate: deflateAsync }))));
    await writeFile(join(tmp, 'summary.json'), JSON.stringify(summary, jsonNumbers, 2) + '\n');
    for (const [name] of rasters) await rename(join(tmp, name), join(out, name));
    await rename(join(tmp, 'summary.json'), join(out, 'summary.json'));
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** JSON has no NaN or Infinity: a value that cannot be computed is null (SPEC §4). */
function jsonNumbers(_key: string, v: unknown) {
  return typeof v === 'number' && !Number.isFinite(v) ? null : v;
}

/**
 * DEFLATE level 1 (zlib's fastest): on our float rasters (after the floating-point predictor)
 * the files are 1-3% larger than at level 6 (GDAL's default) for a third of the CPU time.
 */
const LEVEL = 1;

function deflateAsync(bytes: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    deflate(bytes, { level: LEVEL }, (err, z) => (err ? reject(err) : resolve(new Uint8Array(z.buffer, z.byteOffset, z.byteLength))));
  });
}
