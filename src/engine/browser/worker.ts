/// <reference lib="webworker" />
/** The engine's worker in the browser (a module Web Worker). */
import { createWorkerHandler } from '../workerHandler';
import type { ToWorker } from '../messages';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createWorkerHandler((msg, transfer) => scope.postMessage(msg, transfer));
scope.onmessage = (e: MessageEvent<ToWorker>) => handle(e.data);
