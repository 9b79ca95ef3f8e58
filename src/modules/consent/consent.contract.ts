import { z } from 'zod';

export const ConsentKind = z.enum(['care', 'ernRegistries', 'researchContact', 'photographs']);
export type ConsentKind = z.infer<typeof ConsentKind>;

/** The hospital attests it keeps the signed form, or the signed form is uploaded (an attachment of kind consentForm). */
export const ConsentEvidence = z.enum(['attestation', 'upload']);
export type ConsentEvidence = z.infer<typeof ConsentEvidence>;

export const NewConsent = z
  .object({
    kind: ConsentKind,
    /** The ERN (or registry) an ernRegistries/researchContact consent covers. */
    scope: z.string().trim().min(1).max(100).nullable(),
    givenBy: z.enum(['patient', 'legalRepresentative']),
    representativeRelation: z.string().trim().min(1).max(100).nullable(),
    givenOn: z.iso.date(),
    formVersion: z.string().trim().min(1).max(50),
    language: z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code such as "de"'),
    evidence: ConsentEvidence,
    /** With evidence 'upload': the patient's attachment of kind consentForm holding the signed form (uploaded first). */
    evidenceAttachmentId: z.uuid().nullable().optional(),
  })
  .refine((c) => (c.evidence === 'upload') === (c.evidenceAttachmentId !== null && c.evidenceAttachmentId !== undefined), { message: 'an uploaded signed form names its attachment (evidence "upload"); an attestation names none', path: ['evidenceAttachmentId'] })
  .refine((c) => c.givenBy === 'patient' || c.representativeRelation !== null, { message: 'say who the legal representative is (e.g. mother)', path: ['representativeRelation'] })
  .refine((c) => (c.kind === 'ernRegistries' || c.kind === 'researchContact') === (c.scope !== null), { message: 'registry and research consents name their ERN or registry; care and photograph consents do not', path: ['scope'] });
export type NewConsent = z.infer<typeof NewConsent>;

/**
 * Care consent given at enrolment (the kind is implied). Attestation only: the patient does not exist yet,
 * so the signed form cannot be uploaded before; it is attached afterwards (ConsentEvidenceBody).
 */
export const CareConsent = z.object({
  givenBy: z.enum(['patient', 'legalRepresentative']),
  representativeRelation: z.string().trim().min(1).max(100).nullable(),
  givenOn: z.iso.date(),
  formVersion: z.string().trim().min(1).max(50),
  language: z.string().regex(/^[a-z]{2}$/),
  evidence: z.literal('attestation'),
});
export type CareConsent = z.infer<typeof CareConsent>;

export const ConsentView = z.object({
  id: z.string(),
  kind: ConsentKind,
  scope: z.string().nullable(),
  givenBy: z.enum(['patient', 'legalRepresentative']),
  representativeRelation: z.string().nullable(),
  givenOn: z.string(),
  formVersion: z.string(),
  language: z.string(),
  evidence: ConsentEvidence,
  /** The signed form (the patient's attachment) when evidence is 'upload'. */
  evidenceAttachmentId: z.string().nullable(),
  recordedAt: z.string(),
  withdrawnOn: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  active: z.boolean(),
});
export type ConsentView = z.infer<typeof ConsentView>;

export const ConsentList = z.object({ consents: z.array(ConsentView), careConsentActive: z.boolean() });
export type ConsentList = z.infer<typeof ConsentList>;

export const Withdrawal = z.object({ withdrawnOn: z.iso.date(), note: z.string().trim().max(1000).nullable() });

/** Attaches the signed form (uploaded first as the patient's attachment of kind consentForm) to an attested consent. */
export const ConsentEvidenceBody = z.object({ attachmentId: z.uuid() });
export type ConsentEvidenceBody = z.infer<typeof ConsentEvidenceBody>;
