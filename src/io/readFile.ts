/**
 * Reads a whole small file (a manifest, zones, a CSV) from a local path (Node), a URL, a Blob or
 * bytes in memory (an entry of a ZIP), with one clear error naming the file when it cannot.
 */
import { DatasetError } from './errors';
import { isUrl } from './paths';
export type FileRef = string | Blob | Uint8Array;

export async function readBytes(ref: FileRef, name: string): Promise<ArrayBuffer> {
  if (ref instanceof Uint8Array) return ref.slice().buffer;
  if (typeof ref !== 'string') {
    try {
      return await ref.arrayBuffer();
    } catch {
      throw new DatasetError(name, 'could not be read (was the file moved or deleted?)');
    }
  }
  if (isUrl(ref) && !ref.startsWith('file:')) return fetchBytes(ref, name);
  if (typeof process !== 'undefined' && process.versions?.node) {
    const { readFile } = await import('node:fs/promises');
    try {
      const b = await readFile(ref.startsWith('file:') ? new URL(ref) : ref);
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new DatasetError(name, 'file not found');
      if (code === 'EISDIR') throw new DatasetError(name, 'is a folder, not a file');
      throw new DatasetError(name, `could not be read (${code ?? (e as Error).message})`);
    }
  }
  return fetchBytes(ref, name);
}

export async function readText(ref: FileRef, name: string): Promise<string> {
  const bytes = await readBytes(ref, name);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DatasetError(name, 'is not UTF-8 text');
  }
}

async function fetchBytes(url: string, name: string): Promise<ArrayBuffer> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch {
    throw new DatasetError(name, `could not be fetched from ${url} (network error, or the server does not allow cross-origin requests: CORS)`);
  }
  if (res.status === 404) throw new DatasetError(name, `not found on the server (HTTP 404: ${url})`);
  if (!res.ok) throw new DatasetError(name, `the server answered HTTP ${res.status} for ${url}`);
  return res.arrayBuffer();
}
