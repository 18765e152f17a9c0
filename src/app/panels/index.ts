/**
 * The explorer's side-panel components (issue 5). For the App (map and layout owner):
 *
 *   <ZoneList regions={summary.regions} selectedId={id} onSelect={(id) => …} />
 *     the whole region ('all') and each zone as toggle buttons (aria-pressed), arrow keys move.
 *   <ZonePanel region={summary.regions.find(r => r.id === id)!} years={summary.years}
 *              method={summary.method} slug={result.slug} datasetName={summary.dataset}
 *              variable={result.variable} />
 *     NEP series + trend (Figs 2/4), source/sink shares (Fig 3), trend classes (Table 1),
 *     correlations (Table 2), each with PNG/SVG/CSV export buttons.
 *   <PixelPanel years={maps.years} series={nepOfPixel} method={summary.method} lon={…} lat={…}
 *               zoneName={…} slope={maps.slope[k]} p={maps.p[k]} cls={maps.cls[k]}
 *               slug={result.slug} variable={result.variable} onClose={…} />
 *     nepOfPixel: for included pixel k, maps.nep[i * maps.index.length + k] for each year i
 *     (pixelSeries(maps, k) below does this).
 *   variable 'NPP' (a dataset without climate for Rh): the series is NPP, and both panels say
 *     so (titles, axes, file names, CSV headers); the zone panel leaves out sink/source.
 *   <SettingsPanel options={currentOptions} onApply={(opts) => rerun(opts)} busy={running} />
 *     give it a `key` that changes when the dataset changes, so its fields reset.
 *
 * Each component imports its own CSS; the panels expect a container ~380–460 px wide.
 * Stable test hooks: data-testid zone-slope, zone-p, zone-r2, zone-mean, zone-cumulative,
 * zone-min, zone-max, zone-equation, zone-chart-title, corr-<variable>-rho / -p, trend-class-<k>,
 * pixel-slope, pixel-p, pixel-class; each number's unrounded value is in data-value.
 */
export { ZoneList, type ZoneListProps } from './ZoneList';
export { ZonePanel, type ZonePanelProps } from './ZonePanel';
export { PixelPanel, type PixelPanelProps } from './PixelPanel';
export { SettingsPanel, type SettingsPanelProps } from './SettingsPanel';
export { pixelSeries } from './pixelSeries';
