/**
 * Mergeable zonal sums (SPEC §3). A ZonalSums is a plain object of Float64Arrays only (it
 * survives postMessage / structured clone). Region 0 is the whole region ('all'); region
 * z + 1 is zone z. All areas are m².
 *
 * Determinism: floating-point sums depend on the order of addition. The engine gives every
 * block its own fresh ZonalSums (accumulateBlock once), then merges the blocks' sums into the
 * total in block order; the result is then the same for any number of workers.
 */
export { summarizeRegions, type SummaryMeta } from './regionSummary';

/** Trend classes −3…3 are stored at index class + 3. */
export const N_CLASSES = 7;

export interface ZonalSums {
  /** Σ area of the included pixels, per region (length R). */
  area: Float64Array;
  /** Number of included pixels, per region (R). */
  pixels: Float64Array;
  /** Σ area with NEP > 0 / NEP < 0 in year i: [r * Y + i] (R·Y). */
  sink: Float64Array;
  source: Float64Array;
  /** Σ area with multi-year mean NEP > 0 / < 0 (R). */
  meanSink: Float64Array;
  meanSource: Float64Array;
  /** Σ area per trend class: [r * 7 + class + 3] (R·7). */
  cls: Float64Array;
  /** Per variable: Σ area where the value is not NaN, [r * Y + i] (R·Y). */
  weight: Record<string, Float64Array>;
  /** Per variable: Σ area·value over the same pixels, [r * Y + i] (R·Y). */
  weighted: Record<string, Float64Array>;
}

/** Empty sums for the whole region plus nZones zones, nYears years and the given variables ('nep' is always added). */
export function createZonalSums(nZones: number, nYears: number, vars: string[]): ZonalSums {
  const R = Math.max(0, nZones | 0) + 1;
  const Y = Math.max(0, nYears | 0);
  const weight: Record<string, Float64Array> = {};
  const weighted: Record<string, Float64Array> = {};
  for (const v of vars.includes('nep') ? vars : ['nep', ...vars]) {
    weight[v] = new Float64Array(R * Y);
    weighted[v] = new Float64Array(R * Y);
  }
  return {
    area: new Float64Array(R),
    pixels: new Float64Array(R),
    sink: new Float64Array(R * Y),
    source: new Float64Array(R * Y),
    meanSink: new Float64Array(R),
    meanSource: new Float64Array(R),
    cls: new Float64Array(R * N_CLASSES),
    weight,
    weighted,
  };
}

export interface ZonalBlock {
  n: number;
  /** Pixel area, m² (n). */
  area: Float64Array;
  /** Zone index per pixel, −1 = none (n). */
  zone: Int16Array;
  /** 1 = included (n). */
  included: Uint8Array;
  /** Y·n year-major values per variable (npp, rh, nep, temperature, …); NaN values are skipped. */
  values: Record<string, Float32Array | Float64Array>;
  /** NEP, Y·n year-major (sink/source areas; also the 'nep' variable when values lacks it). */
  nep: Float32Array | Float64Array;
  /** Multi-year mean NEP per pixel (n). */
  mean: Float32Array;
  /** Trend class per pixel (n); values outside −3…3 are not counted in any class. */
  cls: Int8Array;
}

/**
 * Adds a block's included pixels to the sums (to 'all' and to the pixel's zone).
 * The included pixels are walked as runs of consecutive pixels with the same zone and area
 * (long in real rasters): per run and year, Σv and the count of non-NaN values are summed,
 * then multiplied by the run's pixel area. The order of additions is fixed by the block.
 */
export function accumulateBlock(sums: ZonalSums, b: ZonalBlock): void {
  const R = sums.area.length;
  const Y = R > 0 ? sums.sink.length / R : 0;
  const runs = includedRuns(b, R);
  if (runs.count === 0) return;
  // Each pass is its own function: V8 then optimizes each hot loop on its own feedback instead
  // of recompiling one large function again and again as it reaches each later pass.
  addPixels(sums, runs, b.mean, b.cls);
  const pa = new Float64Array(R);
  const pb = new Float64Array(R);
  addSinkSource(sums, runs, b.nep, b.n, Y, R, pa, pb);
  for (const name of Object.keys(sums.weight)) {
    const vals = b.values[name] ?? (name === 'nep' ? b.nep : undefined);
    if (!vals) continue;
    if (vals instanceof Float64Array) addWeighted64(sums.weight[name], sums.weighted[name], runs, vals, b.n, Y, R, pa, pb);
    else addWeighted32(sums.weight[name], sums.weighted[name], runs, vals, b.n, Y, R, pa, pb);
  }
}

