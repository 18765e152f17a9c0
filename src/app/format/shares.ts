/** Yearly sink share (SPEC §3 gives the source share; the sink share is sink area / region area). */
import type { RegionSummary } from '../../core/summary';

export function sinkShares(region: RegionSummary): (number | null)[] {
  const area = region.areaKm2;
  return region.series.sinkAreaKm2.map((a) => (area > 0 && Number.isFinite(a) ? a / area : null));
}
