/// <reference lib="webworker" />
/**
 * The engine's worker in the browser (a module Web Worker): blocks (workerHandler), and whole-file
 * prefetches for the page (prefetch.ts), done here so that the page's thread, busy drawing the
 * map while a dataset loads, does not hold the downloads up.
 */
import { createWorkerHandler } from '../workerHandler';
import type { ToWorker } from '../messages';
import { prefetchFiles, type PrefetchReply, type PrefetchRequest } from './prefetch';
import { createFileKeeper } from './inMemoryFiles';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createWorkerHandler((msg, transfer) => scope.postMessage(msg, transfer));
// The bytes of in-memory files come with a dataset's first plan only (inMemoryFiles.ts).
const keep = createFileKeeper();
scope.onmessage = (e: MessageEvent<ToWorker | PrefetchRequest>) => {
  const msg = e.data;
  if (msg.type === 'prefetch') {
    prefetchFiles(msg.urls, { concurrency: msg.concurrency }).then((files) => {
      const reply: PrefetchReply = { type: 'prefetched', id: msg.id, files: [...files] };
      scope.postMessage(reply);
    });
    return;
  }
  handle(msg.type === 'init' ? { ...msg, plan: keep(msg.plan) } : msg);
};
