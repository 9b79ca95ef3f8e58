import { z } from 'zod';
import { OutcomeReportContent, ReportDiagnosis } from './outcome-report-content.contract.ts';

/**
 * The outcome report API, shared with the web app (type-only there). A panel's report is a list of
 * versions: version 1 drafted while the panel drafts its outcome, each later one an amendment. A version is
 * a draft (revision counts its saves) until the lead signs it; then it is frozen as `content` with its hash.
 */

const Text = (max: number) => z.string().trim().max(max);

/** What the lead writes; the rest of the signed content (panel, patient, contributors…) comes from the platform. */
export const OutcomeReportDraft = z.object({
  summary: Text(50_000),
  conclusion: Text(50_000),
  /** ORPHA, ICD-10, OMIM (or MONDO) codes, syntax-checked like the case record's. */
  diagnoses: z.array(z.object({ code: z.string().trim().min(1, 'give the code').max(50), label: z.string().trim().min(1, 'name the diagnosis').max(500), status: ReportDiagnosis.shape.status })).max(50),
  recommendations: z.object({ investigations: Text(20_000), treatment: Text(20_000), followUp: Text(20_000) }),
});
export type OutcomeReportDraft = z.infer<typeof OutcomeReportDraft>;

export const VersionParams = z.object({ id: z.string(), version: z.coerce.number().int().min(1).max(10_000) });

/** Saves the draft: expectedRevision 0 creates version 1, then the revision it was edited on (409 if stale). */
export const DraftInput = OutcomeReportDraft.extend({ expectedRevision: z.int().min(0) });
export type DraftInput = z.infer<typeof DraftInput>;

/** A member agrees with one revision of the draft (a new revision asks again). */
export const ApprovalInput = z.object({ revision: z.int().min(1), comment: Text(5_000).optional() });
export type ApprovalInput = z.infer<typeof ApprovalInput>;

export const SignatureInput = z.object({
  /** The revision the lead read and signs (409 if the draft changed since). */
  expectedRevision: z.int().min(1),
  /** Signing while some members have not approved this revision: the lead says so knowingly (422 otherwise). */
  acknowledgeMissingApprovals: z.boolean().optional(),
});
export type SignatureInput = z.infer<typeof SignatureInput>;

/** An amendment starts from the last signed version's content and says why. */
export const AmendmentInput = z.object({ reason: z.string().trim().min(3, 'say why the report is amended').max(5_000) });
export type AmendmentInput = z.infer<typeof AmendmentInput>;

export const VerificationQuery = z.object({ hash: z.string().trim().toLowerCase().regex(/^[0-9a-f]{64}$/, 'a SHA-256 as 64 hexadecimal characters') });

const PersonRef = z.object({ personId: z.string(), displayName: z.string() });
const PanelRole = z.enum(['lead', 'member', 'guest']);

export const ApprovalView = z.object({
  person: PersonRef,
  /** The approver's role on the panel now (null once they left it). */
  role: PanelRole.nullable(),
  revision: z.int(),
  approvedAt: z.string(),
  comment: z.string().nullable(),
});

export const OutcomeReportVersion = z.object({
  id: z.string(),
  version: z.int(),
  state: z.enum(['draft', 'signed']),
  revision: z.int(),
  recordVersion: z.int(),
  amendmentReason: z.string().nullable(),
  /** A draft's text (members only); null once signed — then `content` holds what was signed. */
  draft: OutcomeReportDraft.nullable(),
  content: OutcomeReportContent.nullable(),
  contentHash: z.string().nullable(),
  signedAt: z.string().nullable(),
  signedBy: PersonRef.nullable(),
  pdfSize: z.number().int().nullable(),
  draftedBy: PersonRef,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Every approval of this version, newest first: who approved which revision. */
  approvals: z.array(ApprovalView),
});
export type OutcomeReportVersion = z.infer<typeof OutcomeReportVersion>;

export const OutcomeReportList = z.object({
  panelId: z.string(),
  panelStatus: z.string(),
  /** 'member': drafts too; 'reader' (coordinators, the enrolling hospital's staff): signed versions only. */
  access: z.enum(['member', 'reader']),
  myRole: PanelRole.nullable(),
  /** Newest first. */
  versions: z.array(OutcomeReportVersion),
  /** Accepted members other than the lead who have not approved the open draft's current revision. */
  pendingApprovals: z.array(PersonRef.extend({ role: PanelRole })),
  /** Why nothing can be drafted or signed now (care consent withdrawn), if so. */
  blocked: z.string().nullable(),
  can: z.object({ startDraft: z.boolean(), editDraft: z.boolean(), approve: z.boolean(), sign: z.boolean(), amend: z.boolean() }),
});
export type OutcomeReportList = z.infer<typeof OutcomeReportList>;

export const Verification = z.object({
  hash: z.string(),
  /** The hash is that of a signed version of this panel's report. */
  matches: z.boolean(),
  version: z.int().nullable(),
  signedAt: z.string().nullable(),
  signedBy: z.string().nullable(),
  /** The newest signed version: a printout of an older one has been amended since. */
  latestVersion: z.int().nullable(),
});
export type Verification = z.infer<typeof Verification>;

/** The signed reports of one patient's panels, for the enrolling hospital's staff. */
export const PatientOutcomeReports = z.object({
  reports: z.array(
    z.object({
      panelId: z.string(),
      panelTitle: z.string(),
      panelStatus: z.string(),
      ern: z.object({ code: z.string(), name: z.string() }),
      version: z.int(),
      amendmentReason: z.string().nullable(),
      conclusion: z.string(),
      signedAt: z.string(),
      signedBy: z.string(),
      contentHash: z.string(),
      pdfSize: z.number().int().nullable(),
    }),
  ),
});
export type PatientOutcomeReports = z.infer<typeof PatientOutcomeReports>;
