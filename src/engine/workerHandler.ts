/** What a worker does with each message, the same in Node and in the browser. */
import { BlockComputer, closeOpenedFiles, type BlockResult, type OpenedFiles } from './blockCompute';
import type { FromWorker, SerializedError, ToWorker } from './messages';
import type { DatasetPlan } from './plan';
import { isDatasetError } from '../io/errors';
import { ScratchArrays } from './scratchArrays';

export type Post = (msg: FromWorker, transfer: ArrayBuffer[]) => void;

/** What the handler needs of a BlockComputer (tests give their own). */
export type Computer = Pick<BlockComputer, 'compute' | 'close'> & Partial<Pick<BlockComputer, 'coarseClimate'>>;

/**
 * Blocks run one after another in a worker, so files are opened once and reads never interleave.
 * A new plan (init, close) takes its turn in the same queue: the block computing when it comes
 * ends on its own plan's open files (closing them under it could leave its reads waiting for
 * ever, and every block after it with them), and blocks of the old plan still waiting are
 * skipped: they belong to a run that was given up (a zoomed window panned away from).
 */
export function createWorkerHandler(
  post: Post,
  make: (plan: DatasetPlan, files: OpenedFiles, arrays: ScratchArrays) => Computer = (plan, files, arrays) => new BlockComputer(plan, files, arrays),
) {
  let computer: Computer | null = null;
  let queue: Promise<void> = Promise.resolve();
  let plans = 0; // inits and closes received
  // The files the plans of one prepared dataset (DatasetPlan.filesId) share: a first map's level
  // and the full plan open each file once. Another dataset's plan, or a close, closes them.
  const files: OpenedFiles = new Map();
  let filesId: string | undefined;
  // The computers' work arrays: one computer at a time uses them (the queue below).
  const arrays = new ScratchArrays();
  return (msg: ToWorker) => {
    if (msg.type === 'init' || msg.type === 'close') {
      plans++;
      queue = queue.then(() => {
        computer?.close();
        const id = msg.type === 'init' ? msg.plan.filesId : undefined;
        if (id === undefined || id !== filesId) closeOpenedFiles(files);
        if (msg.type === 'close') arrays.clear();
        filesId = id;
        computer = msg.type === 'init' ? make(msg.plan, files, arrays) : null;
      });
    } else if (msg.type === 'coarse') {
      queue = queue.then(async () => {
        try {
          if (!computer?.coarseClimate) throw new Error('worker not initialised');
          post({ type: 'coarse', id: msg.id, coarse: await computer.coarseClimate(msg.vars) }, []);
        } catch (e) {
          post({ type: 'error', id: msg.id, error: serializeError(e) }, []);
        }
      });
    } else if (msg.type === 'block') {
      const plan = plans;
      queue = queue.then(async () => {
        try {
          if (plan !== plans) throw new DOMException('a newer plan came before this block started', 'AbortError');
          if (!computer) throw new Error('worker not initialised');
          const result = await computer.compute(msg.block, msg.y0, msg.y1, msg.wants);
          post({ type: 'block', id: msg.id, result }, transferables(result));
        } catch (e) {
          post({ type: 'error', id: msg.id, error: serializeError(e) }, []);
        }
      });
    }
  };
}

export function serializeError(e: unknown): SerializedError {
  if (isDatasetError(e)) return { name: 'DatasetError', message: e.message, file: e.file, problem: e.problem };
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}

function transferables(r: BlockResult): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const add = (a: unknown) => {
    if (ArrayBuffer.isView(a) && a.buffer instanceof ArrayBuffer) out.add(a.buffer);
  };
  const walk = (o: unknown) => {
    if (!o || typeof o !== 'object') return;
    if (ArrayBuffer.isView(o)) return add(o);
    for (const v of Object.values(o)) walk(v);
  };
  walk(r);
  return [...out];
}
