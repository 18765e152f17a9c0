import { describe, expect, it } from 'vitest';
import { blockTasks, WorkerPool, type WorkerPort } from './pool';
import type { BlockResult } from './blockCompute';
import type { FromWorker, ToWorker } from './messages';

/** A worker that answers each block after `ms` milliseconds, with a result naming the block. */
function fakePort(ms: number): WorkerPort {
  let listener: ((m: FromWorker) => void) | null = null;
  return {
    post(msg: ToWorker) {
      if (msg.type !== 'block') return;
      const result = { block: msg.block, y0: msg.y0, y1: msg.y1 } as unknown as BlockResult;
      setTimeout(() => listener?.({ type: 'block', id: msg.id, result }), ms);
    },
    onMessage(cb) { listener = cb; },
    onError() {},
    terminate() {},
  };
}

const WANTS = { rows: false, pixels: false, pixelRho: false };

describe('WorkerPool.run', () => {
  it('gives results in block order whatever order they come in', async () => {
    const pool = new WorkerPool([fakePort(5), fakePort(1)]);
    const seen: number[] = [];
    await pool.run(blockTasks(50, 7), WANTS, (r) => seen.push(r.block));
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('a run started while a cancelled one still has blocks in the workers runs to its end', async () => {
    const pool = new WorkerPool([fakePort(20), fakePort(20)]);
    const stop = new AbortController();
    const first = pool.run(blockTasks(100, 10), WANTS, () => {}, { perWorker: 1, signal: stop.signal });
    stop.abort(); // both workers still busy with a block of the first run
    const seen: number[] = [];
    const second = pool.run(blockTasks(40, 10), WANTS, (r) => seen.push(r.block), { perWorker: 1 });
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('the second run never ended')), 2000));
    await expect(first).rejects.toThrow(/Abort/);
    await Promise.race([second, timeout]);
    expect(seen).toEqual([0, 1, 2, 3]);
  });
});