/** Runs of included pixels: [start, end), one zone slot (0 = none, z + 1 = zone z), one area. */
interface Runs {
  count: number;
  start: Int32Array;
  end: Int32Array;
  slot: Int32Array;
  area: Float64Array;
}

function includedRuns(b: ZonalBlock, R: number): Runs {
  const { n, area, zone, included } = b;
  // Counted first, so the arrays are as small as the runs are few.
  let count = 0;
  for (let k = 0; k < n; k++) {
    if (included[k] !== 1) continue;
    if (k === 0 || included[k - 1] !== 1 || zone[k - 1] !== zone[k] || area[k - 1] !== area[k]) count++;
  }
  const runs: Runs = { count, start: new Int32Array(count), end: new Int32Array(count), slot: new Int32Array(count), area: new Float64Array(count) };
  for (let k = 0, q = 0; k < n; ) {
    if (included[k] !== 1) {
      k++;
      continue;
    }
    const z = zone[k];
    const a = area[k];
    let e = k + 1;
    while (e < n && included[e] === 1 && zone[e] === z && area[e] === a) e++;
    runs.start[q] = k;
    runs.end[q] = e;
    runs.slot[q] = z >= 0 && z + 1 < R ? z + 1 : 0;
    runs.area[q] = a;
    q++;
    k = e;
  }
  return runs;
}

/** Per pixel: region area and count, mean-map sink/source, trend classes. */
function addPixels(sums: ZonalSums, runs: Runs, mean: Float32Array, cls: Int8Array): void {
  for (let q = 0; q < runs.count; q++) addPixelRun(sums, runs.slot[q], runs.area[q], mean, cls, runs.start[q], runs.end[q]);
}

/*
 * The loops over the pixels of one run are functions of their own (addPixelRun, countSigns*,
 * sumValid*): called once per run, V8 optimizes them as any hot function. As inner loops of the
 * passes, which run once per block, V8 compiled them on the stack (OSR) and threw that code away
 * at the end of every run: ~300 deoptimizations and a dozen recompilations a load of the demo.
 * Each writes what it sums into `acc` (a double returned from a call V8 does not inline is a heap
 * object). The arithmetic, and its order, are those of the loops they were.
 */

function addPixelRun(sums: ZonalSums, s: number, a: number, mean: Float32Array, cls: Int8Array, from: number, to: number): void {
  for (let k = from; k < to; k++) {
    const mk = mean[k];
    const c = cls[k];
    const ci = c >= -3 && c <= 3 ? c + 3 : -1;
    for (let pass = 0; pass < 2; pass++) {
      const r = pass === 0 ? 0 : s;
      if (pass === 1 && r === 0) break;
      sums.area[r] += a;
      sums.pixels[r] += 1;
      if (mk > 0) sums.meanSink[r] += a;
      else if (mk < 0) sums.meanSource[r] += a;
      if (ci >= 0) sums.cls[r * N_CLASSES + ci] += a;
    }
  }
}

/** acc[0] = how many of vals[from..to) are > 0, acc[1] = how many are < 0. */
function countSigns64(vals: Float64Array, from: number, to: number, acc: Float64Array): void {
  let pos = 0;
  let neg = 0;
  for (let k = from; k < to; k++) {
    const v = vals[k];
    pos += (v > 0) as unknown as number;
    neg += (v < 0) as unknown as number;
  }
  acc[0] = pos;
  acc[1] = neg;
}

function countSigns32(vals: Float32Array, from: number, to: number, acc: Float64Array): void {
  let pos = 0;
  let neg = 0;
  for (let k = from; k < to; k++) {
    const v = vals[k];
    pos += (v > 0) as unknown as number;
    neg += (v < 0) as unknown as number;
  }
  acc[0] = pos;
  acc[1] = neg;
}

/** acc[0] = how many of vals[from..to) are not NaN, acc[1] = their sum (in order). */
function sumValid64(vals: Float64Array, from: number, to: number, acc: Float64Array): void {
  let cnt = 0;
  let sv = 0;
  for (let k = from; k < to; k++) {
    const v = vals[k];
    if (v !== v) continue;
    cnt++;
    sv += v;
  }
  acc[0] = cnt;
  acc[1] = sv;
}

function sumValid32(vals: Float32Array, from: number, to: number, acc: Float64Array): void {
  let cnt = 0;
  let sv = 0;
  for (let k = from; k < to; k++) {
    const v = vals[k];
    if (v !== v) continue;
    cnt++;
    sv += v;
  }
  acc[0] = cnt;
  acc[1] = sv;
}

