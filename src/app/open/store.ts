/**
 * Which dataset is open, shared by the open control (header) and the analysis hook: the source,
 * a sequence number bumped on every open, the last problem, whether a dataset is on screen, and
 * notes about the loaded dataset. A failed open leaves the previous dataset (if any) on screen and
 * its source in the address bar. This store is the one place a load's problem goes: the header's
 * open control shows it (OpenMessages), whether or not a dataset is on screen.
 */
import { useSyncExternalStore } from 'react';
import { datasetFromSearch, searchWithDataset } from '../state/urlState';
import type { DatasetSource } from './load';

export interface OpenState {
  /** null: the app's default (the demo). */
  source: DatasetSource | null;
  seq: number;
  error: string | null;
  /** A dataset has loaded and is on screen (a failed open leaves it there); false until the first load succeeds. */
  onScreen: boolean;
  /** Notes about the dataset on screen. */
  notes: string[];
  nppOnly: boolean;
}

function initial(): OpenState {
  const url = typeof location !== 'undefined' ? datasetFromSearch(location.search) : null;
  return { source: url ? { kind: 'url', url } : null, seq: 0, error: null, onScreen: false, notes: [], nppOnly: false };
}

let state: OpenState = initial();
/** The source of the dataset on screen (undefined before the first load). */
let good: { source: DatasetSource | null } | undefined;
const listeners = new Set<() => void>();

function set(patch: Partial<OpenState>): void {
  state = { ...state, ...patch };
  listeners.forEach((l) => l());
}

export const openStore = {
  get: (): OpenState => state,
  subscribe(l: () => void): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  /** Opens a new dataset (the current one stays until it has loaded). */
  open(source: DatasetSource): void {
    set({ source, seq: state.seq + 1, error: null });
  },
  /** The dataset of `seq` loaded: its notes, and the address bar names it when it came by URL. */
  loaded(seq: number, notes: string[], nppOnly: boolean): void {
    if (seq !== state.seq) return;
    good = { source: state.source };
    set({ notes, nppOnly, error: null, onScreen: true });
    const s = state.source;
    if (seq > 0 && typeof history !== 'undefined') {
      const search = searchWithDataset(location.search, s?.kind === 'url' ? s.url : null);
      if (search !== location.search) history.replaceState(null, '', location.pathname + search + location.hash);
    }
  },
  /** The load of `seq` failed with `message` (naming the file). */
  failed(seq: number, message: string): void {
    // Back to the dataset on screen, so a re-run (new settings) runs on it, not on the failed one.
    if (seq === state.seq) set({ error: message, ...(good ? { source: good.source } : {}) });
  },
  /**
   * A problem found before anything was opened (e.g. picked files that cannot be inspected): told
   * like a failed load, but the source and a load under way are left alone.
   */
  problem(message: string): void {
    set({ error: message });
  },
  dismiss(): void {
    set({ error: null });
  },
};

export function useOpenState(): OpenState {
  return useSyncExternalStore(openStore.subscribe, openStore.get, openStore.get);
}
