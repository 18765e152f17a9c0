/**
 * The entries of a ZIP archive (a picked file, or one download): a whole dataset in one file.
 * An archive given as bytes, or a Blob of up to WHOLE_READ_BYTES (read once, whole), gives its
 * entries as bytes: stored entries (the usual way to zip GeoTIFFs, already compressed) as
 * views of the archive's bytes, nothing copied; the engine's workers get one copy of the archive
 * each (engine/browser/inMemoryFiles.ts). A larger Blob gives Blob slices, read when used. Deflated
 * entries are inflated with the platform's DecompressionStream.
 *
 * Written here rather than with a zip library (fflate, JSZip, but-unzip): those hand out copies
 * of each entry, where a dataset wants views of the archive (or slices of a Blob that may be larger
 * than what a page can hold).
 */
import { DatasetError } from './errors';

/** A file's bytes: in memory (a view, maybe of a larger archive's buffer), or a Blob to read. */
export type FileData = Blob | Uint8Array;

export interface ZipEntry {
  /** The entry's path in the archive ('park/npp/npp_2000.tif'). */
  path: string;
  file: FileData;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Archives (Blobs) up to this size are read whole once, their entries then given as bytes (see unzip). */
export const WHOLE_READ_BYTES = 64 << 20;

async function bytesOf(b: Blob): Promise<DataView> {
  return new DataView(await b.arrayBuffer());
}

/** Every file entry of `zip` (folders left out), in the archive's order; `name` names it in errors. */
export async function unzip(archive: FileData, name: string): Promise<ZipEntry[]> {
  // One read of the whole archive when it is a small Blob: a read per entry costs a round trip to
  // the browser's blob store each.
  const whole = archive instanceof Uint8Array ? archive : archive.size <= WHOLE_READ_BYTES ? new Uint8Array(await archive.arrayBuffer()) : null;
  const zip = whole ? null : (archive as Blob);
  const size = whole ? whole.length : zip!.size;
  const read = async (a: number, b: number) => (whole ? new DataView(whole.buffer, whole.byteOffset + a, b - a) : bytesOf(zip!.slice(a, b)));
  if (size < 22) throw new DatasetError(name, 'not a ZIP archive (too short)');
  // The end-of-central-directory record: the last 22 bytes, or before them a comment of ≤ 65,535.
  const tailStart = Math.max(0, size - 22 - 0xffff);
  const tail = await read(tailStart, size);
  let eocd = -1;
  for (let i = tail.byteLength - 22; i >= 0; i--) {
    if (tail.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new DatasetError(name, 'not a ZIP archive (no end of central directory)');
  const count = tail.getUint16(eocd + 10, true);
  const cdSize = tail.getUint32(eocd + 12, true);
  const cdOffset = tail.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw new DatasetError(name, 'a ZIP64 archive (over 4 GB or 65,535 entries): not supported; unzip it and open the folder');
  }
  if (cdOffset + cdSize > size) throw new DatasetError(name, 'damaged or truncated ZIP archive (its directory lies past the end)');
  const cd = await read(cdOffset, cdOffset + cdSize);
  const utf8 = new TextDecoder();
  const listed: { path: string; method: number; flags: number; compressed: number; size: number; local: number }[] = [];
  for (let o = 0, k = 0; k < count; k++) {
    if (o + 46 > cd.byteLength || cd.getUint32(o, true) !== CENTRAL) throw new DatasetError(name, 'damaged ZIP archive (bad central directory)');
    const nameLen = cd.getUint16(o + 28, true);
    const extraLen = cd.getUint16(o + 30, true);
    const commentLen = cd.getUint16(o + 32, true);
    const path = utf8.decode(new Uint8Array(cd.buffer, cd.byteOffset + o + 46, nameLen));
    listed.push({
      path,
      flags: cd.getUint16(o + 8, true),
      method: cd.getUint16(o + 10, true),
      compressed: cd.getUint32(o + 20, true),
      size: cd.getUint32(o + 24, true),
      local: cd.getUint32(o + 42, true),
    });
    o += 46 + nameLen + extraLen + commentLen;
  }
  const files = listed.filter((e) => !e.path.endsWith('/'));
  // The data follows each entry's local header, whose name and extra field may differ in length
  // from the central ones: so every local header is read.
  return Promise.all(
    files.map(async (e): Promise<ZipEntry> => {
      const where = `${name}: ${e.path}`;
      if (e.flags & 1) throw new DatasetError(where, 'encrypted in the ZIP archive: not supported');
      if (e.method !== 0 && e.method !== 8) throw new DatasetError(where, `compressed with ZIP method ${e.method}: only stored and deflated entries can be read`);
      if (e.local + 30 > size) throw new DatasetError(where, 'damaged ZIP archive (entry past the end)');
      const local = await read(e.local, e.local + 30);
      if (local.getUint32(0, true) !== LOCAL) throw new DatasetError(where, 'damaged ZIP archive (bad local header)');
      const start = e.local + 30 + local.getUint16(26, true) + local.getUint16(28, true);
      if (start + e.compressed > size) throw new DatasetError(where, 'damaged or truncated ZIP archive (entry runs past the end)');
      const raw: FileData = whole ? whole.subarray(start, start + e.compressed) : zip!.slice(start, start + e.compressed);
      if (e.method === 0) return { path: e.path, file: raw };
      let file: FileData;
      try {
        const inflated = new Response(new Response(raw as BodyInit).body!.pipeThrough(new DecompressionStream('deflate-raw')));
        file = whole ? new Uint8Array(await inflated.arrayBuffer()) : await inflated.blob();
      } catch {
        throw new DatasetError(where, 'damaged ZIP archive (the entry does not inflate)');
      }
      const got = file instanceof Uint8Array ? file.length : file.size;
      if (got !== e.size) throw new DatasetError(where, `damaged ZIP archive (inflates to ${got} bytes, not ${e.size})`);
      return { path: e.path, file };
    }),
  );
}
