import { useInfiniteQuery } from '@tanstack/react-query';
import type { AuditPage } from '../../api/types';
import { api } from '../../auth/session';
import { queryOf, type AuditFilters } from './auditQuery';
import { markDataArrived } from './renderTiming';

export const PAGE_SIZE = 100;

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
