/** Spearman's rho of NEP (or NPP) with each climate variable, ranked by |rho| (study Table 2). */
import type { RegionSummary } from '../../core/summary';
import type { AnalysedVariable } from '../../engine/types';
import { CLIMATE_LABELS } from '../format/climate';
import { rankCorrelations } from '../format/correlation';
import { formatFixed, formatP, significanceMark } from '../format/number';

export interface CorrelationTableProps {
  correlation: RegionSummary['correlation'];
  /** Number of years (n of the test), for the note. */
  n: number;
  caption: string;
  /** The analysed variable, for the note when there is no climate; NEP when absent. */
  variable?: AnalysedVariable;
}

/** "Temperature (0.47) > Precipitation (0.36) = …", with 2-decimal |rho| as in the study. */
export function rankingText(correlation: RegionSummary['correlation']): string {
  const ranked = rankCorrelations(correlation).filter((r) => r.rho !== null && Number.isFinite(r.rho));
  let out = '';
  ranked.forEach((r, i) => {
    const text = formatFixed(r.rho, 2);
    if (i > 0) out += formatFixed(Math.abs(ranked[i - 1].rho as number), 2) === formatFixed(Math.abs(r.rho as number), 2) ? ' = ' : ' > ';
    out += `${CLIMATE_LABELS[r.variable]} (${text})`;
  });
  return out;
}

export function CorrelationTable({ correlation, n, caption, variable = 'NEP' }: CorrelationTableProps) {
  const ranked = rankCorrelations(correlation);
  if (ranked.length === 0) {
    return (
      <p className="muted" data-testid="correlation-none">
        No climate data in this dataset: correlations of {variable} with climate need temperature, precipitation, humidity or sunshine.
      </p>
    );
  }
  return (
    <>
      <table className="data-table" data-testid="correlation-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Rank</th>
            <th scope="col">Factor</th>
            <th scope="col" className="num">ρ</th>
            <th scope="col" className="num">p</th>
            <th scope="col"><span className="visually-hidden">Significance</span></th>
          </tr>
        </thead>
        <tbody>
          {ranked.map((r, i) => {
            const mark = significanceMark(r.p);
            return (
              <tr key={r.variable} data-variable={r.variable}>
                <td>{i + 1}</td>
                <th scope="row">{CLIMATE_LABELS[r.variable]}</th>
                <td className="num" data-testid={`corr-${r.variable}-rho`} data-value={r.rho ?? ''}>
                  {formatFixed(r.rho, 3)}
                </td>
                <td className="num" data-testid={`corr-${r.variable}-p`} data-value={r.p ?? ''}>
                  {formatP(r.p)}
                </td>
                <td className="sig" aria-label={mark === '**' ? 'significant at p < 0.01' : mark === '*' ? 'significant at p < 0.05' : 'not significant'}>
                  {mark}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="note" data-testid="corr-ranking">{rankingText(correlation)}</p>
      <p className="note">
        Spearman's rank correlation of the yearly area-weighted means, n = {n}; ** p &lt; 0.01, * p &lt; 0.05 (two-sided).
      </p>
    </>
  );
}
