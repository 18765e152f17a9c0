/** A WorkerPool of Node worker_threads running src/engine/node/worker.ts. */
import { Worker } from 'node:worker_threads';
import { availableParallelism, loadavg } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WorkerPool, type WorkerPort } from '../pool';
import type { FromWorker } from '../messages';

export function createNodePool(workers?: number): WorkerPool {
  const n = Math.max(1, Math.floor(workers ?? defaultWorkerCount(availableParallelism(), loadavg()[0])));
  const ports: WorkerPort[] = [];
  const url = workerUrl();
  for (let i = 0; i < n; i++) {
    // workerData must be an object: geotiff.js pulls in 'web-worker', which reads workerData.mod in any worker thread.
    const w = new Worker(url, { workerData: {} });
    w.unref();
    ports.push({
      post: (msg) => w.postMessage(msg),
      onMessage: (cb) => w.on('message', (m: FromWorker) => cb(m)),
      onError: (cb) => {
        w.on('error', cb);
        w.on('exit', (code) => { if (code !== 0) cb(new Error(`engine worker exited with code ${code}`)); });
      },
      terminate: () => void w.terminate(),
    });
  }
  return new WorkerPool(ports);
}

/**
 * Workers when --workers is not given: one per core, or one only when the machine is already
 * oversubscribed (1-minute load average at least cores + 2). Then a second worker does not get a
 * core of its own, and only adds what each worker costs (its V8 isolate and JIT compiling,
 * opening every file): on the 2-core machine at load 4-6, the 1000 × 1000 benchmark ran in
 * 5.7-8.0 s with one worker and 6.6-8.6 s with two (3 interleaved pairs). The numbers computed are
 * the same for any number of workers.
 */
export function defaultWorkerCount(cores: number, load: number): number {
  const n = Math.max(1, Math.floor(cores));
  return Number.isFinite(load) && load >= n + 2 ? 1 : n;
}

/**
 * In the bundle that scripts/analyze.mjs builds, the worker is bundled too, beside this code
 * (engine-worker.mjs): plain Node loads it. From the TypeScript sources (tsx, vitest) the
 * bootstrap registers tsx in the worker thread, then loads worker.ts.
 */
function workerUrl(): URL {
  const bundled = new URL('./engine-worker.mjs', import.meta.url);
  if (bundled.protocol === 'file:' && existsSync(fileURLToPath(bundled))) return bundled;
  return new URL('./worker-bootstrap.mjs', import.meta.url);
}
