import { useInfiniteQuery } from '@tanstack/react-query';
import type { Query as Params } from '../../api/client';
import type { AuditPage } from '../../api/types';
import { api } from '../../auth/session';
import { markDataArrived } from './renderTiming';

/** The filters as the page holds them (from the address bar); `key` narrows to one API key as actor. */
export interface AuditFilters {
  type?: string;
  outcome?: string;
  actor?: string;
  key?: string;
  from?: string;
  to?: string;
}

export const PAGE_SIZE = 100;

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

export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) => {
      const page = await api.get<AuditPage>('/api/v1/audit-logs', { ...queryOf(filters), limit: PAGE_SIZE, cursor: pageParam });
      markDataArrived();
      return page;
    },
    getNextPageParam: (last) => (last.has_more ? last.next_cursor : null),
  });
}
