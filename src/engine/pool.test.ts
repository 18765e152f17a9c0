import { describe, expect, it } from 'vitest';
import { blockTasks, WorkerPool, type WorkerPort } from './pool';
import type { BlockResult } from './blockCompute';
import type { FromWorker, ToWorker } from './messages';

/** A worker that answers each block after `ms` milliseconds, with a result naming the block; `log` gets [worker, block] as blocks are posted. */
function fakePort(ms: number, log?: [number, number][], me = 0): WorkerPort {
  let listener: ((m: FromWorker) => void) | null = null;
  return {
    post(msg: ToWorker) {
      if (msg.type !== 'block') return;
      log?.push([me, msg.block]);
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

  it('holdLast: until it settles the last worker gets nothing and the others one block at a time', async () => {
    const log: [number, number][] = [];
    const pool = new WorkerPool([fakePort(10, log, 0), fakePort(10, log, 1)]);
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    const seen: number[] = [];
    const run = pool.run(blockTasks(80, 10), WANTS, (r) => seen.push(r.block), { perWorker: 2, holdLast: hold });
    await new Promise((r) => setTimeout(r, 35)); // about three blocks' time
    expect(log.length).toBeGreaterThanOrEqual(2);
    expect(log.every(([w]) => w === 0)).toBe(true);
    const before = log.length;
    expect(before).toBeLessThanOrEqual(4); // one at a time: two in flight would have posted ~6
    release();
    await run;
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(log.slice(before).some(([w]) => w === 1)).toBe(true);
  });
});
