import { queryOptions } from '@tanstack/react-query';
import type { HpoSearchHit, HpoSearchResponse } from '../../../src/modules/ontology/ontology.contract.ts';
import { apiGet, withQuery } from './api-client.ts';

export type { HpoSearchHit };

/** HPO terms matching the text (label, synonyms, typos), for picking a phenotypic feature. */
export const hpoSearchQuery = (q: string) =>
  queryOptions({
    queryKey: ['ontology', 'hpo', q],
    queryFn: ({ signal }) => apiGet<HpoSearchResponse>(withQuery('/api/ontology/hpo/search', { q, limit: 10 }), { signal }),
    enabled: q.length >= 2,
    staleTime: 5 * 60_000,
  });
