/**
 * zlib-format DEFLATE (TIFF Compression 8) for Node and browsers: Node's zlib when running
 * in Node (loaded by a dynamic import that bundlers leave alone), else CompressionStream.
 */
export type Deflate = (bytes: Uint8Array) => Uint8Array | Promise<Uint8Array>;

/** DEFLATE with the browser's CompressionStream('deflate') (zlib format, as TIFF wants). */
export async function streamDeflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

let cached: Promise<Deflate> | null = null;

/** The best DEFLATE available here. */
export function defaultDeflate(): Promise<Deflate> {
  cached ??= (async (): Promise<Deflate> => {
    const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
    if (proc?.versions?.node) {
      const spec = 'node:zlib';
      const zlib = (await import(/* @vite-ignore */ spec)) as typeof import('node:zlib');
      return (b) => {
        const z = zlib.deflateSync(b);
        return new Uint8Array(z.buffer, z.byteOffset, z.byteLength);
      };
    }
    return streamDeflate;
  })();
  return cached;
}
