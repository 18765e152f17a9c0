/** The engine's worker in Node (worker_threads). */
import { parentPort } from 'node:worker_threads';
import { createWorkerHandler } from '../workerHandler';
import type { ToWorker } from '../messages';

const port = parentPort!;
const handle = createWorkerHandler((msg, transfer) => port.postMessage(msg, transfer));
port.on('message', (msg: ToWorker) => handle(msg));
