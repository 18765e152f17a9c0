import type { Page } from '@playwright/test';

/** Collects uncaught page errors and console errors. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** Waits until the map has painted its raster for the current view (data-view set by MapView) and the map is idle. */
export async function waitForRaster(page: Page, view?: string): Promise<void> {
  await page.waitForFunction((v) => {
    const el = document.querySelector('[data-testid=map]');
    const cur = el?.getAttribute('data-view');
    return !!cur && (v === undefined || cur === v);
  }, view, { timeout: 60_000 });
  // Two animation frames for MapLibre to draw the new texture.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 150)))));
}

export interface PixelStats {
  w: number;
  h: number;
  /** Distinct colours among sampled pixels. */
  distinct: number;
  /** A hash of the sampled pixels, to tell two renders apart. */
  hash: number;
  /** Count of sampled pixels matching each given colour (±tol per channel). */
  matches: number[];
}

/** Reads the MapLibre WebGL canvas back (preserveDrawingBuffer is on) and summarises it. */
export async function mapPixels(page: Page, colours: [number, number, number][] = [], tol = 3): Promise<PixelStats> {
  return page.evaluate(
    ([colours, tol]) => {
      const c = document.querySelector('canvas.maplibregl-canvas') as HTMLCanvasElement;
      const gl = (c.getContext('webgl2') ?? c.getContext('webgl')) as WebGLRenderingContext;
      const w = gl.drawingBufferWidth, h = gl.drawingBufferHeight;
      const px = new Uint8Array(w * h * 4);
      gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, px);
      const seen = new Set<number>();
      let hash = 0;
      const matches = colours.map(() => 0);
      for (let i = 0; i < px.length; i += 4 * 7) {
        const v = (px[i] << 16) | (px[i + 1] << 8) | px[i + 2];
        seen.add(v);
        hash = (Math.imul(hash, 31) + v) | 0;
        colours.forEach((col, j) => {
          if (Math.abs(px[i] - col[0]) <= tol && Math.abs(px[i + 1] - col[1]) <= tol && Math.abs(px[i + 2] - col[2]) <= tol) matches[j]++;
        });
      }
      return { w, h, distinct: seen.size, hash, matches };
    },
    [colours, tol] as const,
  );
}

/**
 * The page to open: the demo dataset when it is in public/, else the built-in synthetic sample
 * (`?demo=synthetic`), so the map tests run while the demo data are being made.
 */
export async function appUrl(hash = ''): Promise<string> {
  const { existsSync } = await import('node:fs');
  const real = existsSync('public/data/qilian/dataset.json');
  return `/${real ? '' : '?demo=synthetic'}${hash}`;
}

/** Screen position (CSS px, relative to the map canvas) of the first sampled pixel with one of the colours, or null. */
export async function findColour(page: Page, colours: [number, number, number][], tol = 2): Promise<{ x: number; y: number } | null> {
  return page.evaluate(
    ([colours, tol]) => {
      const c = document.querySelector('canvas.maplibregl-canvas') as HTMLCanvasElement;
      const gl = (c.getContext('webgl2') ?? c.getContext('webgl')) as WebGLRenderingContext;
      const w = gl.drawingBufferWidth, h = gl.drawingBufferHeight;
      const px = new Uint8Array(w * h * 4);
      gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, px);
      const ratio = w / c.clientWidth;
      // Scan from the middle rows outwards so the hit is well inside the raster.
      for (let d = 0; d < h / 2; d += 3) {
        for (const row of [Math.floor(h / 2) + d, Math.floor(h / 2) - d]) {
          for (let col = Math.floor(w * 0.3); col < w * 0.8; col += 3) {
            const i = (row * w + col) * 4;
            for (const [r, g, b] of colours) {
              if (Math.abs(px[i] - r) <= tol && Math.abs(px[i + 1] - g) <= tol && Math.abs(px[i + 2] - b) <= tol) {
                return { x: col / ratio, y: (h - 1 - row) / ratio };
              }
            }
          }
        }
      }
      return null;
    },
    [colours, tol] as const,
  );
}

/** Width and height from a PNG's IHDR, after checking its 8-byte signature. */
export function pngSize(buf: Buffer): { width: number; height: number } {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  sig.forEach((b, i) => {
    if (buf[i] !== b) throw new Error('not a PNG: bad signature');
  });
  if (buf.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG: no IHDR');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}
