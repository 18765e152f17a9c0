/**
 * The result rasters of SPEC §4 from the app's per-pixel maps, as the command line writes them:
 * nep_mean, nep_slope, nep_p (Float32, nodata NaN) and trend_class (Int8, −128), full grid,
 * the analysis grid's geotransform and CRS, encoded as COGs by the same writer.
 */
import { encodeCog } from '../../io/cogWrite';
import type { PixelMaps } from '../../engine/types';

export type ResultRaster = 'nep_mean' | 'nep_slope' | 'nep_p' | 'trend_class';
export const RESULT_RASTERS: readonly ResultRaster[] = ['nep_mean', 'nep_slope', 'nep_p', 'trend_class'];

/** Spreads per-included-pixel values over the whole grid; every other cell gets `fill`. */
export function toFullGrid<T extends Float32Array | Int8Array>(maps: PixelMaps, values: T, make: (n: number) => T, fill: number): T {
  const out = make(maps.grid.width * maps.grid.height);
  out.fill(fill);
  const idx = maps.index;
  for (let k = 0; k < idx.length; k++) out[idx[k]] = values[k];
  return out;
}

export function resultRasterData(maps: PixelMaps, which: ResultRaster): { data: Float32Array | Int8Array; noData: number } {
  if (which === 'trend_class') return { data: toFullGrid(maps, maps.cls, (n) => new Int8Array(n), -128), noData: -128 };
  const values = which === 'nep_mean' ? maps.mean : which === 'nep_slope' ? maps.slope : maps.p;
  return { data: toFullGrid(maps, values, (n) => new Float32Array(n), NaN), noData: NaN };
}

export async function encodeResultRaster(maps: PixelMaps, which: ResultRaster): Promise<Uint8Array> {
  const { data, noData } = resultRasterData(maps, which);
  const g = maps.grid;
  return encodeCog({ width: g.width, height: g.height, data, geoTransform: g.geoTransform, geoKeys: g.crs.geoKeys, noData });
}

/** `nep_mean_qilian.tif`; an NPP-only analysis writes `npp_mean_…`. */
export function resultRasterFileName(which: ResultRaster, slug: string, variable: 'NEP' | 'NPP' = 'NEP'): string {
  const stem = variable === 'NPP' ? which.replace(/^nep_/, 'npp_') : which;
  return `${stem}_${slug}.tif`;
}
