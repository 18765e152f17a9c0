/**
 * Decoded-tile buffers reused within a thread. The engine's readers decode every tile a block
 * needs into a buffer of the same size (128 × 128 Int16 = 32 KB for the demo; thousands a pass),
 * and drop a tile row once read: taking those buffers back instead of allocating new ones spares
 * the collector and the first-touch cost of fresh memory. Only buffers this pool handed out are
 * taken back, and at most MAX_FREE_BYTES of each size are kept: a tile row of every year's file
 * (the demo: 23 files × 16 tiles, 12 MB), so the next tile row reuses them all (64 buffers, as
 * it was, left most of each row to new memory).
 */
const MAX_FREE_BYTES = 24 << 20;
const free = new Map<number, ArrayBuffer[]>();
const ours = new WeakSet<ArrayBufferLike>();

/** A buffer of `bytes` bytes (its contents are whatever they were: the caller overwrites them). */
export function takeTile(bytes: number): Uint8Array {
  const b = free.get(bytes)?.pop() ?? new ArrayBuffer(bytes);
  ours.add(b);
  return new Uint8Array(b);
}

/** `buffer` is no longer used: the next takeTile of its size may hand it out again. */
export function releaseTile(buffer: ArrayBufferLike): void {
  if (!ours.has(buffer)) return;
  ours.delete(buffer);
  let list = free.get(buffer.byteLength);
  if (!list) free.set(buffer.byteLength, (list = []));
  if ((list.length + 1) * buffer.byteLength <= MAX_FREE_BYTES) list.push(buffer as ArrayBuffer);
}
