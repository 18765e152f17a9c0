import { expect, test } from '@playwright/test';

test('the page shows a MapLibre map drawn with WebGL', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  const canvas = page.locator('canvas.maplibregl-canvas');
  await expect(canvas).toBeVisible();
  // Read the drawn pixels back from the WebGL canvas: not blank, not transparent.
  const stats = await page.waitForFunction(() => {
    const c = document.querySelector('canvas.maplibregl-canvas') as HTMLCanvasElement | null;
    if (!c) return null;
    const gl = (c.getContext('webgl2') ?? c.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return null;
    const w = gl.drawingBufferWidth, h = gl.drawingBufferHeight;
    const px = new Uint8Array(w * h * 4);
    gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, px);
    let opaque = 0;
    for (let i = 3; i < px.length; i += 4) if (px[i] > 0) opaque++;
    return opaque > (w * h) / 2 ? { w, h, opaque } : null;
  });
  expect(await stats.jsonValue()).not.toBeNull();
  expect(errors).toEqual([]);
});
