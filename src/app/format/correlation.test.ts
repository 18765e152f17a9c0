import { describe, expect, it } from 'vitest';
import { rankCorrelations } from './correlation';
import { sinkShares } from './shares';
import type { RegionSummary } from '../../core/summary';

describe('rankCorrelations', () => {
  it('ranks by |rho|, keeps SPEC order on ties and puts missing rho last', () => {
    const ranked = rankCorrelations({
      temperature: { rho: 0.2, p: 0.3 },
      precipitation: { rho: null, p: null },
      humidity: { rho: -0.5, p: 0.01 },
      sunshine: { rho: 0.2, p: 0.4 },
    });
    expect(ranked.map((r) => r.variable)).toEqual(['humidity', 'temperature', 'sunshine', 'precipitation']);
  });
  it('lists only the variables present', () => {
    expect(rankCorrelations({ sunshine: { rho: 0.1, p: 0.6 } }).map((r) => r.variable)).toEqual(['sunshine']);
  });
});

describe('sinkShares', () => {
  it('divides the yearly sink area by the region area', () => {
    const region = { areaKm2: 200, series: { sinkAreaKm2: [150, 200, 0] } } as unknown as RegionSummary;
    expect(sinkShares(region)).toEqual([0.75, 1, 0]);
  });
  it('is null for an empty region', () => {
    const region = { areaKm2: 0, series: { sinkAreaKm2: [0] } } as unknown as RegionSummary;
    expect(sinkShares(region)).toEqual([null]);
  });
});
