import { z } from 'zod';
import { StudySummary } from '../imaging/imaging.contract.ts';
import { RecordSection, RecordView } from '../records/records.contract.ts';
import { panelActions, panelStatuses } from './panel-lifecycle.contract.ts';

export const PanelStatus = z.enum(panelStatuses);
export const PanelAction = z.enum(panelActions);
export const PanelType = z.enum(['diagnosis', 'treatment', 'followUp', 'training']);
export type PanelType = z.infer<typeof PanelType>;
export const PanelUrgency = z.enum(['routine', 'urgent', 'veryUrgent']);
export type PanelUrgency = z.infer<typeof PanelUrgency>;
export const PanelRole = z.enum(['lead', 'member', 'guest']);
export type PanelRole = z.infer<typeof PanelRole>;
export const PanelMemberStatus = z.enum(['invited', 'accepted', 'declined']);

const Title = z.string().trim().min(3, 'give the panel a short title (no names)').max(200);
const ClinicalQuestion = z.string().trim().min(10, 'ask the question the experts should answer').max(5000);
const Reason = z.string().trim().max(2000);

// --- requests -------------------------------------------------------------------------------------

/** A draft request. The patient must be one of the requester's hospital; the requester becomes the lead. */
export const NewPanel = z.object({
  patientId: z.uuid(),
  ernId: z.uuid(),
  /** Required where the ERN has disease groups. */
  diseaseGroupId: z.uuid().nullable(),
  type: PanelType,
  urgency: PanelUrgency,
  title: Title,
  clinicalQuestion: ClinicalQuestion,
});
export type NewPanel = z.infer<typeof NewPanel>;

/** Changes to a draft (only while it is a draft, by its lead). */
export const PanelDraftUpdate = z
  .object({ ernId: z.uuid(), diseaseGroupId: z.uuid().nullable(), type: PanelType, urgency: PanelUrgency, title: Title, clinicalQuestion: ClinicalQuestion })
  .partial()
  .refine((u) => Object.keys(u).length > 0, { message: 'change at least one field' });
export type PanelDraftUpdate = z.infer<typeof PanelDraftUpdate>;

export const TransitionParams = z.object({ id: z.string(), action: PanelAction });

export const TransitionRequest = z.object({
  /** Why (required to return, cancel and close without an outcome); shown to the panel. */
  reason: Reason.optional(),
  /** Closing with fewer than two expert contributions: the lead acknowledges it. */
  acknowledgeFewContributions: z.boolean().optional(),
  /** Accepting a request in triage forwards it at once to these experts and expert groups. */
  invite: z.object({ personIds: z.array(z.uuid()).max(50).default([]), expertGroupIds: z.array(z.uuid()).max(20).default([]) }).optional(),
});
export type TransitionRequest = z.infer<typeof TransitionRequest>;

export const LeadReassignment = z.object({ personId: z.uuid() });

/** What of the record the panel may see: a record version (pinned) and exactly these sections and files. */
export const NewShare = z
  .object({
    recordVersion: z.int().min(1),
    sections: z.array(RecordSection).max(6).refine((s) => new Set(s).size === s.length, 'name each section once'),
    attachments: z
      .array(z.object({ attachmentId: z.uuid(), label: z.string().trim().min(1, 'label the file for the panel (no names)').max(200) }))
      .max(100)
      .refine((a) => new Set(a.map((x) => x.attachmentId)).size === a.length, 'name each file once'),
    /** De-identified imaging studies (the imaging module), each under a label for the panel. */
    studies: z
      .array(z.object({ studyId: z.uuid(), label: z.string().trim().min(1, 'label the study for the panel (no names)').max(200) }))
      .max(50)
      .refine((a) => new Set(a.map((x) => x.studyId)).size === a.length, 'name each study once')
      .default([]),
  })
  .refine((s) => s.sections.length + s.attachments.length + s.studies.length > 0, { message: 'share at least one section, file or study', path: ['sections'] });
export type NewShare = z.infer<typeof NewShare>;

export const Invitations = z
  .object({ personIds: z.array(z.uuid()).max(50).default([]), expertGroupIds: z.array(z.uuid()).max(20).default([]) })
  .refine((i) => i.personIds.length + i.expertGroupIds.length > 0, { message: 'invite at least one expert or group', path: ['personIds'] });
export type Invitations = z.infer<typeof Invitations>;

/** An expert without an account here: a guest-account request goes to the owning ERN's coordinators. */
export const GuestInvitation = z.object({
  email: z.email(),
  displayName: z.string().trim().min(2).max(200),
  /** Why this guest (for the coordinator who approves the account). */
  justification: z.string().trim().min(10, 'tell the coordinator in a sentence why this expert').max(2000),
});
export type GuestInvitation = z.infer<typeof GuestInvitation>;

export const InvitationDecline = z.object({ reason: z.string().trim().min(3, 'tell the lead why').max(2000) });

const DiagnosisSuggestion = z.object({ code: z.string().trim().min(1).max(40), label: z.string().trim().min(1).max(300) });

