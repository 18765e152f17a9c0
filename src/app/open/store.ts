/**
 * Which dataset is open, shared by the open control (header) and the analysis hook: the source,
 * a sequence number bumped on every open, the last problem, and notes about the loaded dataset.
 * A failed open leaves the previous dataset on screen and its source in the address bar.
 */
import { useSyncExternalStore } from 'react';
import { datasetFromSearch, searchWithDataset } from '../state/urlState';
import type { DatasetSource } from './load';

export interface OpenState {
  /** null: the app's default (the demo). */
  source: DatasetSource | null;
  seq: number;
  error: string | null;
  /** Notes about the dataset on screen. */
  notes: string[];
  nppOnly: boolean;
}

function initial(): OpenState {
  const url = typeof location !== 'undefined' ? datasetFromSearch(location.search) : null;
  return { source: url ? { kind: 'url', url } : null, seq: 0, error: null, notes: [], nppOnly: false };
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
    set({ notes, nppOnly, error: null });
    const s = state.source;
    if (seq > 0 && typeof history !== 'undefined') {
      const search = searchWithDataset(location.search, s?.kind === 'url' ? s.url : null);
      if (search !== location.search) history.replaceState(null, '', location.pathname + search + location.hash);
    }
  },
  failed(seq: number, message: string): void {
    // Back to the dataset on screen, so a re-run (new settings) runs on it, not on the failed one.
    if (seq === state.seq) set({ error: message, ...(good ? { source: good.source } : {}) });
  },
  dismiss(): void {
    set({ error: null });
  },
};

export function useOpenState(): OpenState {
  return useSyncExternalStore(openStore.subscribe, openStore.get, openStore.get);
}
