/** The typed message map between the engine and its workers (Node worker_threads or Web Workers). */
import type { BlockResult } from './blockCompute';
import type { BlockWants, DatasetPlan } from './plan';

export type ToWorker =
  | { type: 'init'; plan: DatasetPlan }
  | { type: 'block'; id: number; block: number; y0: number; y1: number; wants: BlockWants }
  | { type: 'close' };

export interface SerializedError {
  name: string;
  message: string;
  file?: string;
  problem?: string;
}

export type FromWorker =
  | { type: 'block'; id: number; result: BlockResult }
  | { type: 'error'; id: number; error: SerializedError };