/** Per year: area with NEP > 0 and < 0. */
function addSinkSource(sums: ZonalSums, runs: Runs, nep: Float32Array | Float64Array, n: number, Y: number, R: number, pa: Float64Array, pb: Float64Array): void {
  const acc = new Float64Array(2);
  const f64 = nep instanceof Float64Array ? nep : null;
  const f32 = nep instanceof Float32Array ? nep : null;
  for (let i = 0; i < Y; i++) {
    const o = i * n;
    let sinkAll = 0;
    let sourceAll = 0;
    pa.fill(0);
    pb.fill(0);
    for (let q = 0; q < runs.count; q++) {
      if (f64) countSigns64(f64, o + runs.start[q], o + runs.end[q], acc);
      else countSigns32(f32!, o + runs.start[q], o + runs.end[q], acc);
      const a = runs.area[q];
      const sink = acc[0] * a;
      const source = acc[1] * a;
      sinkAll += sink;
      sourceAll += source;
      pa[runs.slot[q]] += sink;
      pb[runs.slot[q]] += source;
    }
    sums.sink[i] += sinkAll;
    sums.source[i] += sourceAll;
    for (let r = 1; r < R; r++) {
      sums.sink[r * Y + i] += pa[r];
      sums.source[r * Y + i] += pb[r];
    }
  }
}

/** Per year: Σ area over the non-NaN values and Σ area·value (float64 values). */
function addWeighted64(w: Float64Array, wv: Float64Array, runs: Runs, vals: Float64Array, n: number, Y: number, R: number, pa: Float64Array, pb: Float64Array): void {
  const acc = new Float64Array(2);
  for (let i = 0; i < Y; i++) {
    const o = i * n;
    let swAll = 0;
    let swvAll = 0;
    pa.fill(0);
    pb.fill(0);
    for (let q = 0; q < runs.count; q++) {
      sumValid64(vals, o + runs.start[q], o + runs.end[q], acc);
      const a = runs.area[q];
      const sw = acc[0] * a;
      const swv = acc[1] * a;
      swAll += sw;
      swvAll += swv;
      pa[runs.slot[q]] += sw;
      pb[runs.slot[q]] += swv;
    }
    w[i] += swAll;
    wv[i] += swvAll;
    for (let r = 1; r < R; r++) {
      w[r * Y + i] += pa[r];
      wv[r * Y + i] += pb[r];
    }
  }
}

/** The same as addWeighted64 for float32 values (a separate copy keeps each loop monomorphic). */
function addWeighted32(w: Float64Array, wv: Float64Array, runs: Runs, vals: Float32Array, n: number, Y: number, R: number, pa: Float64Array, pb: Float64Array): void {
  const acc = new Float64Array(2);
  for (let i = 0; i < Y; i++) {
    const o = i * n;
    let swAll = 0;
    let swvAll = 0;
    pa.fill(0);
    pb.fill(0);
    for (let q = 0; q < runs.count; q++) {
      sumValid32(vals, o + runs.start[q], o + runs.end[q], acc);
      const a = runs.area[q];
      const sw = acc[0] * a;
      const swv = acc[1] * a;
      swAll += sw;
      swvAll += swv;
      pa[runs.slot[q]] += sw;
      pb[runs.slot[q]] += swv;
    }
    w[i] += swAll;
    wv[i] += swvAll;
    for (let r = 1; r < R; r++) {
      w[r * Y + i] += pa[r];
      wv[r * Y + i] += pb[r];
    }
  }
}

function addInto(into: Float64Array, from: Float64Array): void {
  const len = Math.min(into.length, from.length);
  for (let i = 0; i < len; i++) into[i] += from[i];
}

/** into += from (same regions and years). A variable only `from` has is copied into `into`. */
export function mergeZonalSums(into: ZonalSums, from: ZonalSums): void {
  addInto(into.area, from.area);
  addInto(into.pixels, from.pixels);
  addInto(into.sink, from.sink);
  addInto(into.source, from.source);
  addInto(into.meanSink, from.meanSink);
  addInto(into.meanSource, from.meanSource);
  addInto(into.cls, from.cls);
  for (const name of Object.keys(from.weight)) {
    if (!into.weight[name]) {
      into.weight[name] = Float64Array.from(from.weight[name]);
      into.weighted[name] = Float64Array.from(from.weighted[name]);
      continue;
    }
    addInto(into.weight[name], from.weight[name]);
    addInto(into.weighted[name], from.weighted[name]);
  }
}
