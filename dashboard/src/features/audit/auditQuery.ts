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

/** datetime-local values are local time; the API wants RFC 3339. */
function instant(local?: string): string | undefined {
  return local ? new Date(local).toISOString() : undefined;
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
