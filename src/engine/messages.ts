/** The typed message map between the engine and its workers (Node worker_threads or Web Workers). */
import type { BlockResult } from './blockCompute';
import type { BlockWants, DatasetPlan } from './plan';
import type { ClimateVar } from '../core/summary';
import type { CoarseClimate } from './derivedSeries';

export type ToWorker =
  | { type: 'init'; plan: DatasetPlan }
  | { type: 'block'; id: number; block: number; y0: number; y1: number; wants: BlockWants }
  /** The climate files' own values (BlockComputer.coarseClimate), answered after the blocks before it. */
  | { type: 'coarse'; id: number; vars: ClimateVar[] }
  | { type: 'close' };

export interface SerializedError {
  name: string;
  message: string;
  file?: string;
  problem?: string;
}

export type FromWorker =
  | { type: 'block'; id: number; result: BlockResult }
  | { type: 'coarse'; id: number; coarse: CoarseClimate }
  | { type: 'error'; id: number; error: SerializedError };
