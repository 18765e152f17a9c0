/**
 * The engine's Web Workers, made once for the page's life. A module of its own, so that the
 * page's entry (main.tsx) can start them before the engine's code has loaded: their scripts then
 * load and compile while the page fetches the rest of the app and the dataset's manifest.
 */
let made: Worker[] | null = null;

/** `n` new engine workers named `<name>-0`, `<name>-1`, … */
export function makeWorkers(n: number, name: string): Worker[] {
  return Array.from({ length: n }, (_, i) => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: `${name}-${i}` }));
}

/** The engine's workers (one per core, 1 to 4), created on first call. */
export function engineWorkers(): Worker[] {
  made ??= makeWorkers(Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2)), 'nep-engine');
  return made;
}
