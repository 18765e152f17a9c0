/**
 * `npm run demo-data`: writes the synthetic Qilian Mountain National Park demo dataset to
 * public/data/qilian/ (NPP as MOD17A3HGF is distributed, four climate variables, zones,
 * boundary, dataset.json), deterministic (fixed seed). It plants each subzone's yearly NEP
 * series with the study's published mean, slope and extremes, builds per-pixel series with the
 * planned trend classes and source pixels, builds climate on its own 0.072° grid whose zone means
 * (after bilinear resampling to the NPP grid, as readers do) have the study's Spearman rho with NEP, and stores NPP = NEP + Rh(T, P) as Int16 kgC m⁻² × 10⁴ (0.1 gC).
 * Before writing, it recomputes the study's figures from the stored values itself (stats.ts)
 * and stops if any is outside the tolerances of test/demo/qilian.test.ts.
 *
 *   npm run demo-data [-- <outDir>]
 */
import { join } from 'node:path';
import { readdirSync, statSync } from 'node:fs';
import { pei2010Rh, PEI2010_DEFAULTS } from '../../src/core/respiration';
import { CLIMATE_GEO_TRANSFORM, CLIMATE_HEIGHT, CLIMATE_WIDTH, HEIGHT, WIDTH } from './grid';
import { makeRng, SEED } from './prng';
import { buildPark } from './park';
import { makePlan } from './plan';
import { buildNep, residualNormFor } from './nep';
import { N_YEARS, plant } from './series';
import { CLIMATE_KEYS, PARK_RHO, SOURCE_SHARE_PCT, YEARS, ZONE_TARGETS, type ClimateKey } from './targets';
import { baseFields, bilinear, bilinearWeights, climateFields, readClimate, zoneBlend, zoneClimateSeries, zoneMeans, CELLS, SCALE } from './climate';
import { regionStats, spearman, type RegionStats } from './stats';
import { prepareDir, writeCog, writeManifest, writeVectors, yearGrid } from './write';
import { FILL } from './terrain';

const log = (s: string) => console.error(s);

