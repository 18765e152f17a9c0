/** Share of the region's area in each per-pixel trend class (study Table 1). */
import type { RegionSummary, TrendMethod } from '../../core/summary';
import { formatFixed } from '../format/number';
import { TREND_CLASS_COLORS, TREND_CLASS_KEYS, TREND_CLASS_NAMES, trendClassCode } from '../format/trendClass';

export interface TrendClassTableProps {
  trendClasses: RegionSummary['trendClasses'];
  method: TrendMethod;
  caption: string;
}

const RULES: Record<string, string> = {
  '3': 'p < 0.01',
  '2': '0.01 ≤ p < 0.05',
  '1': 'p ≥ 0.05',
  '0': 'slope = 0',
  '-1': 'p ≥ 0.05',
  '-2': '0.01 ≤ p < 0.05',
  '-3': 'p < 0.01',
};

export function TrendClassTable({ trendClasses, method, caption }: TrendClassTableProps) {
  return (
    <>
      <table className="data-table" data-testid="trend-class-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Class</th>
            <th scope="col">Trend</th>
            <th scope="col">Test</th>
            <th scope="col" className="num">Area (%)</th>
          </tr>
        </thead>
        <tbody>
          {TREND_CLASS_KEYS.map((k) => {
            const share = trendClasses[k];
            return (
              <tr key={k}>
                <td>
                  <span className="swatch" style={{ background: TREND_CLASS_COLORS[k] }} aria-hidden="true" />
                  {trendClassCode(k)}
                </td>
                <th scope="row">{TREND_CLASS_NAMES[k]}</th>
                <td className="muted">{RULES[k]}</td>
                <td className="num" data-testid={`trend-class-${k}`} data-value={share ?? ''}>
                  {share === null ? '–' : formatFixed(share * 100, 2)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="note">
        Per-pixel {method === 'sen-mk' ? 'Theil–Sen slope with the Mann–Kendall test' : 'OLS slope with a two-sided t-test'}; shares of the region's area.
      </p>
    </>
  );
}
