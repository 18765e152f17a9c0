import { readText } from '../../io/readFile';
import { describe, expect, it } from 'vitest';
import { findManifest, pickedResolver, type PickedFile } from './pickedFiles';
import { DatasetError } from '../../io/errors';

const blob = (s: string) => new Blob([s]);
const files: PickedFile[] = [
  { path: 'park/dataset.json', file: blob('m') },
  { path: 'park/npp/npp_2001.tif', file: blob('a') },
  { path: 'park/zones.geojson', file: blob('z') },
  { path: 'park/other/dataset.json', file: blob('m2') },
  { path: 'hawaii_npp_2010.tif', file: blob('h') },
  { path: 'x/dup.tif', file: blob('d1') },
  { path: 'y/dup.tif', file: blob('d2') },
];

describe('pickedFiles', () => {
  it('finds the shallowest dataset.json', () => {
    expect(findManifest(files)?.path).toBe('park/dataset.json');
    expect(findManifest(files.slice(1, 3))).toBeNull();
  });
  it('resolves manifest-relative paths, then by tail, then by unique name', async () => {
    const r = pickedResolver(files, 'park/dataset.json');
    expect(await readText(r('npp/npp_2001.tif'), 'f')).toBe('a');
    expect(await readText(r('./zones.geojson'), 'f')).toBe('z');
    expect(await readText(r('../../../shared/data/real/mod17-hawaii/hawaii_npp_2010.tif'), 'f')).toBe('h');
  });
  it('names a path it cannot find, or cannot tell apart', () => {
    const r = pickedResolver(files, 'park/dataset.json');
    expect(() => r('npp/npp_2002.tif')).toThrow(DatasetError);
    expect(() => r('npp/npp_2002.tif')).toThrow('npp/npp_2002.tif: not among the picked files');
    expect(() => r('dup.tif')).toThrow(/several picked files/);
  });
});
