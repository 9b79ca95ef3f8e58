import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Created,
  ErnSettings,
  ErnSettingsPatch,
  MembershipBody,
  MembershipView,
  NewAffiliation,
  NewHospital,
  NewLocalAccount,
  PeopleList,
  PersonAdminView,
  PlatformSettings,
} from '../../../src/modules/identity/admin.contract.ts';
import { apiGet, apiSend, withQuery } from './api-client.ts';

export type { ErnSettings, PersonAdminView, PlatformSettings };
export type MembershipType = z.infer<typeof MembershipBody>['type'];
export type NewAffiliationBody = z.input<typeof NewAffiliation>;
type CreatedId = z.infer<typeof Created>;
const id = (value: string) => encodeURIComponent(value);

export const ernSettingsQuery = (ernId: string) =>
  queryOptions({
    queryKey: ['erns', ernId, 'settings'],
    queryFn: ({ signal }) => apiGet<ErnSettings>(`/api/erns/${id(ernId)}/settings`, { signal }),
  });
export const updateErnSettings = (ernId: string, patch: z.input<typeof ErnSettingsPatch>) =>
  apiSend<ErnSettings>('PATCH', `/api/erns/${id(ernId)}/settings`, patch);

export const createHospital = (body: z.input<typeof NewHospital>) => apiSend<CreatedId>('POST', '/api/admin/hospitals', body);
export const setMembership = (hospitalId: string, ernId: string, type: MembershipType) =>
  apiSend<z.infer<typeof MembershipView>>('PUT', `/api/admin/hospitals/${id(hospitalId)}/memberships/${id(ernId)}`, { type });
export const endMembership = (hospitalId: string, ernId: string) =>
  apiSend<z.infer<typeof MembershipView>>('DELETE', `/api/admin/hospitals/${id(hospitalId)}/memberships/${id(ernId)}`);

export const peopleQuery = (search: string) =>
  queryOptions({
    queryKey: ['admin', 'people', search],
    queryFn: ({ signal }) => apiGet<PeopleList>(withQuery('/api/admin/people', { search: search.trim() }), { signal }),
  });
export const createLocalAccount = (body: z.input<typeof NewLocalAccount>) => apiSend<CreatedId>('POST', '/api/admin/people', body);
export const setPersonActive = (personId: string, active: boolean) =>
  apiSend<{ ok: true }>('POST', `/api/admin/people/${id(personId)}/${active ? 'reactivation' : 'deactivation'}`);
export const createAffiliation = (body: NewAffiliationBody) => apiSend<CreatedId>('POST', '/api/admin/affiliations', body);
export const endAffiliation = (affiliationId: string) => apiSend<{ ok: true }>('POST', `/api/admin/affiliations/${id(affiliationId)}/end`);

export const platformSettingsQuery = queryOptions({
  queryKey: ['admin', 'settings'],
  queryFn: ({ signal }) => apiGet<PlatformSettings>('/api/admin/settings', { signal }),
});
export const updatePlatformSettings = (body: PlatformSettings) => apiSend<PlatformSettings>('PATCH', '/api/admin/settings', body);
