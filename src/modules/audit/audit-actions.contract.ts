/** The closed set of audited actions. Add here first; the type system then carries it everywhere (the web app's audit filter imports this list: keep the file free of imports). */
export const auditActions = [
  // sign-in and sessions
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
  // onboarding and affiliations
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
  // administration
  'ern.updated',
  'hospital.created',
  'hospital.updated',
  'membership.changed',
  'settings.updated',
  'consentTemplate.uploaded',
  'consentTemplate.retired',
  // patients
  'patient.enrolled',
  'patient.listed',
  'patient.searched',
  'patient.viewed',
  'patient.identityViewed',
  'patient.identityUpdated',
  'consent.recorded',
  'consent.withdrawn',
  'consent.viewed',
  'consent.evidenceAttached',
  // case records
  'record.viewed',
  'record.updated',
  'record.historyViewed',
  'phenopacket.imported',
  'phenopacket.importPreviewed',
  'phenopacket.exported',
  // attachments
  'attachment.uploaded',
  'attachment.downloaded',
  'attachment.deleted',
  // panels
  'panel.created',
  'panel.updated',
  'panel.transitioned',
  'panel.viewed',
  'panel.listed',
  'panel.shared',
  'panel.caseViewed',
  'panel.leadReassigned',
  'panel.invited',
  'panel.guestInvited',
  'panel.invitationAccepted',
  'panel.invitationDeclined',
  'panel.contributionSaved',
  'panel.contributionsViewed',
  'panel.reminderSent',
  'panelSettings.updated',
  'expertGroup.saved',
  'expertGroup.deleted',
  // meetings
  'meeting.created',
  'meeting.rescheduled',
  'meeting.cancelled',
  'meeting.agendaChanged',
  'meeting.viewed',
  'meeting.notesUpdated',
  // the audit trail itself
  'audit.viewed',
  'audit.accessReportViewed',
  // refused attempts on any route
  'access.denied',
] as const;

export type AuditAction = (typeof auditActions)[number];

export const PLATFORM_PARTITION = 'platform';
export const hospitalPartition = (hospitalId: string) => `hospital:${hospitalId}`;
export const ernPartition = (ernId: string) => `ern:${ernId}`;
