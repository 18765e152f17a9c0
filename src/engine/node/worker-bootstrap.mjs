// Starts the TypeScript worker in a worker thread: registers tsx's loader in this thread first
// (Node 20 does not pass the parent's --import loaders on to worker threads).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
