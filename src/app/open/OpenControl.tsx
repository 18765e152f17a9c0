/**
 * "Open data" in the header: pick files or a folder, drop them anywhere on the page, or give the
 * URL of a dataset.json. Picked files with a dataset.json open at once; files without one are
 * inspected and proposed in a form (ProposalForm). The dataset on screen stays until a new one loads.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { slugify } from '../../engine/browser';
import { isDatasetError } from '../../io/errors';
import { draftFromProposal, type Draft } from './draft';
import { inspectFiles } from './inspect';
import { fromDataTransfer, fromFileList, isZip, pickedInput, pickedResolver, zippedInput, type PickedFile } from './pickedFiles';
import { ProposalForm } from './ProposalForm';
import { openStore, useOpenState } from './store';
import './open.css';

export function OpenControl() {
  const [panel, setPanel] = useState(false);
  const [url, setUrl] = useState('');
  const [reading, setReading] = useState<string | null>(null);
  const [proposal, setProposal] = useState<{ draft: Draft; files: PickedFile[] } | null>(null);
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);

  const openFiles = useCallback(async (files: PickedFile[]) => {
    if (files.length === 0) return;
    setPanel(false);
    // A dataset zipped whole (one .zip picked or dropped): opened from its entries, in place.
    if (files.length === 1 && isZip(files[0])) {
      try {
        openStore.open({ kind: 'input', input: await zippedInput(files[0].file, files[0].path.split('/').pop()!) });
      } catch (e) {
        openStore.problem(isDatasetError(e) ? e.message : String((e as Error)?.message ?? e));
      }
      return;
    }
    const input = await pickedInput(files);
    if (input) {
      openStore.open({ kind: 'input', input });
      return;
    }
    try {
      const info = await inspectFiles(files, (done, total, name) => setReading(`Reading ${name} (${done + 1} of ${total})`));
      const folder = files[0].path.includes('/') ? files[0].path.split('/')[0] : '';
      setProposal({ draft: draftFromProposal(info.proposal, info.stats, info.problems, info.vectors, folder || 'My dataset'), files });
    } catch (e) {
      openStore.problem(isDatasetError(e) ? e.message : String((e as Error)?.message ?? e));
    } finally {
      setReading(null);
    }
  }, []);

  // Drop files or folders anywhere on the page.
  useEffect(() => {
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
    const enter = (e: DragEvent) => { if (hasFiles(e)) { depth.current++; setDragging(true); } };
    const leave = (e: DragEvent) => { if (hasFiles(e) && --depth.current <= 0) { depth.current = 0; setDragging(false); } };
    const over = (e: DragEvent) => { if (hasFiles(e)) e.preventDefault(); };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setDragging(false);
      void fromDataTransfer(e.dataTransfer!).then(openFiles);
    };
    addEventListener('dragenter', enter);
    addEventListener('dragleave', leave);
    addEventListener('dragover', over);
    addEventListener('drop', drop);
    return () => {
      removeEventListener('dragenter', enter);
      removeEventListener('dragleave', leave);
      removeEventListener('dragover', over);
      removeEventListener('drop', drop);
    };
  }, [openFiles]);

  return (
    <div className="open-control">
      <button type="button" aria-expanded={panel} aria-controls="open-panel" onClick={() => setPanel((p) => !p)}>
        Open data…
      </button>
      {reading && <span className="open-reading" role="status">{reading}</span>}
      {panel && (
        <div id="open-panel" className="open-panel" role="group" aria-label="Open data">
          <label className="open-pick">
            GeoTIFFs, zones, a climate CSV or a dataset.json
            <input
              type="file"
              multiple
              data-testid="open-files"
              accept=".tif,.tiff,.geojson,.json,.zip,.csv"
              onChange={(e) => { const f = fromFileList(e.target.files ?? []); e.target.value = ''; void openFiles(f); }}
            />
          </label>
          <label className="open-pick">
            A folder
            <input
              type="file"
              data-testid="open-folder"
              {...({ webkitdirectory: '', directory: '' } as Record<string, string>)}
              onChange={(e) => { const f = fromFileList(e.target.files ?? []); e.target.value = ''; void openFiles(f); }}
            />
          </label>
          <form
            className="open-url"
            onSubmit={(e) => {
              e.preventDefault();
              if (!url.trim()) return;
              setPanel(false);
              openStore.open({ kind: 'url', url: url.trim() });
            }}
          >
            <input type="url" aria-label="Dataset URL" placeholder="https://…/dataset.json" value={url} onChange={(e) => setUrl(e.target.value)} />
            <button type="submit">Open URL</button>
          </form>
          <p className="note">Or drop files or a folder anywhere on the page. Files are read in your browser, not uploaded.</p>
        </div>
      )}
      {dragging && <div className="drop-overlay" aria-hidden="true">Drop files or a folder to open them</div>}
      {proposal && (
        <ProposalForm
          initial={proposal.draft}
          onCancel={() => setProposal(null)}
          onAnalyse={(manifestText, paths) => {
            const files = proposal.files;
            const byPath = new Map(files.map((f) => [f.path, f.file]));
            const fallback = pickedResolver(files, 'dataset.json');
            setProposal(null);
            openStore.open({
              kind: 'input',
              input: {
                manifestText,
                manifestName: 'dataset.json',
                resolve: (p) => byPath.get(paths.get(p) ?? p) ?? fallback(p),
                slug: slugify(JSON.parse(manifestText).name ?? 'dataset'),
              },
            });
          }}
        />
      )}
    </div>
  );
}

/**
 * What the alert says after the problem: what the person can do next, true to what is on screen
 * (the dataset open before stays; with none, the map's hint says how to open one).
 */
export function nextStep(onScreen: boolean): string {
  return onScreen
    ? 'The dataset on screen is unchanged; fix the file and open it again.'
    : 'No dataset is open; fix the file and open it again, or open another one.';
}

/** The last problem (dismissible, naming the file), notes about the open dataset, and its shareable link. */
export function OpenMessages({ error, notes, byUrl }: { error: string | null; notes: string[]; byUrl: boolean }) {
  const [copied, setCopied] = useState<string | null>(null);
  const { onScreen } = useOpenState();
  return (
    <>
      {notes.length > 0 && (
        <ul className="dataset-notes" role="note" data-testid="dataset-notes">
          {notes.map((n) => <li key={n}>{n}</li>)}
        </ul>
      )}
      {byUrl && (
        <button
          type="button"
          className="copy-link"
          onClick={() => {
            const href = location.href;
            navigator.clipboard?.writeText(href).then(() => setCopied('Link copied'), () => setCopied(href));
            if (!navigator.clipboard) setCopied(href);
          }}
        >
          Copy link to this view
        </button>
      )}
      {copied && <span className="copied" data-testid="copied">{copied}</span>}
      {error && (
        <div className="open-error" role="alert" data-testid="open-error">
          <b>Could not open the dataset.</b> <span className="open-error-message">{error}</span>{' '}
          <span className="note open-error-next">{nextStep(onScreen)}</span>
          <button type="button" aria-label="Dismiss" onClick={() => openStore.dismiss()}>×</button>
        </div>
      )}
    </>
  );
}
