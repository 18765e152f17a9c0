/** What a raster holds, guessed from its file name; null when the name says nothing. */
export type RasterRole = 'npp' | 'nep' | 'temperature' | 'precipitation' | 'humidity' | 'sunshine';

const RULES: [RasterRole, RegExp][] = [
  ['nep', /(^|[^a-z])nep([^a-z]|$)/i],
  ['npp', /(^|[^a-z])(npp|mod17\w*|myd17\w*|netprimary)/i],
  ['humidity', /(^|[^a-z])(rhu|rh|relhum|humid\w*|hurs)([^a-z]|$)/i],
  ['sunshine', /(^|[^a-z])(ssd|sund?|sunshine\w*|sunhours?)([^a-z]|$)/i],
  ['precipitation', /(^|[^a-z])(pre|prec|precip\w*|ppt|pr|prcp|rain\w*|tp)([^a-z]|$)|_mm(\.|_|$)/i],
  ['temperature', /(^|[^a-z])(tmp|temp\w*|tas|tmean|tavg|t2m|airtemp|tm)([^a-z]|$)|_(degc|c)(\.|_|$)/i],
];

export function roleFromName(name: string): RasterRole | null {
  const base = (name.split(/[\\/]/).pop() ?? name).replace(/\.(tiff?|TIF{1,2})$/i, '');
  for (const [role, re] of RULES) if (re.test(base)) return role;
  return null;
}
