/**
 * The engine in the browser: a pool of module Web Workers, kept for the page's life, running the
 * same block computation as the command line. The page's thread only prepares and merges.
 */
import { WorkerPool, type WorkerPort } from './pool';
import { prepareDataset, type DatasetInput } from './prepare';
import { runPlan } from './run';
import type { AnalysisOptions, AnalysisResult, Progress } from './types';
import type { FromWorker } from './messages';
import { resolvePath } from '../io/paths';
import { readText } from '../io/readFile';

let pool: WorkerPool | null = null;

function browserPool(): WorkerPool {
  if (pool) return pool;
  const n = Math.max(1, Math.min(4, (navigator.hardwareConcurrency || 2)));
  const ports: WorkerPort[] = [];
  for (let i = 0; i < n; i++) {
    const w = new Worker(new URL('./browser/worker.ts', import.meta.url), { type: 'module', name: `nep-engine-${i}` });
    ports.push({
      post: (msg) => w.postMessage(msg),
      onMessage: (cb) => w.addEventListener('message', (e: MessageEvent<FromWorker>) => cb(e.data)),
      onError: (cb) => w.addEventListener('error', (e) => cb(new Error(e.message || 'engine worker failed'))),
      terminate: () => w.terminate(),
    });
  }
  pool = new WorkerPool(ports);
  return pool;
}

/** Analyses a dataset given by the URL of its dataset.json (relative URLs resolve against the page). */
export async function analyzeInBrowser(
  manifestUrl: string,
  options: Partial<AnalysisOptions>,
  onProgress: (p: Progress) => void = () => {},
  signal?: AbortSignal,
): Promise<AnalysisResult> {
  const url = new URL(manifestUrl, location.href).href;
  const name = decodeURIComponent(url.split('/').pop() || 'dataset.json');
  onProgress({ stage: `Reading ${name}`, done: 0, total: 1 });
  const text = await readText(url, name);
  const parts = new URL(url).pathname.split('/').filter(Boolean);
  const slug = slugify(parts.length > 1 ? parts[parts.length - 2] : 'dataset');
  return analyzeInput({ manifestText: text, manifestName: name, resolve: (p) => resolvePath(url, p), slug }, options, onProgress, signal);
}

/** Analyses a dataset whose files the caller resolves (URLs, or Blobs of picked files). */
export async function analyzeInput(
  input: DatasetInput,
  options: Partial<AnalysisOptions>,
  onProgress: (p: Progress) => void = () => {},
  signal?: AbortSignal,
): Promise<AnalysisResult> {
  const prepared = await prepareDataset(input, {
    method: options.method,
    respiration: options.respiration ?? undefined,
    onProgress: (stage, done, total) => onProgress({ stage, done, total }),
  });
  if (signal?.aborted) throw new DOMException('Aborted', 'AbortError');
  const { summary, maps } = await runPlan(
    prepared.plan,
    browserPool(),
    { rows: false, pixels: true, pixelRho: true },
    onProgress,
    signal,
  );
  return { summary, maps: maps!, zones: prepared.zones, boundary: prepared.boundary, slug: prepared.plan.slug };
}

export function slugify(s: string): string {
  return s.normalize('NFKD').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'dataset';
}
