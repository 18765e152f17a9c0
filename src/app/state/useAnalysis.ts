/** Loading a dataset and running the engine, with progress, errors and cancellation. */
import { useEffect, useState } from 'react';
import type { AnalysisOptions, AnalysisResult, Progress } from '../../engine/types';

export const DEMO_MANIFEST = 'data/qilian/dataset.json';

export interface AnalysisState {
  /** The latest finished result (kept on screen while a re-run computes). */
  result: AnalysisResult | null;
  /** Set while loading or computing. */
  progress: Progress | null;
  busy: boolean;
  error: string | null;
}

/**
 * Runs the analysis of `manifestUrl` (relative to the page) with `options` (null: the dataset's
 * own). `?demo=synthetic` in the page's URL uses the built-in dev sample instead.
 */
export function useAnalysis(manifestUrl: string, options: Partial<AnalysisOptions> | null): AnalysisState {
  const [state, setState] = useState<AnalysisState>({ result: null, progress: null, busy: true, error: null });
  const optionsKey = JSON.stringify(options ?? {});
  useEffect(() => {
    const ac = new AbortController();
    let alive = true;
    setState((s) => ({ ...s, busy: true, error: null, progress: { stage: 'Starting', done: 0, total: 1 } }));
    const synthetic = new URLSearchParams(location.search).get('demo') === 'synthetic';
    const onProgress = (p: Progress) => alive && setState((s) => ({ ...s, progress: p }));
    const run = synthetic
      ? import('./syntheticResult').then((m) => m.syntheticResult())
      : import('../../engine/browser').then((m) => m.analyzeInBrowser(manifestUrl, JSON.parse(optionsKey), onProgress, ac.signal));
    run.then(
      (result) => alive && setState({ result, progress: null, busy: false, error: null }),
      (e: unknown) => {
        if (!alive || (e instanceof DOMException && e.name === 'AbortError')) return;
        setState((s) => ({ ...s, progress: null, busy: false, error: e instanceof Error ? e.message : String(e) }));
      },
    );
    return () => {
      alive = false;
      ac.abort();
    };
  }, [manifestUrl, optionsKey]);
  return state;
}
