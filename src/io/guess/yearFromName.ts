/**
 * The year a file holds, read from its name as data portals write them:
 *   npp_2005.tif, MOD17A3HGF_2005.tif, MOD17A3HGF.061_Npp_500m_doy2005001_aid0001.tif (AppEEARS),
 *   MOD17A3HGF.A2005001.h25v05.061.tif (LP DAAC), stann_2005_mm.tif, tmp2005.tif
 * Returns null when no single plausible year (1950–2100) is there.
 */
export function yearFromName(name: string): number | null {
  const base = name.split(/[\\/]/).pop() ?? name;
  const doy = /doy((?:19|20|21)\d{2})\d{3}/i.exec(base) ?? /(?:^|[._-])A((?:19|20|21)\d{2})\d{3}(?=[._-]|$)/.exec(base);
  if (doy) return plausible(Number(doy[1]));
  const years = [...base.matchAll(/(?<!\d)((?:19|20|21)\d{2})(?!\d)/g)].map((m) => Number(m[1])).filter((y) => plausible(y) !== null);
  const distinct = [...new Set(years)];
  return distinct.length === 1 ? distinct[0] : null;
}

function plausible(y: number): number | null {
  return y >= 1950 && y <= 2100 ? y : null;
}
