import { infiniteQueryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AuditEventFilters, AuditEventPage, AuditEventQuery, AuditEventView } from '../../../src/modules/audit/audit.contract.ts';
import { apiGet, withQuery } from './api-client.ts';

export type { AuditEventFilters, AuditEventView };
export type AuditAction = NonNullable<z.input<typeof AuditEventQuery>['action']>;

/** The audit trail, newest first, a page at a time (each page's `next` fetches the older one). */
export const auditEventsQuery = (filters: AuditEventFilters) =>
  infiniteQueryOptions({
    queryKey: ['audit', 'events', filters],
    queryFn: ({ signal, pageParam }) =>
      apiGet<AuditEventPage>(withQuery('/api/audit/events', { ...filters, after: pageParam, limit: 50 }), { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next ?? undefined,
    staleTime: 0,
  });
