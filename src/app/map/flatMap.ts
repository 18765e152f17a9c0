/**
 * The explorer's map is flat: a north-up view of rasters and outlines, never pitched, so it has no
 * horizon and no sky. MapLibre (6.x) still draws a sky under every frame — a full-screen pass —
 * and, for the style's background layer, another. On a software GPU (SwiftShader, as on a machine
 * without one, or in CI) compiling those two shaders took ~0.4 s of CPU while a dataset loads,
 * time the engine's workers need on a small machine (measured A/B on the demo: the whole result
 * ~0.4 s sooner). So the water colour is the map container's CSS background instead of a
 * background layer (basemap.ts baseStyle), and the sky is not drawn.
 */
import type * as maplibregl from 'maplibre-gl';

/** The most a user can pitch the map: none (see above). */
export const FLAT_MAX_PITCH = 0;

/**
 * Skips MapLibre's sky pass. It is the painter's (internal) draw function for the sky, replaced by
 * one that draws nothing; a MapLibre without it is left as it is, and draws its sky.
 */
export function withoutSky(map: maplibregl.Map): void {
  const painter = (map as unknown as { painter?: { drawFunctions?: Record<string, unknown> } }).painter;
  const draw = painter?.drawFunctions;
  if (draw && typeof draw.sky === 'function') draw.sky = () => {};
}