/** An expert's contribution; expectedVersion 0 writes the first one, then the version it was edited on (409 if stale). */
export const ContributionInput = z
  .object({
    expectedVersion: z.int().min(0),
    assessment: z.string().trim().max(20_000),
    suggestedDiagnoses: z.array(DiagnosisSuggestion).max(20),
    suggestedInvestigations: z.string().trim().max(10_000),
    freeText: z.string().trim().max(20_000),
  })
  .refine((c) => c.assessment.length > 0 || c.suggestedDiagnoses.length > 0 || c.suggestedInvestigations.length > 0 || c.freeText.length > 0, { message: 'write your assessment, a suggested diagnosis or investigation', path: ['assessment'] });
export type ContributionInput = z.infer<typeof ContributionInput>;

export const ExpertSearchQuery = z.object({
  ernId: z.uuid().optional(),
  diseaseGroupId: z.uuid().optional(),
  hospitalId: z.uuid().optional(),
  /** Words of the expertise, specialty or name. */
  q: z.string().trim().max(100).optional(),
  country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166 code such as "DE"').optional(),
  language: z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code such as "de"').optional(),
});
export type ExpertSearchQuery = z.infer<typeof ExpertSearchQuery>;

export const ExpertGroupInput = z.object({
  ernId: z.uuid(),
  name: z.string().trim().min(2).max(200),
  description: z.string().trim().max(2000).nullable(),
  memberIds: z.array(z.uuid()).max(100).refine((m) => new Set(m).size === m.length, 'name each expert once'),
});
export type ExpertGroupInput = z.infer<typeof ExpertGroupInput>;
export const ExpertGroupUpdate = ExpertGroupInput.omit({ ernId: true });
export type ExpertGroupUpdate = z.infer<typeof ExpertGroupUpdate>;
export const ExpertGroupQuery = z.object({ ernId: z.uuid().optional() });

export const DeadlineDays = z.object({ routine: z.int().min(1).max(365), urgent: z.int().min(1).max(365), veryUrgent: z.int().min(1).max(365) });
export type DeadlineDays = z.infer<typeof DeadlineDays>;
export const PanelSettingsUpdate = z.object({ deadlineDays: DeadlineDays });

// --- views ----------------------------------------------------------------------------------------

export const PersonRef = z.object({ personId: z.string(), displayName: z.string() });

/** The pseudonymised patient as every panel member sees it: never the identity, never the nickname. */
export const PanelPatient = z.object({ patientCode: z.string(), sex: z.enum(['female', 'male', 'other', 'unknown']), yearOfBirth: z.number().int().nullable(), country: z.string() });

export const PanelMemberView = z.object({
  personId: z.string(),
  displayName: z.string(),
  role: PanelRole,
  status: PanelMemberStatus,
  hospitalName: z.string().nullable(),
  country: z.string().nullable(),
  invitedAt: z.string(),
  respondedAt: z.string().nullable(),
  /** Shown to the lead and the coordinators. */
  declineReason: z.string().nullable(),
  viaExpertGroupId: z.string().nullable(),
  /** A guest invited by e-mail whose account the coordinator has not approved yet. */
  guestAccountPending: z.boolean(),
});
export type PanelMemberView = z.infer<typeof PanelMemberView>;

export const PanelTransitionView = z.object({
  action: z.string(),
  from: PanelStatus.nullable(),
  to: PanelStatus,
  by: PersonRef,
  at: z.string(),
  reason: z.string().nullable(),
  fewContributionsAcknowledged: z.boolean(),
});

export const AllowedTransitionView = z.object({
  action: PanelAction,
  to: PanelStatus,
  reason: z.enum(['required', 'optional']),
  via: z.enum(['transitions', 'outcomeReport']),
  blockedBy: z.array(z.enum(['careConsent', 'share'])),
  needsAcknowledgement: z.boolean(),
});

export const ShareSummary = z.object({
  seq: z.int(),
  recordVersion: z.int(),
  sections: z.array(RecordSection),
  attachmentCount: z.int(),
  sharedAt: z.string(),
  sharedBy: PersonRef,
});
export type ShareSummary = z.infer<typeof ShareSummary>;

/** The case is withheld from the panel (members see why), at once and at read time. */
export const CaseWithheld = z.object({ reason: z.enum(['careConsentWithdrawn']), message: z.string() });

export const PanelDetail = z.object({
  id: z.string(),
  title: z.string(),
  type: PanelType,
  urgency: PanelUrgency,
  status: PanelStatus,
  ern: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  diseaseGroup: z.object({ id: z.string(), name: z.string() }).nullable(),
  clinicalQuestion: z.string(),
  patient: PanelPatient,
  /** The patient's id, only for those who may share the record (the enrolling hospital's staff); null for everyone else. */
  patientId: z.string().nullable(),
  requester: PersonRef.extend({ hospitalName: z.string() }),
  lead: PersonRef.nullable(),
  members: z.array(PanelMemberView),
  /** The caller's accepted role, if any; an open invitation is in myInvitation. */
  myRole: PanelRole.nullable(),
  myInvitation: z.object({ role: PanelRole, invitedAt: z.string() }).nullable(),
  /** The caller coordinates the owning ERN. */
  coordinator: z.boolean(),
  allowedTransitions: z.array(AllowedTransitionView),
  /** What else the caller may do now. */
  can: z.object({ editDraft: z.boolean(), share: z.boolean(), invite: z.boolean(), contribute: z.boolean(), reassignLead: z.boolean(), viewCase: z.boolean() }),
  deadlineAt: z.string().nullable(),
  overdue: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  transitions: z.array(PanelTransitionView),
  currentShare: ShareSummary.nullable(),
  caseWithheld: CaseWithheld.nullable(),
  contributionCount: z.int(),
  expertContributionCount: z.int(),
  helpdeskEmail: z.string().nullable(),
});
export type PanelDetail = z.infer<typeof PanelDetail>;

