/**
 * Files a person picked or dropped: each with its path relative to the picked folder (or just its
 * name), and a resolver from a manifest's paths to those files.
 */
import { DatasetError } from '../../io/errors';
import { resolvePath } from '../../io/paths';
import { unzip, type FileData } from '../../io/zip';
import { readText } from '../../io/readFile';
import { slugify } from '../../engine/browser';
import type { DatasetInput } from '../../engine/prepare';

export interface PickedFile {
  /** 'folder/npp/npp_2005.tif' for a picked folder, 'npp_2005.tif' for single files. */
  path: string;
  file: Blob;
}

/** A picked file, or an entry of a ZIP (its bytes when the archive is in memory: io/zip.ts). */
export interface DataFile {
  path: string;
  file: FileData;
}

/** From an <input type=file> list (webkitRelativePath when a folder was picked). */
export function fromFileList(list: FileList | File[]): PickedFile[] {
  return Array.from(list, (f) => ({ path: (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name, file: f }));
}

/** From a drop: files and whole folders (walked through the entries API where the browser has it). */
export async function fromDataTransfer(dt: DataTransfer): Promise<PickedFile[]> {
  const entries = Array.from(dt.items ?? [])
    .map((i) => (typeof i.webkitGetAsEntry === 'function' ? i.webkitGetAsEntry() : null))
    .filter((e): e is FileSystemEntry => !!e);
  if (entries.length === 0) return fromFileList(dt.files);
  const out: PickedFile[] = [];
  const walk = async (e: FileSystemEntry, prefix: string): Promise<void> => {
    if (e.isFile) {
      const f = await new Promise<File>((res, rej) => (e as FileSystemFileEntry).file(res, rej));
      out.push({ path: prefix + e.name, file: f });
    } else if (e.isDirectory) {
      const reader = (e as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
        if (batch.length === 0) break;
        for (const c of batch) await walk(c, prefix + e.name + '/');
      }
    }
  };
  for (const e of entries) await walk(e, '');
  return out;
}

/** The picked dataset.json (the shallowest one), or null. */
export function findManifest<F extends DataFile>(files: F[]): F | null {
  const m = files.filter((f) => /(^|\/)dataset\.json$/i.test(f.path) || /\.manifest\.json$/i.test(f.path));
  m.sort((a, b) => a.path.split('/').length - b.path.split('/').length);
  return m[0] ?? null;
}

/**
 * Resolves a manifest's relative paths among the picked files: the path relative to the
 * manifest's folder, else the picked file whose path ends with it (without ../), else the only
 * file of that name. Anything else is a DatasetError naming the path.
 */
export function pickedResolver(files: DataFile[], manifestPath: string): (p: string) => FileData {
  const byPath = new Map(files.map((f) => [f.path, f.file]));
  const byName = new Map<string, FileData[]>();
  for (const f of files) {
    const n = f.path.split('/').pop()!;
    byName.set(n, [...(byName.get(n) ?? []), f.file]);
  }
  return (p: string) => {
    const full = resolvePath(manifestPath, p);
    const exact = byPath.get(full) ?? byPath.get(p);
    if (exact) return exact;
    const tail = p.replace(/^(\.\.?\/)+/, '');
    const ends = files.filter((f) => f.path === tail || f.path.endsWith('/' + tail));
    if (ends.length === 1) return ends[0].file;
    const named = byName.get(tail.split('/').pop()!) ?? [];
    if (named.length === 1) return named[0];
    if (/^[a-z][a-z0-9+.-]+:/i.test(p)) {
      throw new DatasetError(p, 'a URL in a manifest opened from local files: open the manifest by its URL instead (?dataset=…), or pick this file too');
    }
    throw new DatasetError(p, named.length > 1 ? 'several picked files have this name; pick the folder that holds dataset.json' : 'not among the picked files (pick the whole folder, or add this file)');
  };
}

/** The folder a manifest sits in ('park' for 'park/dataset.json'), which names the exports. */
function manifestFolder(path: string, fallback: string): string {
  return path.includes('/') ? path.split('/').slice(-2, -1)[0] : fallback;
}

/** The picked files as a dataset's input when they hold a dataset.json (findManifest), else null. */
export async function pickedInput(files: DataFile[], fallbackName = 'dataset'): Promise<DatasetInput | null> {
  const manifest = findManifest(files);
  if (!manifest) return null;
  return {
    manifestText: await readText(manifest.file, manifest.path),
    manifestName: manifest.path,
    resolve: pickedResolver(files, manifest.path),
    slug: slugify(manifestFolder(manifest.path, fallbackName)),
  };
}

/**
 * A dataset zipped whole (its dataset.json with the files it names, at the top or in one folder):
 * the input of its entries, read in place (io/zip.ts). `zip`: a picked file, or a download's bytes.
 * `name` names the archive in errors.
 */
export async function zippedInput(zip: FileData, name: string): Promise<DatasetInput> {
  const input = await pickedInput(await unzip(zip, name), name.replace(/\.zip$/i, ''));
  if (!input) throw new DatasetError(name, 'holds no dataset.json: zip the folder that holds it together with its files');
  return input;
}

/** Whether a picked file is a ZIP archive, by its name. */
export const isZip = (f: PickedFile): boolean => /\.zip$/i.test(f.path);
