/** What a worker does with each message, the same in Node and in the browser. */
import { BlockComputer, type BlockResult } from './blockCompute';
import type { FromWorker, SerializedError, ToWorker } from './messages';
import { isDatasetError } from '../io/errors';

export type Post = (msg: FromWorker, transfer: ArrayBuffer[]) => void;

export function createWorkerHandler(post: Post) {
  let computer: BlockComputer | null = null;
  // Blocks run one after another in a worker, so files are opened once and reads never interleave.
  let queue: Promise<void> = Promise.resolve();
  return (msg: ToWorker) => {
    if (msg.type === 'init') {
      computer?.close();
      computer = new BlockComputer(msg.plan);
    } else if (msg.type === 'close') {
      computer?.close();
      computer = null;
    } else if (msg.type === 'block') {
      queue = queue.then(async () => {
        try {
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
