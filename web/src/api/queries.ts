import { queryOptions } from '@tanstack/react-query';
import type { HealthResponse } from '../../../src/modules/system/system.contract.ts';
import type { ErnListResponse } from '../../../src/modules/organisations/organisations.contract.ts';
import { apiGet } from './api-client.ts';

export const healthQuery = queryOptions({
  queryKey: ['health'],
  // A 503 still carries the health report (status "unavailable"): show it rather than an error.
  queryFn: ({ signal }) => apiGet<HealthResponse>('/api/health', { signal, bodyOnStatus: [503] }),
  staleTime: 30_000,
});

export const ernListQuery = queryOptions({
  queryKey: ['erns'],
  queryFn: ({ signal }) => apiGet<ErnListResponse>('/api/erns', { signal }),
  staleTime: 5 * 60_000,
});
