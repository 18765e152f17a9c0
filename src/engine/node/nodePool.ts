/** A WorkerPool of Node worker_threads running src/engine/node/worker.ts. */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WorkerPool, type WorkerPort } from '../pool';
import type { FromWorker } from '../messages';

export function createNodePool(workers?: number): WorkerPool {
  const n = Math.max(1, Math.floor(workers ?? availableParallelism()));
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
 * In the bundle that scripts/analyze.mjs builds, the worker is bundled too, beside this code
 * (engine-worker.mjs): plain Node loads it. From the TypeScript sources (tsx, vitest) the
 * bootstrap registers tsx in the worker thread, then loads worker.ts.
 */
function workerUrl(): URL {
  const bundled = new URL('./engine-worker.mjs', import.meta.url);
  if (bundled.protocol === 'file:' && existsSync(fileURLToPath(bundled))) return bundled;
  return new URL('./worker-bootstrap.mjs', import.meta.url);
}
