/** Analysis settings: Pei et al. (2010) Rh coefficients and the trend method; Apply recomputes. */
import { useId, useState, type FormEvent } from 'react';
import { PEI2010_DEFAULTS } from '../../core/respiration';
import type { TrendMethod } from '../../core/summary';
import type { AnalysisOptions } from '../../engine/types';
import { checkCoefficients, COEFFICIENT_KEYS, fieldsOf, type CoefficientFields, type CoefficientKey } from './settings';
import './panels.css';

export interface SettingsPanelProps {
  options: AnalysisOptions;
  onApply: (options: AnalysisOptions) => void;
  /** True while a recompute runs: Apply is disabled. */
  busy?: boolean;
}

const HINTS: Record<CoefficientKey, string> = {
  a: 'scale',
  b: 'temperature sensitivity (1/°C)',
  c: 'precipitation factor (1/mm)',
  k: 'conversion (30 days × 0.465)',
};

export function SettingsPanel({ options, onApply, busy = false }: SettingsPanelProps) {
  const id = useId();
  const [fields, setFields] = useState<CoefficientFields>(() => fieldsOf(options.respiration ?? PEI2010_DEFAULTS));
  const [method, setMethod] = useState<TrendMethod>(options.method);
  const [tried, setTried] = useState(false);
  const hasRh = options.respiration !== null;
  const check = checkCoefficients(fields);
  const showErrors = tried ? check.errors : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (hasRh && !check.values) return;
    onApply({ method, respiration: hasRh ? check.values : null });
  };
  const reset = () => {
    setFields(fieldsOf(PEI2010_DEFAULTS));
    setTried(false);
  };

  return (
    <form className="settings-panel" onSubmit={submit} noValidate aria-label="Analysis settings">
      <fieldset>
        <legend>Trend method</legend>
        <label>
          <input type="radio" name={`${id}-method`} value="ols" checked={method === 'ols'} onChange={() => setMethod('ols')} /> OLS with t-test
        </label>
        <label>
          <input type="radio" name={`${id}-method`} value="sen-mk" checked={method === 'sen-mk'} onChange={() => setMethod('sen-mk')} /> Theil–Sen with Mann–Kendall
        </label>
      </fieldset>
      {hasRh ? (
        <fieldset>
          <legend>Soil respiration Rh = a · (exp(b·T) + ln(c·R + 1)) · k</legend>
          <div className="coef-grid">
            {COEFFICIENT_KEYS.map((key) => {
              const err = showErrors[key];
              const warn = check.warnings[key];
              const msgId = `${id}-${key}-msg`;
              return (
                <div key={key} className="coef">
                  <label htmlFor={`${id}-${key}`}>
                    <span className="coef-name">{key}</span> <span className="muted">{HINTS[key]}</span>
                  </label>
                  <input
                    id={`${id}-${key}`}
                    name={key}
                    type="text"
                    inputMode="decimal"
                    autoComplete="off"
                    value={fields[key]}
                    aria-invalid={err ? true : undefined}
                    aria-describedby={err || warn ? msgId : undefined}
                    onChange={(e) => setFields((f) => ({ ...f, [key]: e.target.value }))}
                  />
                  <span className="muted default">default {PEI2010_DEFAULTS[key]}</span>
                  {err ? (
                    <span id={msgId} className="field-error" role="alert">{err}</span>
                  ) : warn ? (
                    <span id={msgId} className="field-warning">{warn}</span>
                  ) : null}
                </div>
              );
            })}
          </div>
          <button type="button" onClick={reset}>Reset to defaults</button>
        </fieldset>
      ) : (
        <p className="muted">This dataset gives NEP directly; there are no Rh coefficients to set.</p>
      )}
      <div className="settings-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Computing…' : 'Apply'}
        </button>
      </div>
    </form>
  );
}
