import { z } from 'zod';

export const ConsentKind = z.enum(['care', 'ernRegistries', 'researchContact', 'photographs']);
export type ConsentKind = z.infer<typeof ConsentKind>;

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
    evidence: z.literal('attestation'),
  })
  .refine((c) => c.givenBy === 'patient' || c.representativeRelation !== null, { message: 'say who the legal representative is (e.g. mother)', path: ['representativeRelation'] })
  .refine((c) => (c.kind === 'ernRegistries' || c.kind === 'researchContact') === (c.scope !== null), { message: 'registry and research consents name their ERN or registry; care and photograph consents do not', path: ['scope'] });
export type NewConsent = z.infer<typeof NewConsent>;

/** Care consent given at enrolment (the kind is implied). */
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
  evidence: z.enum(['attestation', 'upload']),
  recordedAt: z.string(),
  withdrawnOn: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  active: z.boolean(),
});
export type ConsentView = z.infer<typeof ConsentView>;

export const ConsentList = z.object({ consents: z.array(ConsentView), careConsentActive: z.boolean() });
export type ConsentList = z.infer<typeof ConsentList>;

export const Withdrawal = z.object({ withdrawnOn: z.iso.date(), note: z.string().trim().max(1000).nullable() });
