/**
 * The demo dataset as one file: public/data/qilian/ zipped (stored: its GeoTIFFs are compressed
 * already) into data/qilian.zip, which the app opens by default (src/io/zip.ts reads it). One
 * download instead of ~120: the server and the browser spend a few milliseconds of CPU on every
 * request, on two cores the half-second the first map waited for.
 *
 * The folder stays the source (the command line, the tests and the docs use it); the archive is
 * made from it by `vite build` (into dist) and served from it by `vite` (npm start), so the two
 * can never differ. Entries are in a fixed order with a fixed date: the same folder, the same bytes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { crc32 } from 'node:zlib';
import type { Plugin } from 'vite';

/** Every file under `folder`, as [path relative to it with '/', absolute path]: dataset.json first, then sorted. */
function filesOf(folder: string): [string, string][] {
  const out: [string, string][] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else out.push([relative(folder, abs).split(sep).join('/'), abs]);
    }
  };
  walk(folder);
  const first = (p: string) => (p === 'dataset.json' ? 0 : 1);
  return out.sort((a, b) => first(a[0]) - first(b[0]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** A ZIP archive (stored entries, names under `prefix/`) of every file under `folder`. */
export function zipFolder(folder: string, prefix: string): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const DOS_DATE = (1 << 5) | 1; // 1980-01-01, time 00:00: fixed, so the archive is reproducible
  for (const [rel, abs] of filesOf(folder)) {
    const name = Buffer.from(`${prefix}/${rel}`, 'utf8');
    const data = readFileSync(abs);
    if (data.length >= 0xffffffff || offset >= 0xffffffff) throw new Error(`${folder}: too large for a ZIP without ZIP64`);
    const crc = crc32(data);
    // The fields the local header (from byte 4) and the central one (from byte 6) share.
    const shared = (b: Buffer, at: number) => {
      b.writeUInt16LE(20, at); // version needed: 2.0
      b.writeUInt16LE(1 << 11, at + 2); // UTF-8 names
      b.writeUInt16LE(0, at + 4); // stored
      b.writeUInt16LE(0, at + 6); // time 00:00
      b.writeUInt16LE(DOS_DATE, at + 8);
      b.writeUInt32LE(crc, at + 10);
      b.writeUInt32LE(data.length, at + 14); // compressed size
      b.writeUInt32LE(data.length, at + 18); // size
      b.writeUInt16LE(name.length, at + 22); // then extra, comment, … lengths: 0
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    shared(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
    shared(central, 6);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: a regular file, rw-r--r--
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * Vite plugin: `url` (e.g. '/data/qilian.zip') is the ZIP of `folder`: written into the build,
 * and served by the dev server (made again when a file under the folder has changed).
 */
export function demoPack(folder: string, url: string): Plugin {
  const prefix = url.split('/').pop()!.replace(/\.zip$/i, '');
  let cached: { stamp: string; zip: Buffer } | null = null;
  const zip = () => {
    const stamp = filesOf(folder).map(([rel, abs]) => `${rel}:${statSync(abs).mtimeMs}:${statSync(abs).size}`).join('|');
    if (cached?.stamp !== stamp) cached = { stamp, zip: zipFolder(folder, prefix) };
    return cached.zip;
  };
  return {
    name: 'nep-demo-pack',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== url) return next();
        const body = zip();
        res.setHeader('Content-Type', 'application/zip');
        res.setHeader('Content-Length', String(body.length));
        res.setHeader('Cache-Control', 'no-cache');
        res.end(body);
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: url.replace(/^\//, ''), source: zip() });
    },
  };
}
