/**
 * BlockComputer: a computer whose work arrays (ScratchArrays) an earlier computer of the same
 * worker has written gives what a computer with new arrays gives, bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareDataset } from './prepare';
import { BlockComputer, type BlockResult } from './blockCompute';
import { ScratchArrays } from './scratchArrays';
import { levelPlan } from './overviewPlan';

const dir = join(__dirname, '../../public/data/qilian');
const WANTS = { rows: true, pixels: true, pixelRho: true };

/** Every typed array of a result, by its path, as bytes. */
function arraysOf(o: unknown, path = '', out = new Map<string, Buffer>()): Map<string, Buffer> {
  if (ArrayBuffer.isView(o)) out.set(path, Buffer.from(o.buffer, o.byteOffset, o.byteLength));
  else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) arraysOf(v, `${path}.${k}`, out);
  return out;
}

describe('BlockComputer', () => {
  it('gives the same numbers on work arrays an earlier computer left written', async () => {
    const { plan } = await prepareDataset({ manifestText: readFileSync(join(dir, 'dataset.json'), 'utf8'), manifestName: 'dataset.json', resolve: (p) => join(dir, p), slug: 'x' });
    const run = async (c: BlockComputer, y0: number, y1: number, meanOnly = false): Promise<BlockResult> => {
      try {
        return await c.compute(0, y0, y1, { ...WANTS, meanOnly });
      } finally {
        c.close();
      }
    };
    const fresh = await run(new BlockComputer(plan), 300, 340);
    const arrays = new ScratchArrays();
    // An earlier plan's computers: a quick pass, and another block's full pass.
    await run(new BlockComputer(plan, undefined, arrays), 200, 260, true);
    await run(new BlockComputer(plan, undefined, arrays), 380, 420);
    const reused = await run(new BlockComputer(plan, undefined, arrays), 300, 340);
    expect(reused.included).toBeGreaterThan(1000);
    expect(reused.included).toBe(fresh.included);
    const a = arraysOf(fresh);
    const b = arraysOf(reused);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [k, v] of a) expect(b.get(k)!.equals(v), k).toBe(true);
  }, 60_000);

  it("gives a first map on an overview level the full pass's included pixels and means there, bit for bit", async () => {
    const { plan } = await prepareDataset({ manifestText: readFileSync(join(dir, 'dataset.json'), 'utf8'), manifestName: 'dataset.json', resolve: (p) => join(dir, p), slug: 'x' });
    const quick = levelPlan(plan, { width: 500, height: 189 }, null); // the demo's quarter overview
    const c = new BlockComputer(quick);
    try {
      const first = await c.compute(0, 0, quick.grid.height, { ...WANTS, meanOnly: true });
      const full = await c.compute(0, 0, quick.grid.height, WANTS);
      const parts = full.pixels!;
      const cat = <T extends Uint32Array | Int16Array | Float32Array>(pick: (p: (typeof parts)[number]) => T) => parts.flatMap((p) => Array.from(pick(p)));
      expect(first.means!.index.length).toBeGreaterThan(10_000);
      expect(first.included).toBe(full.included);
      expect(Array.from(first.means!.index)).toEqual(cat((p) => p.index));
      expect(Array.from(first.means!.zone)).toEqual(cat((p) => p.zone));
      expect(Buffer.from(first.means!.mean.buffer, first.means!.mean.byteOffset, first.means!.mean.byteLength).equals(Buffer.from(Float32Array.from(cat((p) => p.mean)).buffer))).toBe(true);
      expect(first.pixels).toBeNull();
    } finally {
      c.close();
    }
  }, 60_000);
});
