import type { AuditAction } from '../../api/audit-api.ts';

/**
 * The audited actions offered by the filter. Checked against the contract's union (a misspelt or
 * removed action fails the type check), but not required to be complete, so the server can add
 * actions without breaking this build: an action missing here just cannot be picked yet.
 */
export const auditActions = [
  'session.signIn',
  'session.signInFailed',
  'session.secondFactorConfirmed',
  'session.secondFactorFailed',
  'session.signOut',
  'session.ended',
  'account.totpEnrolled',
  'account.recoveryCodeUsed',
  'account.passwordChanged',
  'account.created',
  'account.deactivated',
  'account.reactivated',
  'profile.updated',
  'accessRequest.filed',
  'accessRequest.employmentConfirmed',
  'accessRequest.approved',
  'accessRequest.rejected',
  'guest.requested',
  'guest.extended',
  'guest.expired',
  'affiliation.created',
  'affiliation.ended',
  'delegation.created',
  'delegation.ended',
  'ern.updated',
  'hospital.created',
  'hospital.updated',
  'membership.changed',
  'settings.updated',
  'patient.enrolled',
  'patient.listed',
  'patient.searched',
  'patient.viewed',
  'patient.identityViewed',
  'patient.identityUpdated',
  'consent.recorded',
  'consent.withdrawn',
  'consent.viewed',
  'attachment.uploaded',
  'attachment.downloaded',
  'attachment.deleted',
  'audit.viewed',
  'audit.accessReportViewed',
  'access.denied',
] as const satisfies readonly AuditAction[];

export type AuditActionGroup = 'sessions' | 'onboarding' | 'administration' | 'patients' | 'audit';

/** The group of an action, from the part before the dot. */
const groupOfPrefix: Record<string, AuditActionGroup> = {
  session: 'sessions',
  account: 'sessions',
  profile: 'sessions',
  accessRequest: 'onboarding',
  guest: 'onboarding',
  affiliation: 'administration',
  delegation: 'administration',
  ern: 'administration',
  hospital: 'administration',
  membership: 'administration',
  settings: 'administration',
  patient: 'patients',
  consent: 'patients',
  attachment: 'patients',
};
const groupOf = (action: string): AuditActionGroup => groupOfPrefix[action.split('.')[0] ?? ''] ?? 'audit';

export function auditActionOptions(groupLabel: (group: AuditActionGroup) => string) {
  const byGroup = Map.groupBy(auditActions, groupOf);
  return [...byGroup].map(([group, actions]) => ({ group: groupLabel(group), items: actions.map((value) => ({ value, label: value })) }));
}
