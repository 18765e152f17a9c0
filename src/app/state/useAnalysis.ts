/**
 * Loading a dataset and running the engine, with progress, errors and cancellation.
 *
 * The dataset is the one opened last (src/app/open/store.ts: picked files, a URL, `?dataset=` in
 * the address), else `manifestUrl` (the demo). A failed load keeps the previous result on screen;
 * its message goes to the open store, and only there: the header shows it (naming the file) until
 * dismissed, with or without a dataset on screen (with none, the map shows its empty hint too).
 */
import { useEffect, useRef, useState } from 'react';
import type { AnalysisOptions, AnalysisResult, Progress } from '../../engine/types';
import type { AnalysisPreview } from '../../engine/browser';
import { openStore, useOpenState } from '../open/store';

/** The demo dataset: public/data/qilian/ as one ZIP, made by the build and the dev server (scripts/demo-pack.ts). */
export const DEMO_DATASET = 'data/qilian.zip';

/** Shortest time between two progress updates on screen within one stage (see onProgress). */
const PROGRESS_MS = 200;

export interface AnalysisState {
  /** The latest finished result (kept on screen while a re-run computes, and after a failed load). */
  result: AnalysisResult | null;
  /**
   * The running load's first map (the multi-year mean, exactly as the result will have it), until
   * its result comes; null otherwise.
   */
  preview: AnalysisPreview | null;
  /** Set while loading or computing. */
  progress: Progress | null;
  busy: boolean;
  /**
   * The running load's dataset name once the engine knows it (with the first map's progress, or
   * its first map), until its result comes: the header shows it from then on, so it does not
   * change height under the map later.
   */
  dataset: string | null;
}

/**
 * Runs the analysis of the open dataset with `options` (null: the dataset's own). Options set
 * for a previous dataset are not carried to a newly opened one. `?demo=synthetic` in the page's
 * URL uses the built-in dev sample when no dataset was opened.
 */
export function useAnalysis(manifestUrl: string, options: Partial<AnalysisOptions> | null): AnalysisState {
  const [state, setState] = useState<AnalysisState>({ result: null, preview: null, progress: null, busy: true, dataset: null });
  const open = useOpenState();
  const seq = open.seq;
  const optionsKey = JSON.stringify(options ?? {});
  const baseline = useRef({ seq: 0, key: optionsKey });
  if (baseline.current.seq !== seq) baseline.current = { seq, key: optionsKey };
  const runKey = seq > 0 && optionsKey === baseline.current.key ? '{}' : optionsKey;

  useEffect(() => {
    const ac = new AbortController();
    let alive = true;
    setState((s) => ({ ...s, busy: true, preview: null, dataset: null, progress: { stage: 'Starting', done: 0, total: 1 } }));
    const opened = openStore.get().source;
    const source = opened ?? { kind: 'url' as const, url: manifestUrl };
    const synthetic = opened === null && new URLSearchParams(location.search).get('demo') === 'synthetic';
    // Progress reaches the screen at most every PROGRESS_MS within a stage, and at once when the
    // kind of stage changes (downloading, checking, computing): each update redraws the page, and
    // on a software GPU a hundred "Checking …" redraws a second take CPU from the engine's workers.
    let shown = '';
    let pending: Progress | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      if (alive && pending) {
        const p = pending;
        pending = null;
        shown = p.stage.split(' ')[0];
        setState((s) => ({ ...s, progress: p, dataset: p.dataset ?? s.dataset }));
      }
    };
    const onProgress = (p: Progress) => {
      if (p.dataset && alive) setState((s) => ({ ...s, dataset: p.dataset! })); // at once, not with the throttled progress
      pending = p;
      if (p.stage.split(' ')[0] !== shown) {
        if (timer) clearTimeout(timer);
        flush();
      } else if (!timer) timer = setTimeout(flush, PROGRESS_MS);
    };
    const onPreview = (p: AnalysisPreview) => alive && setState((s) => ({ ...s, preview: p, dataset: p.dataset }));
    const run = synthetic
      ? import('./syntheticResult').then((m) => ({ result: m.syntheticResult(), notes: [], nppOnly: false }))
      : import('../open/load').then((m) => m.loadSource(source, JSON.parse(runKey), onProgress, ac.signal, onPreview));
    run.then(
      (loaded) => {
        if (!alive) return;
        pending = null; // the run is over: no progress after it
        setState({ result: loaded.result, preview: null, progress: null, busy: false, dataset: null });
        openStore.loaded(seq, loaded.notes, loaded.nppOnly);
      },
      (e: unknown) => {
        if (!alive || (e instanceof DOMException && e.name === 'AbortError')) return;
        pending = null;
        const message = e instanceof Error ? e.message : String(e);
        // The previous result (if any) stays; the open store's alert tells the problem.
        setState((s) => ({ ...s, preview: null, progress: null, busy: false, dataset: null }));
        openStore.failed(seq, message);
      },
    );
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
      ac.abort();
    };
  }, [manifestUrl, seq, runKey]);
  return state;
}
