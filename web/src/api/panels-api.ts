import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AllowedTransitionView,
  ContributionInput,
  ContributionList,
  ContributionView,
  ExpertGroupList,
  ExpertGroupView,
  ExpertList,
  ExpertSearchQuery,
  ExpertView,
  GuestInvitation,
  NewPanel,
  NewShare,
  PanelBoard,
  PanelCard,
  PanelCase,
  PanelDetail,
  PanelDraftUpdate,
  PanelMemberView,
  PanelSettings,
  PanelType,
  PanelUrgency,
  ShareSummary,
  TransitionRequest,
  TriageQueue,
} from '../../../src/modules/panels/panels.contract.ts';
import type { PanelAction, PanelStatus } from '../../../src/modules/panels/panel-lifecycle.contract.ts';
import { apiGet, apiSend, withQuery } from './api-client.ts';

export type {
  ContributionInput,
  ContributionList,
  ContributionView,
  ExpertGroupView,
  ExpertSearchQuery,
  ExpertView,
  GuestInvitation,
  NewPanel,
  NewShare,
  PanelAction,
  PanelBoard,
  PanelCard,
  PanelCase,
  PanelDetail,
  PanelDraftUpdate,
  PanelMemberView,
  PanelSettings,
  PanelStatus,
  PanelType,
  PanelUrgency,
  ShareSummary,
  TransitionRequest,
};
export type AllowedTransition = z.infer<typeof AllowedTransitionView>;

/** The values the request form offers (the server's enums, in the order a clinician reads them). */
export const panelTypes: PanelType[] = ['diagnosis', 'treatment', 'followUp', 'training'];
export const panelUrgencies: PanelUrgency[] = ['routine', 'urgent', 'veryUrgent'];

const panel = (id: string) => `/api/panels/${encodeURIComponent(id)}` as const;

export const panelBoardQuery = queryOptions({
  queryKey: ['panels', 'board'],
  queryFn: ({ signal }) => apiGet<PanelBoard>('/api/panels/board', { signal }),
  staleTime: 0,
});

export const triageQueueQuery = queryOptions({
  queryKey: ['panels', 'triage-queue'],
  queryFn: ({ signal }) => apiGet<TriageQueue>('/api/panels/triage-queue', { signal }),
  staleTime: 0,
});

export const panelQuery = (id: string) =>
  queryOptions({
    queryKey: ['panels', id, 'detail'],
    queryFn: ({ signal }) => apiGet<PanelDetail>(panel(id), { signal }),
    staleTime: 0,
  });

/** The case as shared: the latest share, or an earlier one by its number. */
export const panelCaseQuery = (id: string, share?: number) =>
  queryOptions({
    queryKey: ['panels', id, 'case', share ?? 'latest'],
    queryFn: ({ signal }) => apiGet<PanelCase>(withQuery(`${panel(id)}/case`, { share }), { signal }),
    staleTime: 0,
  });

export const contributionsQuery = (id: string) =>
  queryOptions({
    queryKey: ['panels', id, 'contributions'],
    queryFn: ({ signal }) => apiGet<ContributionList>(`${panel(id)}/contributions`, { signal }),
    staleTime: 0,
  });

export const expertSearchQuery = (filter: ExpertSearchQuery) =>
  queryOptions({
    queryKey: ['experts', filter],
    queryFn: ({ signal }) => apiGet<z.infer<typeof ExpertList>>(withQuery('/api/experts', { ...filter }), { signal }),
    staleTime: 30_000,
  });

export const expertGroupsQuery = (ernId: string | undefined) =>
  queryOptions({
    queryKey: ['expert-groups', ernId ?? 'all'],
    queryFn: ({ signal }) => apiGet<z.infer<typeof ExpertGroupList>>(withQuery('/api/expert-groups', { ernId }), { signal }),
    staleTime: 30_000,
  });

/** A network's triage setting and deadline per urgency (nothing personal). */
export const panelSettingsQuery = (ernId: string) =>
  queryOptions({
    queryKey: ['panel-settings', ernId],
    queryFn: ({ signal }) => apiGet<PanelSettings>(`/api/panel-settings/${encodeURIComponent(ernId)}`, { signal }),
    staleTime: 5 * 60_000,
  });

/** A draft request; I lead it. */
export const createPanel = (body: NewPanel) => apiSend<PanelDetail>('POST', '/api/panels', body);

export const updatePanelDraft = (id: string, body: PanelDraftUpdate) => apiSend<PanelDetail>('PATCH', panel(id), body);

/** What of the record the panel may see (a new share each time; earlier ones stay). */
export const shareRecord = (id: string, body: NewShare) => apiSend<ShareSummary>('POST', `${panel(id)}/shares`, body);

/** One step of the lifecycle; the server answers with the panel as it now is. */
export const transitionPanel = (id: string, action: PanelAction, body: TransitionRequest) =>
  apiSend<PanelDetail>('POST', `${panel(id)}/transitions/${action}`, body);

export const reassignLead = (id: string, personId: string) => apiSend<PanelDetail>('POST', `${panel(id)}/lead`, { personId });

export const inviteExperts = (id: string, body: { personIds: string[]; expertGroupIds: string[] }) =>
  apiSend<{ invited: string[] }>('POST', `${panel(id)}/invitations`, body);

export const inviteGuest = (id: string, body: GuestInvitation) =>
  apiSend<{ personId: string; guestAccountRequested: boolean }>('POST', `${panel(id)}/guest-invitations`, body);

export const acceptInvitation = (id: string) => apiSend<undefined>('POST', `${panel(id)}/invitation/acceptance`);

export const declineInvitation = (id: string, reason: string) => apiSend<undefined>('POST', `${panel(id)}/invitation/decline`, { reason });

/** My contribution; expectedVersion 0 for the first, then the version I edited (409 if it changed since). */
export const saveContribution = (id: string, body: ContributionInput) => apiSend<ContributionView>('PUT', `${panel(id)}/contributions/mine`, body);

/** Where the browser downloads a shared file (a same-origin GET, offered under the label the sharer chose). */
export const sharedFileHref = (panelId: string, attachmentId: string) => `${panel(panelId)}/attachments/${encodeURIComponent(attachmentId)}/content`;
