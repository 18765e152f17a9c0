/**
 * How large a dataset the app holds. The engine streams blocks, but the app keeps, for every
 * included pixel, its series over all years (PixelMaps, src/engine/types.ts) for the pixel panel
 * and the yearly maps:
 *   per pixel-year: NEP, NPP, Rh and each climate variable as Float32 → 4 × (3 + V) bytes
 *   per pixel: index 4, zone 2, mean/slope/p 12, class 1, rho 4 × V → 19 + 4 × V bytes
 * The worker parts are joined at the end, so the peak is about twice that. We count every pixel
 * of the grid (an upper bound of the included ones) and refuse above MAX_PIXEL_YEARS, naming the
 * file and pointing to `npm run analyze`, which keeps no per-pixel series.
 */
import { DatasetError } from '../../io/errors';

/** Grid pixels × years the app accepts: 40 M ≈ 1.1 GB of series with four climate variables (≈ 2.2 GB at the peak). */
export const MAX_PIXEL_YEARS = 40_000_000;

/** Bytes of PixelMaps for `pixels` included pixels over `years` years with `climateVars` climate variables. */
export function pixelMapsBytes(pixels: number, years: number, climateVars: number): number {
  return pixels * years * 4 * (3 + climateVars) + pixels * (19 + 4 * climateVars);
}

export function formatBytes(b: number): string {
  if (b >= 1e9) return `${(b / 1e9).toFixed(1)} GB`;
  if (b >= 1e6) return `${(b / 1e6).toFixed(0)} MB`;
  return `${Math.ceil(b / 1e3)} kB`;
}

/** Throws DatasetError(file, …) when width × height × years is above MAX_PIXEL_YEARS. */
export function assertFitsInBrowser(width: number, height: number, years: number, climateVars: number, file: string): void {
  const py = width * height * years;
  if (py <= MAX_PIXEL_YEARS) return;
  const m = (v: number) => `${(v / 1e6).toFixed(1)} million`;
  throw new DatasetError(
    file,
    `too large for the browser: ${width} × ${height} px × ${years} years = ${m(py)} pixel-years ` +
      `(up to ${formatBytes(pixelMapsBytes(width * height, years, climateVars))} of per-pixel series; the app takes up to ${m(MAX_PIXEL_YEARS)}). ` +
      'Clip the rasters to the study area, or run `npm run analyze -- dataset.json --out results` and open its outputs in QGIS.',
  );
}
