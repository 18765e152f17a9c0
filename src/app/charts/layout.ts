/** Shared chart geometry: drawn at the side panel's width (~420 px) and scaled by the viewBox. */
export const CHART_WIDTH = 420;
export const CHART_HEIGHT = 250;
export const MARGIN: { top: number; right: number; bottom: number; left: number } = { top: 26, right: 16, bottom: 40, left: 56 };

export interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export function frame(width = CHART_WIDTH, height = CHART_HEIGHT, margin: Partial<typeof MARGIN> = {}): Frame {
  const m = { ...MARGIN, ...margin };
  return { width, height, left: m.left, right: width - m.right, top: m.top, bottom: height - m.bottom };
}

/** Tick text with a typographic minus. */
export function tickText(v: number, fmt: (v: number) => string): string {
  return fmt(v).replace(/^-/, '\u2212');
}

/** Year ticks: whole years, at most about `count` of them. */
export function yearTicks(years: readonly number[], count = 6): number[] {
  if (years.length === 0) return [];
  const first = years[0];
  const last = years[years.length - 1];
  const span = last - first;
  const step = Math.max(1, [1, 2, 5, 10, 20, 25, 50].find((s) => span / s <= count) ?? Math.ceil(span / count));
  const out: number[] = [];
  for (let y = Math.ceil(first / step) * step; y <= last; y += step) out.push(y);
  return out;
}
