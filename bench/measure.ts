/**
 * Run a command under GNU time (`/usr/bin/time -v`) and measure it: wall time, the peak RSS
 * that time reports, and, as a cross-check, the peak of the summed RSS of the whole process
 * tree sampled from /proc (time -v reports the largest single process, so a tool that spreads
 * over several processes would look smaller than it is).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measured {
  exitCode: number;
  /** "Elapsed (wall clock) time" from time -v, seconds. */
  wallSeconds: number;
  /** "Maximum resident set size" from time -v, kB. */
  maxRssKb: number;
  /** Peak of the summed RSS over the process tree (sampled every `sampleMs`), kB; 0 if /proc is unavailable. */
  treePeakKb: number;
  /** The last lines of the command's stderr. */
  stderrTail: string;
}

/** Parse `/usr/bin/time -v` output. */
export function parseTimeV(text: string): { wallSeconds: number; maxRssKb: number; exitStatus: number | null } {
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)/.exec(text);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
  const status = /Exit status: (\d+)/.exec(text);
  if (!wall || !rss) throw new Error(`could not parse /usr/bin/time -v output:\n${text}`);
  const wallSeconds = wall[1].split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
  return { wallSeconds, maxRssKb: Number(rss[1]), exitStatus: status ? Number(status[1]) : null };
}

const PAGE_KB = 4;

/** Sum of RSS (kB) of `root` and all its descendants, from /proc. */
function treeRssKb(root: number): number {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return 0;
  }
  const children = new Map<number, number[]>();
  for (const p of pids) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(p));
      children.set(ppid, list);
    } catch {
      /* process ended meanwhile */
    }
  }
  let sum = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      sum += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_KB;
    } catch {
      /* ended */
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return sum;
}

export async function measure(cmd: string, args: string[], opts: { cwd?: string; sampleMs?: number; echo?: boolean } = {}): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'nep-bench-'));
  const timeFile = join(dir, 'time.txt');
  try {
    const child = spawn('/usr/bin/time', ['-v', '-o', timeFile, cmd, ...args], { cwd: opts.cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      const s = d.toString();
      stderr = (stderr + s).slice(-20000);
      if (opts.echo) process.stderr.write(s);
    });
    let treePeakKb = 0;
    const timer = setInterval(() => {
      if (child.pid) treePeakKb = Math.max(treePeakKb, treeRssKb(child.pid));
    }, opts.sampleMs ?? 25);
    const exitCode: number = await new Promise((res, rej) => {
      child.on('error', rej);
      child.on('close', (code) => res(code ?? 1));
    });
    clearInterval(timer);
    const t = parseTimeV(readFileSync(timeFile, 'utf8'));
    const tail = stderr.split('\n').filter((l) => l.trim()).slice(-8).join('\n');
    return { exitCode, wallSeconds: t.wallSeconds, maxRssKb: t.maxRssKb, treePeakKb, stderrTail: tail };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