export const PanelCard = z.object({
  id: z.string(),
  title: z.string(),
  type: PanelType,
  urgency: PanelUrgency,
  status: PanelStatus,
  ern: z.object({ id: z.string(), name: z.string() }),
  diseaseGroup: z.object({ id: z.string(), name: z.string() }).nullable(),
  patientCode: z.string(),
  /** How the caller relates to it. */
  myRole: z.enum(['lead', 'member', 'guest', 'invited', 'coordinator']),
  deadlineAt: z.string().nullable(),
  overdue: z.boolean(),
  updatedAt: z.string(),
  contributionCount: z.int(),
});
export type PanelCard = z.infer<typeof PanelCard>;

export const StageGroup = z.object({ status: PanelStatus, panels: z.array(PanelCard) });
export const PanelBoard = z.object({
  /** Panels the caller leads or is a member (or guest) of, by stage in lifecycle order. */
  mine: z.array(StageGroup),
  /** Invitations waiting for the caller's answer. */
  invitations: z.array(PanelCard),
  /** For coordinators: every panel of the ERNs they coordinate, by stage (empty otherwise). */
  coordinated: z.array(StageGroup),
});
export type PanelBoard = z.infer<typeof PanelBoard>;

export const TriageQueue = z.object({ panels: z.array(PanelCard) });
export type TriageQueue = z.infer<typeof TriageQueue>;

export const SharedAttachment = z.object({ id: z.string(), kind: z.string(), mediaType: z.string(), size: z.number().int(), label: z.string(), uploadedAt: z.string() });

export const CaseQuery = z.object({ share: z.coerce.number().int().min(1).max(1_000_000).optional() });

/** The case as the panel was given it: exactly the shared sections of the pinned version, and the shared files. */
export const PanelCase = z.object({
  panelId: z.string(),
  patient: PanelPatient,
  withheld: CaseWithheld.nullable(),
  /** The share shown (the latest unless an earlier one was asked for). */
  share: ShareSummary.nullable(),
  shareHistory: z.array(ShareSummary),
  /** Only the shared sections are present; null while withheld or before anything was shared. */
  content: RecordView.partial().nullable(),
  attachments: z.array(SharedAttachment),
  /** The shared imaging studies, opened through the panel's DICOMweb service (/api/panels/:id/dicomweb). */
  studies: z.array(StudySummary),
});
export type PanelCase = z.infer<typeof PanelCase>;

export const ContributionView = z.object({
  id: z.string(),
  author: PersonRef.extend({ role: PanelRole }),
  assessment: z.string(),
  suggestedDiagnoses: z.array(z.object({ code: z.string(), label: z.string() })),
  suggestedInvestigations: z.string(),
  freeText: z.string(),
  version: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ContributionView = z.infer<typeof ContributionView>;
export const ContributionList = z.object({
  contributions: z.array(ContributionView),
  /** The caller may write or edit their own now. */
  canContribute: z.boolean(),
  expertContributionCount: z.int(),
});
export type ContributionList = z.infer<typeof ContributionList>;

export const ExpertView = z.object({
  personId: z.string(),
  displayName: z.string(),
  title: z.string().nullable(),
  specialty: z.string().nullable(),
  expertise: z.string().nullable(),
  languages: z.array(z.string()),
  country: z.string().nullable(),
  affiliations: z.array(z.object({ role: z.string(), ern: z.object({ id: z.string(), name: z.string() }).nullable(), hospital: z.object({ id: z.string(), name: z.string(), country: z.string() }).nullable() })),
  diseaseGroups: z.array(z.object({ id: z.string(), name: z.string(), ernId: z.string() })),
});
export type ExpertView = z.infer<typeof ExpertView>;
export const ExpertList = z.object({ experts: z.array(ExpertView) });

export const ExpertGroupView = z.object({
  id: z.string(),
  ernId: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  createdBy: PersonRef,
  members: z.array(PersonRef),
  canManage: z.boolean(),
  updatedAt: z.string(),
});
export type ExpertGroupView = z.infer<typeof ExpertGroupView>;
export const ExpertGroupList = z.object({ expertGroups: z.array(ExpertGroupView) });

export const PanelSettings = z.object({ ernId: z.string(), triageRequired: z.boolean(), helpdeskEmail: z.string().nullable(), deadlineDays: DeadlineDays });
export type PanelSettings = z.infer<typeof PanelSettings>;
