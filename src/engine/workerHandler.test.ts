import { describe, expect, it } from 'vitest';
import { createWorkerHandler, type Computer } from './workerHandler';
import type { BlockResult, OpenedFiles } from './blockCompute';
import type { OpenedTiff } from '../io/geotiff';
import type { DatasetPlan } from './plan';
import type { FromWorker } from './messages';
import type { ScratchArrays } from './scratchArrays';

const WANTS = { rows: false, pixels: false, pixelRho: false };
const plan = (name: string) => ({ slug: name }) as unknown as DatasetPlan;
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the worker handler', () => {
  it('a new plan waits for the block computing on the old one, and skips the old blocks still waiting', async () => {
    const log: string[] = [];
    const posted: FromWorker[] = [];
    let release!: () => void;
    const make = (p: DatasetPlan): Computer => {
      const name = (p as unknown as { slug: string }).slug;
      return {
        async compute(block) {
          log.push(`${name} computes ${block}`);
          // Block 1 of plan A is a slow read: it ends only when released.
          if (name === 'A' && block === 1) await new Promise<void>((r) => (release = r));
          log.push(`${name} ends ${block}`);
          return { block } as unknown as BlockResult;
        },
        close() {
          log.push(`${name} closed`);
        },
      };
    };
    const handle = createWorkerHandler((m) => posted.push(m), make);
    handle({ type: 'init', plan: plan('A') });
    handle({ type: 'block', id: 1, block: 1, y0: 0, y1: 1, wants: WANTS });
    handle({ type: 'block', id: 2, block: 2, y0: 1, y1: 2, wants: WANTS });
    await tick();
    // The run of A is given up; a run of B starts while block 1 of A is still reading.
    handle({ type: 'init', plan: plan('B') });
    handle({ type: 'block', id: 3, block: 7, y0: 0, y1: 1, wants: WANTS });
    await tick();
    expect(log).toEqual(['A computes 1']); // A's files stay open under its read
    release();
    for (let i = 0; i < 5; i++) await tick();
    expect(log).toEqual(['A computes 1', 'A ends 1', 'A closed', 'B computes 7', 'B ends 7']);
    expect(posted.map((m) => [m.type, m.id])).toEqual([['block', 1], ['error', 2], ['block', 3]]);
    expect(posted[1].type === 'error' && posted[1].error.name).toBe('AbortError');
  });

  it('plans of one prepared dataset (the same filesId) share the opened files; another dataset, or a close, closes them', async () => {
    const seen: OpenedFiles[] = [];
    const scratch: ScratchArrays[] = [];
    const make = (_p: DatasetPlan, files: OpenedFiles, arrays: ScratchArrays): Computer => {
      seen.push(files);
      scratch.push(arrays);
      return { compute: async (block) => ({ block }) as unknown as BlockResult, close() {} };
    };
    const handle = createWorkerHandler(() => {}, make);
    let closed = 0;
    const opened = (): Promise<OpenedTiff> => Promise.resolve({ tiff: { close: () => void closed++ } as unknown as OpenedTiff['tiff'], byteLength: 1 });
    const withId = (id: string | undefined) => ({ slug: 'x', filesId: id }) as unknown as DatasetPlan;
    handle({ type: 'init', plan: withId('d1') });
    await tick();
    seen[0].set('npp:0', opened());
    handle({ type: 'init', plan: withId('d1') }); // the full plan after a first map's level
    await tick();
    expect(seen[1]).toBe(seen[0]);
    expect(seen[1].has('npp:0')).toBe(true);
    expect(closed).toBe(0);
    handle({ type: 'init', plan: withId('d2') }); // another dataset
    for (let i = 0; i < 3; i++) await tick();
    expect(seen[2].size).toBe(0);
    expect(closed).toBe(1);
    seen[2].set('npp:0', opened());
    handle({ type: 'init', plan: withId(undefined) }); // a plan without an id shares nothing
    for (let i = 0; i < 3; i++) await tick();
    expect(seen[3].size).toBe(0);
    expect(closed).toBe(2);
    // One computer at a time: every plan's computer works in the same arrays.
    expect(scratch.length).toBe(4);
    expect(new Set(scratch).size).toBe(1);
  });

  it('answers a coarse-climate request after the blocks before it, and with an error before any plan', async () => {
    const order: string[] = [];
    const posted: FromWorker[] = [];
    const make = (): Computer => ({
      async compute(block) {
        order.push(`block ${block}`);
        return { block } as unknown as BlockResult;
      },
      async coarseClimate(vars) {
        order.push(`coarse ${vars.join()}`);
        return {};
      },
      close() {},
    });
    const handle = createWorkerHandler((m) => posted.push(m), make);
    handle({ type: 'coarse', id: -5, vars: ['temperature'] });
    handle({ type: 'init', plan: plan('A') });
    handle({ type: 'block', id: 1, block: 1, y0: 0, y1: 1, wants: WANTS });
    handle({ type: 'coarse', id: -6, vars: ['humidity'] });
    for (let i = 0; i < 5; i++) await tick();
    expect(order).toEqual(['block 1', 'coarse humidity']);
    expect(posted.map((m) => [m.type, m.id])).toEqual([['error', -5], ['block', 1], ['coarse', -6]]);
  });
});

