/**
 * A pool of workers behind one small interface, so the same scheduler drives worker_threads in
 * Node and Web Workers in the browser. Blocks go to whichever worker is free; results come back in
 * any order and the caller merges them in block order, so the numbers never depend on the number
 * of workers or on timing.
 */
import { DatasetError } from '../io/errors';
import type { BlockResult } from './blockCompute';
import type { FromWorker, SerializedError, ToWorker } from './messages';
import type { BlockWants, DatasetPlan } from './plan';

export interface WorkerPort {
  post(msg: ToWorker): void;
  onMessage(cb: (msg: FromWorker) => void): void;
  onError(cb: (e: Error) => void): void;
  terminate(): void;
}

export interface BlockTask {
  block: number;
  y0: number;
  y1: number;
}

export class WorkerPool {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: BlockResult) => void; reject: (e: Error) => void; worker: number }>();
  private readonly busy: number[];
  private broken: Error | null = null;
  /**
   * The pumps of the runs going on. Any block's end frees a place that any run may take: a run
   * started while a cancelled one still had blocks in the workers waits on those blocks' ends,
   * which its own promises never see.
   */
  private readonly pumps = new Set<() => void>();

  constructor(private readonly ports: WorkerPort[]) {
    this.busy = ports.map(() => 0);
    ports.forEach((port, w) => {
      port.onMessage((msg) => {
        const p = this.pending.get(msg.id);
        if (!p || msg.type === 'coarse') return; // not a block's (browser.ts asks for those itself)
        this.pending.delete(msg.id);
        this.busy[w]--;
        if (msg.type === 'block') p.resolve(msg.result);
        else p.reject(deserializeError(msg.error));
        // After the owner's own continuation (queued above): the other runs may use the place.
        queueMicrotask(() => { for (const pump of [...this.pumps]) pump(); });
      });
      port.onError((e) => {
        this.broken = e;
        for (const [id, p] of this.pending) if (p.worker === w) { this.pending.delete(id); p.reject(e); }
      });
    });
  }

  get size() {
    return this.ports.length;
  }

  init(plan: DatasetPlan) {
    for (const p of this.ports) p.post({ type: 'init', plan });
  }

  /** Runs every task, at most `perWorker` in flight per worker; onResult sees each result in block order. */
  async run(
    tasks: BlockTask[],
    wants: BlockWants,
    onResult: (r: BlockResult) => void,
    opts: { perWorker?: number; signal?: AbortSignal; holdLast?: Promise<unknown> } = {},
  ): Promise<void> {
    const perWorker = opts.perWorker ?? 2;
    // Until holdLast settles, the last worker gets no block and the others one each (see RunOptions).
    let held = !!opts.holdLast && this.ports.length > 1;
    const done = new Map<number, BlockResult>();
    let next = 0;
    let emit = 0;
    let failed: Error | null = null;
    const pumps = this.pumps;
    let pumpRef: (() => void) | null = null;
    await new Promise<void>((resolveRun, rejectRun) => {
      const resolve = () => { pumps.delete(pumpRef!); resolveRun(); };
      const reject = (e: unknown) => { pumps.delete(pumpRef!); rejectRun(e); };
      const pump = () => {
        if (failed) return;
        if (opts.signal?.aborted) { failed = new DOMException('Aborted', 'AbortError') as unknown as Error; return reject(failed); }
        if (this.broken) { failed = this.broken; return reject(failed); }
        while (done.has(emit)) {
          const r = done.get(emit)!;
          done.delete(emit);
          emit++;
          try { onResult(r); } catch (e) { failed = e as Error; return reject(e); }
        }
        if (emit === tasks.length) return resolve();
        // Bound what waits to be merged, so memory stays bounded however unbalanced the workers are.
        while (next < tasks.length && done.size < this.ports.length * perWorker) {
          const w = this.leastBusy(held ? this.ports.length - 1 : this.ports.length);
          if (this.busy[w] >= (held ? 1 : perWorker)) break;
          const t = tasks[next++];
          this.dispatch(w, t, wants).then(
            (r) => { done.set(r.block, r); pump(); },
            (e) => { if (!failed) { failed = e; reject(e); } },
          );
        }
      };
      pumpRef = pump;
      pumps.add(pump);
      const release = () => {
        held = false;
        pump();
      };
      opts.holdLast?.then(release, release);
      pump();
    });
  }

  /** The least busy of the first `among` workers. */
  private leastBusy(among = this.busy.length) {
    let best = 0;
    for (let w = 1; w < among; w++) if (this.busy[w] < this.busy[best]) best = w;
    return best;
  }

  private dispatch(w: number, t: BlockTask, wants: BlockWants): Promise<BlockResult> {
    const id = this.nextId++;
    this.busy[w]++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker: w });
      this.ports[w].post({ type: 'block', id, block: t.block, y0: t.y0, y1: t.y1, wants });
    });
  }

  terminate() {
    for (const p of this.ports) p.terminate();
    for (const p of this.pending.values()) p.reject(new Error('worker pool terminated'));
    this.pending.clear();
  }
}

export function deserializeError(e: SerializedError): Error {
  if (e.name === 'DatasetError' && e.file !== undefined && e.problem !== undefined) return new DatasetError(e.file, e.problem);
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}

export function blockTasks(height: number, blockRows: number): BlockTask[] {
  const tasks: BlockTask[] = [];
  for (let y0 = 0, b = 0; y0 < height; y0 += blockRows, b++) tasks.push({ block: b, y0, y1: Math.min(height, y0 + blockRows) });
  return tasks;
}
