import { describe, expect, it } from 'vitest';
import * as core from './index';

describe('core index', () => {
  it('re-exports the public API', () => {
    for (const name of ['studentTSf', 'studentTCdf', 'studentTTwoSidedP', 'normalSf', 'ols', 'theilSen', 'mannKendall', 'ranks', 'spearman', 'trendClass', 'cellAreasByRow', 'weightedMean', 'computeRhNep', 'pixelStats', 'createPixelScratch', 'createZonalSums', 'accumulateBlock', 'mergeZonalSums', 'summarizeRegions', 'pei2010Rh']) {
      expect(typeof (core as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(core.TREND_CLASS_NODATA).toBe(-128);
  });
});
