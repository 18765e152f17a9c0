/** How many rows a block of the browser's engine holds. */

/**
 * Rows per block in the browser. Each worker keeps the tiles it decoded for the tile row it is in,
 * so blocks of one tile row each decode every tile once; a block is then one tile row, as long as
 * there are enough tile rows (MIN_TILE_ROWS, three for each of two workers) for the workers to
 * share them evenly however unevenly a park's pixels spread over the rows. With fewer, taller
 * tile rows (512-row tiles on a small grid), even shares matter more than decoding a tile in two
 * workers: blocks of about 65,536 pixels. Never above the plan's own block height. The blocks do not
 * depend on the number of workers, so neither do the numbers (zonal sums merge in block order).
 */
export function balancedBlockRows(width: number, height: number, planRows: number, tileHeight: number): number {
  if (tileHeight > 1 && tileHeight <= planRows && Math.ceil(height / tileHeight) >= MIN_TILE_ROWS) return tileHeight;
  return Math.max(1, Math.min(planRows, Math.floor((1 << 16) / width)));
}

const MIN_TILE_ROWS = 6;