async function main(): Promise<void> {
  const outDir = process.argv[2] ?? join(import.meta.dirname, '../../public/data/qilian');
  const t0 = Date.now();
  log('park geometry, terrain and pixel plan…');
  const park = buildPark();
  const plan = makePlan(park);
  const nz = park.zones.length;
  const n = park.idx.length;
  log(`  ${n} park pixels, vegetated ${park.validArea.toFixed(1)} km²`);

  // Zone weights (vegetated area shares).
  const zoneArea = new Array<number>(nz).fill(0);
  for (let k = 0; k < n; k++) if (!park.fill[k]) zoneArea[park.zone[k]] += park.area[k];
  const weights = zoneArea.map((a) => a / park.validArea);
  park.zones.forEach((z, i) => log(`  ${z.id}: ${zoneArea[i].toFixed(0)} km² (${(weights[i] * 100).toFixed(1)} %)`));

  log('planting zone series…');
  const norms = ZONE_TARGETS.map((_, zi) => residualNormFor(park, plan, zi));
  let Z: number[][] = [];
  let parkSeries: number[] = [];
  for (let attempt = 0; ; attempt++) {
    if (attempt > 500) throw new Error('no zone series give the park its 2001 minimum and 2019 maximum');
    Z = ZONE_TARGETS.map((zt, zi) => {
      const fixed = new Map<number, number>([
        [zt.min.year - 2000, zt.min.value],
        [zt.max.year - 2000, zt.max.value],
      ]);
      for (const p of zt.pins) fixed.set(p.year - 2000, p.value);
      const spec = { mean: zt.mean, slope: zt.slope, fixed, minIndex: zt.min.year - 2000, maxIndex: zt.max.year - 2000, residualNorm: norms[zi] };
      return plant(spec, makeRng(SEED, 1000 + 16 * attempt + zi));
    });
    parkSeries = YEARS.map((_, y) => Z.reduce((s, z, zi) => s + weights[zi] * z[y], 0));
    const sorted = [...parkSeries].sort((a, b) => a - b);
    const gapsOk = sorted.every((v, i) => i === 0 || v - sorted[i - 1] > 0.05);
    if (gapsOk && sorted[0] === parkSeries[1] && sorted[N_YEARS - 1] === parkSeries[19]) break;
  }

  log('per-pixel NEP…');
  const nep = buildNep(park, plan, Z);

  log('climate (on its 0.072° grid, read back bilinearly at the park pixels)…');
  const base = baseFields(park);
  const phis = zoneBlend(park, nz);
  const bw = bilinearWeights(park);
  const stored = {} as Record<ClimateKey, Int16Array>;
  const climate = {} as Record<ClimateKey, Float64Array>;
  CLIMATE_KEYS.forEach((key, vi) => {
    const zb = zoneMeans(park, bilinear(bw, base[key]), nz);
    const series = zoneClimateSeries(key, zb, weights, Z, parkSeries, makeRng(SEED, 300 + vi));
    stored[key] = climateFields(park, bw, key, base[key], phis, series);
    // What a reader gets: GDAL bilinear of the stored values × scale + offset (offset 0).
    climate[key] = readClimate(bw, stored[key], SCALE[key]);
  });

  log('NPP = NEP + Rh, stored as MOD17A3HGF…');
  const npp = new Int16Array(n * N_YEARS);
  const nepStored = new Float64Array(n * N_YEARS).fill(NaN);
  let fixes = 0;
  let maxNpp = 0;
  for (let k = 0; k < n; k++) {
    for (let y = 0; y < N_YEARS; y++) {
      const j = k * N_YEARS + y;
      if (park.fill[k]) {
        npp[j] = park.fill[k];
        continue;
      }
      const rh = pei2010Rh(climate.temperature[j], climate.precipitation[j], PEI2010_DEFAULTS);
      const want = nep[j];
      let s = Math.round((want + rh) * 10);
      // Keep the planted sign of NEP (sources stay sources, sinks stay sinks) after rounding.
      while (want > 0 && s * 0.1 - rh < 0.005) (s++, fixes++);
      while (want < 0 && s * 0.1 - rh > -0.005) (s--, fixes++);
      if (s < 0 || s > 32700) throw new Error(`NPP ${s} out of the valid range at pixel ${k}, year ${YEARS[y]}`);
      npp[j] = s;
      maxNpp = Math.max(maxNpp, s);
      nepStored[j] = s * 0.1 + 0 - rh;
    }
  }
  log(`  ${fixes} roundings nudged to keep the sign; NPP max ${(maxNpp / 10).toFixed(1)} gC m⁻² yr⁻¹`);

  log('checking the figures on the stored values…');
  const failures = verify(park, nepStored, climate);
  if (failures.length) {
    for (const f of failures) log(`  FAIL ${f}`);
    throw new Error(`${failures.length} figures are outside their tolerances; nothing written`);
  }

  log(`writing ${outDir}…`);
  prepareDir(outDir);
  writeVectors(outDir, park);
  writeManifest(outDir);
  const names: Record<ClimateKey, string> = { temperature: 'tmp', precipitation: 'pre', humidity: 'rhu', sunshine: 'ssd' };
  for (let y = 0; y < N_YEARS; y++) {
    const year = YEARS[y];
    await writeCog(join(outDir, 'npp', `npp_${year}.tif`), yearGrid(park, npp, y, new Int16Array(WIDTH * HEIGHT).fill(FILL.fill)), FILL.fill);
    for (const key of CLIMATE_KEYS) {
      const g = stored[key].slice(y * CELLS, (y + 1) * CELLS);
      const grid = { width: CLIMATE_WIDTH, height: CLIMATE_HEIGHT, geoTransform: CLIMATE_GEO_TRANSFORM };
      await writeCog(join(outDir, 'climate', `${names[key]}_${year}.tif`), g, null, 'nearest', grid);
    }
  }
  let bytes = 0;
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else bytes += statSync(p).size;
    }
  };
  walk(outDir);
  log(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${(bytes / 1e6).toFixed(2)} MB`);
}

/** The study's figures with test/demo/qilian.test.ts's tolerances; returns what fails. */
function verify(park: ReturnType<typeof buildPark>, nep: Float64Array, climate: Record<ClimateKey, Float64Array>): string[] {
  const fails: string[] = [];
  const rel = (name: string, got: number, want: number, tol: number) => {
    const ok = Math.abs(got - want) <= Math.abs(want) * tol;
    log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}: ${got.toFixed(4)} (study ${want}, ±${tol * 100} %)`);
    if (!ok) fails.push(name);
  };
  const abs = (name: string, got: number, want: number, tol: number) => {
    const ok = Math.abs(got - want) <= tol;
    log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}: ${got.toFixed(4)} (study ${want}, ±${tol})`);
    if (!ok) fails.push(name);
  };
  const eq = (name: string, got: number, want: number) => {
    log(`  ${got === want ? 'ok  ' : 'FAIL'} ${name}: ${got} (study ${want})`);
    if (got !== want) fails.push(name);
  };
  const n = park.idx.length;
  const all: number[] = [];
  const byZone: number[][] = park.zones.map(() => []);
  for (let k = 0; k < n; k++) {
    if (park.fill[k]) continue;
    all.push(k);
    byZone[park.zone[k]].push(k);
  }
  const climateSeries = (pixels: number[], key: ClimateKey) => {
    const s = new Array<number>(N_YEARS).fill(0);
    let A = 0;
    for (const k of pixels) {
      A += park.area[k];
      for (let y = 0; y < N_YEARS; y++) s[y] += park.area[k] * climate[key][k * N_YEARS + y];
    }
    return s.map((v) => v / A);
  };
  const rhoCheck = (name: string, st: RegionStats, pixels: number[], want: Record<ClimateKey, number>) => {
    for (const key of CLIMATE_KEYS) abs(`${name} rho ${key}`, spearman(st.series, climateSeries(pixels, key)), want[key], 0.05);
  };
  const p = regionStats(nep, all, park.area);
  abs('park area km²', p.area, 50200, 250);
  rel('park mean', p.mean, 156.9, 0.02);
  rel('park slope', p.slope, 1.89, 0.1);
  eq('park min year', p.min.year, 2001);
  rel('park min', p.min.value, 126.1, 0.03);
  eq('park max year', p.max.year, 2019);
  rel('park max', p.max.value, 181.6, 0.03);
  abs('mean-map sink share %', p.meanMapSinkPct, 99.755, 0.1);
  const ss = p.sourceSharePct;
  eq('source share < 0.5 % every year', ss.every((s) => s < 0.5) ? 1 : 0, 1);
  eq('source share highest year', 2000 + ss.indexOf(Math.max(...ss)), 2015);
  abs('source share 2015 %', ss[15], 0.4656, 0.05);
  const rising = YEARS.slice(1).filter((_, i) => ss[i + 1] > ss[i]).join(',');
  eq('source share rises in', rising === '2012,2015,2017,2019,2020' ? 1 : 0, 1);
  const ssm = ss.reduce((a, b) => a + b, 0) / N_YEARS;
  const ssSlope = ss.reduce((a, s, i) => a + (i - 11) * (s - ssm), 0);
  eq('source share trends down', ssSlope < 0 ? 1 : 0, 1);
  log(`    source share %: ${ss.map((s) => s.toFixed(4)).join(' ')} (planned ${SOURCE_SHARE_PCT.join(' ')})`);
  const want = { '3': 73.4, '2': 13.1, '1': 12.3, '-1': 0.8, '-2': 0.1, '-3': 0.3 };
  for (const [c, v] of Object.entries(want)) abs(`trend class ${c} %`, p.classes[c], v, 1);
  rhoCheck('park', p, all, PARK_RHO);
  ZONE_TARGETS.forEach((zt, zi) => {
    const s = regionStats(nep, byZone[zi], park.area);
    rel(`${zt.id} mean`, s.mean, zt.mean, 0.03);
    rel(`${zt.id} slope`, s.slope, zt.slope, 0.1);
    eq(`${zt.id} min year`, s.min.year, zt.min.year);
    rel(`${zt.id} min`, s.min.value, zt.min.value, 0.03);
    eq(`${zt.id} max year`, s.max.year, zt.max.year);
    rel(`${zt.id} max`, s.max.value, zt.max.value, 0.03);
    rhoCheck(zt.id, s, byZone[zi], zt.rho);
  });
  return fails;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
