import { describe, expect, it } from 'vitest';
import { PEI2010_DEFAULTS, pei2010Rh } from './respiration';
import { close } from '../../test/fixtures/core/fixtures';
import { e2e } from '../../test/fixtures/core/e2e';

describe('pei2010Rh vs numpy (make_e2e.py)', () => {
  it('every pixel-year of the fixture block', () => {
    for (let i = 0; i < e2e.rh.length; i++) {
      const t = e2e.temperature[i] ?? NaN;
      const r = e2e.precipitation[i] ?? NaN;
      expect(close(pei2010Rh(t, r, PEI2010_DEFAULTS), e2e.rh[i], 1e-13), `${i}`).toBe(true);
    }
  });
  it('study-range magnitude and invalid inputs', () => {
    // T = 8 °C, R = 400 mm: 0.22·(e^0.7304 + ln 126.8)·13.95 ≈ 21.4 gC m⁻² yr⁻¹ (SPEC: roughly 10–30)
    expect(pei2010Rh(8, 400, PEI2010_DEFAULTS)).toBeCloseTo(0.22 * (Math.exp(0.0913 * 8) + Math.log(0.3145 * 400 + 1)) * 13.95, 12);
    expect(pei2010Rh(8, 400, PEI2010_DEFAULTS)).toBeGreaterThan(10);
    expect(pei2010Rh(8, 400, PEI2010_DEFAULTS)).toBeLessThan(30);
    expect(pei2010Rh(NaN, 400, PEI2010_DEFAULTS)).toBeNaN();
    expect(pei2010Rh(8, -1 / 0.3145, PEI2010_DEFAULTS)).toBeNaN();
  });
});
