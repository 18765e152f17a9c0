/** TIFF predictors, encoding side (TIFF 6.0 §14 and Adobe Technical Note 3). */

export type IntArray = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;

/** Predictor 2 (horizontal differencing), in place, on a width × height tile of integers. */
export function encodeHorizontal(tile: IntArray, width: number, height: number): void {
  for (let y = 0; y < height; y++) {
    const row = y * width;
    // typed-array assignment wraps modulo 2^bits, as the predictor requires
    for (let x = width - 1; x > 0; x--) tile[row + x] = tile[row + x] - tile[row + x - 1];
  }
}

/**
 * Predictor 3 (floating point): per row, the bytes of each sample are split into planes,
 * most significant byte first, then differenced byte by byte. `bytes` holds the tile's
 * little-endian samples; returns a new array.
 */
export function encodeFloatingPoint(bytes: Uint8Array, width: number, height: number, bytesPerSample: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  const rowBytes = width * bytesPerSample;
  for (let y = 0; y < height; y++) {
    const base = y * rowBytes;
    for (let b = 0; b < bytesPerSample; b++) {
      const src = base + bytesPerSample - 1 - b;
      const dst = base + b * width;
      for (let i = 0; i < width; i++) out[dst + i] = bytes[src + i * bytesPerSample];
    }
    for (let j = rowBytes - 1; j > 0; j--) out[base + j] = out[base + j] - out[base + j - 1];
  }
  return out;
}
