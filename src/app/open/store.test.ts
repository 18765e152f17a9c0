import { describe, expect, it } from 'vitest';
import { openStore } from './store';

// One store per module: these steps run in order, as a person's session does.
describe('openStore', () => {
  const a = { kind: 'url' as const, url: 'https://example.org/a/dataset.json' };
  const b = { kind: 'url' as const, url: 'https://example.org/b/dataset.json' };

  it('a failed first load: the problem is kept, nothing is on screen, the source stays the one asked for', () => {
    expect(openStore.get()).toMatchObject({ source: null, seq: 0, error: null, onScreen: false });
    openStore.open(b);
    openStore.failed(1, 'npp/npp_2001.tif: not a TIFF file');
    expect(openStore.get()).toMatchObject({ source: b, seq: 1, error: 'npp/npp_2001.tif: not a TIFF file', onScreen: false });
    openStore.dismiss();
    expect(openStore.get().error).toBeNull();
  });

  it('a load that succeeds puts a dataset on screen and clears the problem', () => {
    openStore.open(a);
    openStore.failed(1, 'stale: from the previous open'); // an older load's failure is ignored
    expect(openStore.get().error).toBeNull();
    openStore.loaded(2, ['a note'], true);
    expect(openStore.get()).toMatchObject({ source: a, seq: 2, error: null, onScreen: true, notes: ['a note'], nppOnly: true });
  });

  it('a failed later load keeps the dataset on screen and goes back to its source', () => {
    openStore.open(b);
    expect(openStore.get()).toMatchObject({ source: b, seq: 3, onScreen: true });
    openStore.failed(3, 'dataset.json: not valid JSON');
    expect(openStore.get()).toMatchObject({ source: a, seq: 3, error: 'dataset.json: not valid JSON', onScreen: true });
  });

  it('a problem before anything is opened leaves the source and the sequence alone', () => {
    openStore.open(b);
    openStore.problem('x.tif: not a TIFF file');
    expect(openStore.get()).toMatchObject({ source: b, seq: 4, error: 'x.tif: not a TIFF file' });
    openStore.loaded(4, [], false); // the load under way still lands, and its source is the good one
    openStore.open(a);
    openStore.failed(5, 'y.tif: truncated');
    expect(openStore.get()).toMatchObject({ source: b, error: 'y.tif: truncated', onScreen: true });
  });
});
