/**
 * A dataset resolved and checked on the main thread, ready to hand to workers: every file per
 * year, the analysis grid, zones and boundary already projected to the grid's CRS.
 * Plain data only (structured-clone-able): strings are file paths (Node) or URLs; Blobs are
 * user-picked files (browser); ArrayBuffers and views are files a page held in memory (see FileRef).
 */
import type { ClimateVar, TrendMethod } from '../core/summary';
import type { Pei2010Params } from '../core/respiration';
import type { Grid } from '../io/grid';
import type { LayerSpec } from '../io/layer';
import type { ReadAt } from '../io/overview';
import type { ProjectedPolygon } from '../io/rasterize';

/**
 * A file: a path (Node) or URL, a Blob (a picked file, an entry of a ZIP), or its bytes: an
 * ArrayBuffer, or a view of them (an entry of a ZIP the page read whole, in a worker's copy of the
 * archive: browser/inMemoryFiles.ts).
 */
export type FileRef = string | Blob | ArrayBuffer | Uint8Array;

export interface LayerPlan {
  /** One file per analysis year, in year order. */
  files: FileRef[];
  /** Display names for errors (the manifest-relative paths). */
  names: string[];
  spec: LayerSpec;
  /** Per year: true when the file is on another grid and must be resampled bilinearly. */
  resample: boolean[];
  /** Pixels of the first year's file on its own grid (climate layers; a coarse grid has few). */
  sourcePixels?: number;
}

/** Per-year values from a climate table: whole region, and zone overrides by zone index. */
export interface TableClimate {
  region: Float64Array;
  zones: (Float64Array | null)[];
}

export interface DatasetPlan {
  name: string;
  slug: string;
  /**
   * Unique to a prepared dataset (prepareDataset) and kept by the plans made from it (a level, a
   * window, a checked plan): the workers keep the files open between plans with the same id.
   */
  filesId?: string;
  years: number[];
  grid: Grid;
  /** NPP layer, or null when the dataset gives NEP directly. */
  npp: LayerPlan | null;
  nep: LayerPlan | null;
  climateRasters: Partial<Record<ClimateVar, LayerPlan>>;
  climateTable: Partial<Record<ClimateVar, TableClimate>> | null;
  /** Climate variables present (rasters or table), in SPEC order. */
  climateVars: ClimateVar[];
  zonePolygons: ProjectedPolygon[] | null;
  /** Zones as a raster of integer codes on the grid; codes[i] is zone i's code. */
  zoneRaster: { file: FileRef; name: string; codes: number[] } | null;
  zoneIds: string[];
  zoneNames: string[];
  boundary: ProjectedPolygon[] | null;
  respiration: Pei2010Params | null;
  method: TrendMethod;
  /** Rows per block: a multiple of the NPP files' tile height, so no tile is decoded twice. */
  blockRows: number;
  /**
   * Large mode (engine/overviewPlan.ts): the files on the dataset's full-resolution grid (those
   * not resampled, and a zone raster) are read at this level and window, and `grid` is that
   * level's window. Absent: full resolution.
   */
  read?: ReadAt | null;
  /** Rows per tile (or strip) of the NPP (or NEP) files; blocks of a multiple of it decode each tile once. */
  tileHeight?: number;
}

/** What the caller wants back per block besides the zonal sums. */
export interface BlockWants {
  /** Full-row rasters of mean, slope, p and class (the CLI's COGs). */
  rows: boolean;
  /** Compact per-included-pixel series and maps (the app). */
  pixels: boolean;
  /** Per-pixel Spearman's rho with each climate variable (app maps). */
  pixelRho: boolean;
  /**
   * With `pixels`: the year-major series to send back ('nep', 'npp', 'rh' and climate variables
   * the dataset has); absent: all of them. Each is 4 bytes a pixel-year of new memory (the demo
   * park: 23.5 MB a series); the app leaves out those it can work out itself when they are shown
   * (engine/derivedSeries.ts).
   */
  series?: SeriesKey[];
}

/** A year-major per-pixel series of PixelMaps. */
export type SeriesKey = 'nep' | 'npp' | 'rh' | ClimateVar;
