import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'maplibre-gl/dist/maplibre-gl.css';
import './app/app.css';
import { datasetFromSearch } from './app/state/urlState';
import { DEMO_DATASET } from './app/state/useAnalysis';
import { engineWorkers } from './engine/browser/workers';
import { fetchEarly, isZipUrl } from './app/open/earlyFetch';

// The dataset the page opens with (as src/app/open/store.ts and useAnalysis decide it) starts
// loading now, in the engine's workers, while the app's code (MapLibre, React, d3) loads and starts.
const opened = datasetFromSearch(location.search);
let started: Promise<unknown> = Promise.resolve();
if (opened || new URLSearchParams(location.search).get('demo') !== 'synthetic') {
  // Its dataset.json (or its ZIP) is fetched at once, not after the loader's code has loaded: a
  // preload the loader's own fetch then takes.
  const url = opened ?? DEMO_DATASET;
  if (isZipUrl(url)) fetchEarly(url);
  else {
    const link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'fetch';
    link.crossOrigin = 'anonymous';
    link.href = url;
    document.head.append(link);
  }
  engineWorkers(); // their scripts load meanwhile
  started = import('./app/open/load').then((m) => m.preloadUrl(url)).catch(() => {});
}

// The app's code (MapLibre, d3: most of the bytes) after the loader's: compiled together, they
// delayed the loader, and with it the engine's start, by ~0.1 s on a 2-core machine.
started.then(() => import('./app/App')).then(({ App }) =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
