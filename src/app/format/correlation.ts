/** The correlation table's order (study Table 2): climate variables ranked by |rho|. */
import { CLIMATE_VARS, type ClimateVar, type RegionSummary } from '../../core/summary';

export interface RankedCorrelation {
  variable: ClimateVar;
  rho: number | null;
  p: number | null;
}

/**
 * The variables present in `correlation`, by |rho| descending; ties keep the SPEC order
 * (temperature, precipitation, humidity, sunshine); variables without a rho come last.
 */
export function rankCorrelations(correlation: RegionSummary['correlation']): RankedCorrelation[] {
  const rows: RankedCorrelation[] = [];
  for (const v of CLIMATE_VARS) {
    const c = correlation[v];
    if (!c) continue;
    rows.push({ variable: v, rho: c.rho, p: c.p });
  }
  const key = (r: RankedCorrelation) => (r.rho !== null && Number.isFinite(r.rho) ? Math.abs(r.rho) : -1);
  // Array.prototype.sort is stable, so equal |rho| keep the SPEC order.
  return rows.sort((a, b) => key(b) - key(a));
}
