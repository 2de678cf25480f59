import type { Query as Params } from '../../api/client';

/** The filters as the page holds them (from the address bar); `key` narrows to one API key as actor. */
export interface AuditFilters {
  type?: string;
  outcome?: string;
  actor?: string;
  key?: string;
  from?: string;
  to?: string;
}

/**
 * datetime-local values are local time; the API wants RFC 3339. A value that is no date (edited in
 * the address bar) goes as it is, for the API to refuse with a problem that names the parameter.
 */
function instant(local?: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}

export function queryOf(filters: AuditFilters): Params {
  return {
    type: filters.type,
    outcome: filters.outcome,
    actor_id: filters.key || filters.actor,
    from: instant(filters.from),
    to: instant(filters.to),
  };
}
