/**
 * Performance marks around the audit table's render, read by bench/dashboard: from the moment a
 * page of events is parsed to the commit that shows it.
 */
export const DATA_MARK = 'audit:data';
export const RENDERED_MARK = 'audit:rendered';
export const RENDER_MEASURE = 'audit:render';

export function markDataArrived(): void {
  performance.mark(DATA_MARK);
}

export function markRendered(): void {
  if (performance.getEntriesByName(DATA_MARK).length === 0) return;
  performance.mark(RENDERED_MARK);
  performance.measure(RENDER_MEASURE, DATA_MARK, RENDERED_MARK);
}
