import { queryOptions } from '@tanstack/react-query';
import type { HpoSearchHit, HpoSearchResponse, HpoTermResponse, OrphanetDisorderResponse, OrphanetSearchHit, OrphanetSearchResponse } from '../../../src/modules/ontology/ontology.contract.ts';
import { apiGet, withQuery } from './api-client.ts';

export type { HpoSearchHit, HpoTermResponse, OrphanetSearchHit };

/** Reference data changes only with a new release: no need to ask again within a session. */
const referenceStaleTime = 30 * 60_000;

/** HPO terms matching the text (label, synonyms, typos), for picking a phenotypic feature. */
export const hpoSearchQuery = (q: string) =>
  queryOptions({
    queryKey: ['ontology', 'hpo', q],
    queryFn: ({ signal }) => apiGet<HpoSearchResponse>(withQuery('/api/ontology/hpo/search', { q, limit: 10 }), { signal }),
    enabled: q.length >= 2,
    staleTime: 5 * 60_000,
  });

export const isHpoId = (id: string) => /^HP:\d{7}$/.test(id);

/** One HPO term with its definition, parents and children (e.g. the onset classes under HP:0003674). */
export const hpoTermQuery = (id: string) =>
  queryOptions({
    queryKey: ['ontology', 'hpo', 'term', id],
    queryFn: ({ signal }) => apiGet<HpoTermResponse>(`/api/ontology/hpo/terms/${encodeURIComponent(id)}`, { signal }),
    enabled: isHpoId(id),
    staleTime: referenceStaleTime,
    retry: false,
  });

/** Orphanet disorders matching a name, a synonym or an ORPHAcode, for picking a diagnosis. */
export const orphanetSearchQuery = (q: string) =>
  queryOptions({
    queryKey: ['ontology', 'orphanet', q],
    queryFn: ({ signal }) => apiGet<OrphanetSearchResponse>(withQuery('/api/ontology/orphanet/search', { q, limit: 10 }), { signal }),
    enabled: q.length >= 2,
    staleTime: 5 * 60_000,
  });

/** One Orphanet disorder by ORPHAcode (its preferred label, OMIM references, parents). */
export const orphanetDisorderQuery = (code: string) =>
  queryOptions({
    queryKey: ['ontology', 'orphanet', 'disorder', code],
    queryFn: ({ signal }) => apiGet<OrphanetDisorderResponse>(`/api/ontology/orphanet/disorders/${encodeURIComponent(code)}`, { signal }),
    enabled: /^ORPHA:\d{1,7}$/.test(code),
    staleTime: referenceStaleTime,
    retry: false,
  });
