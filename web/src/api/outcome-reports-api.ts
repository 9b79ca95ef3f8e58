import { queryOptions } from '@tanstack/react-query';
import type { OutcomeReportContent } from '../../../src/modules/outcome-reports/outcome-report-content.contract.ts';
import type {
  AmendmentInput,
  ApprovalInput,
  DraftInput,
  OutcomeReportDraft,
  OutcomeReportList,
  OutcomeReportVersion,
  PatientOutcomeReports,
  SignatureInput,
  Verification,
} from '../../../src/modules/outcome-reports/outcome-reports.contract.ts';
import { ApiError, apiGet, apiSend } from './api-client.ts';

export type { OutcomeReportContent, OutcomeReportDraft, OutcomeReportList, OutcomeReportVersion, PatientOutcomeReports, Verification };

const reports = (panelId: string) => `/api/panels/${encodeURIComponent(panelId)}/outcome-reports` as const;

/** Under the panel's own key: whatever refreshes the panel refreshes its report too. */
export const outcomeReportsKey = (panelId: string) => ['panels', panelId, 'outcome-reports'] as const;

export const outcomeReportsQuery = (panelId: string) =>
  queryOptions({
    queryKey: outcomeReportsKey(panelId),
    queryFn: ({ signal }) => apiGet<OutcomeReportList>(reports(panelId), { signal }),
    staleTime: 0,
  });

export const patientOutcomeReportsQuery = (patientId: string) =>
  queryOptions({
    queryKey: ['patients', patientId, 'outcome-reports'],
    queryFn: ({ signal }) => apiGet<PatientOutcomeReports>(`/api/patients/${encodeURIComponent(patientId)}/outcome-reports`, { signal }),
    staleTime: 0,
  });

/** expectedRevision 0 creates version 1; later saves name the revision edited (409 if it changed since). */
export const saveOutcomeDraft = (panelId: string, version: number, body: DraftInput) => apiSend<OutcomeReportVersion>('PUT', `${reports(panelId)}/${version}/draft`, body);

export const approveOutcomeReport = (panelId: string, version: number, body: ApprovalInput) => apiSend<OutcomeReportVersion>('POST', `${reports(panelId)}/${version}/approvals`, body);

/** 403 with code stepUpRequired when the second factor is not recent: see isStepUpRequired. */
export const signOutcomeReport = (panelId: string, version: number, body: SignatureInput) => apiSend<OutcomeReportVersion>('POST', `${reports(panelId)}/${version}/signature`, body);

export const startAmendment = (panelId: string, body: AmendmentInput) => apiSend<OutcomeReportVersion>('POST', `${reports(panelId)}/amendments`, body);

export const verifyOutcomeHash = (panelId: string, hash: string) => apiGet<Verification>(`${reports(panelId)}/verification?hash=${encodeURIComponent(hash)}`);

/** Where the browser downloads a signed version's PDF (a same-origin GET). */
export const outcomePdfHref = (panelId: string, version: number) => `${reports(panelId)}/${version}/pdf`;

export const isStepUpRequired = (error: unknown): boolean => error instanceof ApiError && error.status === 403 && error.code === 'stepUpRequired';

/** Where an OIDC session confirms its second factor again at the identity provider, coming back to this page. */
export const providerStepUpHref = (returnTo: string) => `/api/auth/oidc/step-up?returnTo=${encodeURIComponent(returnTo)}`;
