/**
 * Work arrays a worker's successive BlockComputers share (a first map's plan, then the full plan,
 * then a re-run with new settings), by name. Fresh memory is not free: the first write to each
 * 4 KB page of a new array traps into the kernel, which on a virtual machine costs ~10 µs a page
 * (a 64 MB array took 185 ms to fill the first time and 2.5 ms the second, measured on the
 * 2-core VM the benchmarks run on). A computer's float64 work arrays are ~20 MB; each plan
 * allocating its own made every worker fault them in once a plan.
 *
 * Only for computers that run one after another (a worker's queue, workerHandler.ts): two
 * computing at once would write into the same arrays.
 */
type Ctor<T> = { new (n: number): T; readonly name: string };
type Typed = Float64Array | Float32Array | Int32Array | Int16Array | Int8Array | Uint8Array;

export class ScratchArrays {
  private readonly arrays = new Map<string, Typed>();

  /**
   * An array of `length` elements of type `ctor` under `name`: a view of the last one taken under
   * that name when it is as long or longer, else a new one (which replaces it). Its contents are
   * whatever the last user left: callers write before they read.
   */
  take<T extends Typed>(name: string, ctor: Ctor<T>, length: number): T {
    const kept = this.arrays.get(name);
    if (kept instanceof (ctor as unknown as typeof Float64Array) && kept.length >= length) {
      return (kept.length === length ? kept : kept.subarray(0, length)) as T;
    }
    const a = new ctor(length);
    this.arrays.set(name, a);
    return a;
  }

  /** Lets go of every array (a worker done with a dataset). */
  clear(): void {
    this.arrays.clear();
  }
}
