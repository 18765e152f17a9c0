/** A labelled key number: visible label, formatted text, the raw value in data-value for tests. */
import type { ReactNode } from 'react';

export interface StatProps {
  label: ReactNode;
  /** The text shown (already formatted with the stated precision). */
  text: string;
  /** The unrounded value as in summary.json. */
  value: number | null | undefined;
  unit?: string;
  testId: string;
}

export function Stat({ label, text, value, unit, testId }: StatProps) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>
        <span className="stat-value" data-testid={testId} data-value={value === null || value === undefined ? '' : String(value)}>
          {text}
        </span>
        {unit && <span className="stat-unit"> {unit}</span>}
      </dd>
    </div>
  );
}
