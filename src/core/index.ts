/** The science core: pure functions over typed arrays (no DOM, no I/O). */
export { PEI2010_DEFAULTS, pei2010Rh, type Pei2010Params } from './respiration';
export * from './summary';
export { studentTCdf, studentTSf, studentTTwoSidedP, studentTTwoSidedPWithLnBeta, studentTLnBeta } from './tdist';
export { normalCdf, normalSf, normalTwoSidedP, erf, erfc } from './normal';
export { betaInc, betaIncComplement } from './betaInc';
export { lnGamma, lnBeta } from './gamma';
export { ols, olsInto, createOlsResult, type OlsResult } from './ols';
export { theilSen, theilSenSlopeInto, theilSenScratch, type TheilSenResult } from './theilSen';
export { mannKendall, mannKendallInto, createMannKendallResult, type MannKendallResult } from './mannKendall';
export { median, medianInPlace } from './median';
export { ranks, rankInto } from './ranks';
export { spearman, rankCorrelation, correlationP, type SpearmanResult } from './spearman';
export { trendClass, TREND_CLASS_NODATA } from './trendClass';
export { cellAreasByRow, ellipsoidCellArea, WGS84_A, WGS84_F } from './pixelArea';
export { weightedMean } from './weightedMean';
export {
  computeRhNep,
  pixelStats,
  createPixelScratch,
  type PixelStatsInput,
  type PixelStatsOutput,
  type PixelScratch,
  type FloatArray,
} from './block';
export { createZonalSums, accumulateBlock, mergeZonalSums, N_CLASSES, type ZonalSums, type ZonalBlock } from './zonal';
export { summarizeRegions, type SummaryMeta } from './regionSummary';
