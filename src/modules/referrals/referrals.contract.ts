import { z } from 'zod';
import { PatientIdentity, Sex } from '../patients/patients.contract.ts';

export const ReferralStatus = z.enum(['sent', 'underReview', 'moreInformationRequested', 'accepted', 'panelOpened', 'outcomeAvailable', 'declined']);
export type ReferralStatus = z.infer<typeof ReferralStatus>;

export const Urgency = z.enum(['routine', 'urgent', 'veryUrgent']);

export const ReferralFeature = z.object({
  id: z.string().regex(/^HP:\d{7}$/, 'an HPO term id such as HP:0001250'),
  label: z.string().trim().min(1).max(300),
  excluded: z.boolean().default(false),
});
export type ReferralFeature = z.infer<typeof ReferralFeature>;

/** The patient's consent to being referred: attested by the referrer, or the signed form attached (a consentForm file, uploaded afterwards). */
export const ReferralConsent = z
  .object({
    givenBy: z.enum(['patient', 'legalRepresentative']),
    representativeRelation: z.string().trim().min(1).max(100).nullable(),
    givenOn: z.iso.date(),
    language: z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code such as "de"'),
    evidence: z.enum(['attestation', 'upload']),
    /** The referrer confirms that the patient (or representative) agreed to this referral. */
    confirmed: z.literal(true, 'confirm that the patient agreed to the referral'),
  })
  .refine((c) => c.givenBy === 'patient' || c.representativeRelation !== null, { message: 'say who the legal representative is (e.g. mother)', path: ['representativeRelation'] });

export const NewReferral = z.object({
  ernId: z.uuid(),
  diseaseGroupId: z.uuid().nullable(),
  /** The receiving member centre. */
  hospitalId: z.uuid(),
  nickname: z.string().trim().min(1).max(80),
  sex: Sex,
  identity: PatientIdentity,
  urgency: Urgency,
  clinicalQuestion: z.string().trim().min(10, 'ask the question in a sentence').max(4000),
  caseSummary: z.string().trim().min(10, 'summarise the case in a few sentences').max(20000),
  keyResults: z.string().trim().max(20000).default(''),
  phenotypicFeatures: z.array(ReferralFeature).max(200).default([]),
  /** A Phenopacket v2 (the content of the .json file); checked when sent, imported into the record on acceptance. */
  phenopacket: z.record(z.string(), z.unknown()).nullable().default(null),
  consent: ReferralConsent,
});
export type NewReferral = z.infer<typeof NewReferral>;

export const ReferralMessageView = z.object({ id: z.string(), side: z.enum(['referrer', 'centre']), authorName: z.string(), body: z.string(), createdAt: z.string() });
export const ReferralEventView = z.object({ seq: z.number().int(), status: ReferralStatus, at: z.string() });
export const ReferralFileKind = z.enum(['attachment', 'consentForm']);
export type ReferralFileKind = z.infer<typeof ReferralFileKind>;
export const ReferralFileUploadFields = z.object({ kind: ReferralFileKind });
export const ReferralFileView = z.object({ id: z.string(), kind: ReferralFileKind, fileName: z.string(), mediaType: z.string(), size: z.number().int(), uploadedAt: z.string() });

export const ReferralSummary = z.object({
  id: z.string(),
  referralCode: z.string(),
  /** The caller's side: the referring clinician, or the receiving centre's staff. */
  side: z.enum(['referrer', 'centre']),
  status: ReferralStatus,
  ern: z.object({ id: z.string(), name: z.string() }),
  hospital: z.object({ id: z.string(), name: z.string(), city: z.string(), country: z.string() }),
  referrer: z.object({ displayName: z.string(), hospital: z.string(), country: z.string() }),
  nickname: z.string(),
  urgency: Urgency,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReferralSummary = z.infer<typeof ReferralSummary>;

export const ReferralList = z.object({ referrals: z.array(ReferralSummary) });
export type ReferralList = z.infer<typeof ReferralList>;

export const ReferralDetail = ReferralSummary.extend({
  diseaseGroup: z.object({ id: z.string(), name: z.string() }).nullable(),
  sex: Sex,
  clinicalQuestion: z.string(),
  caseSummary: z.string(),
  keyResults: z.string(),
  phenotypicFeatures: z.array(ReferralFeature),
  hasPhenopacket: z.boolean(),
  consent: z.object({ givenBy: z.enum(['patient', 'legalRepresentative']), representativeRelation: z.string().nullable(), givenOn: z.string(), language: z.string(), evidence: z.enum(['attestation', 'upload']) }),
  /** Only for the receiving centre's staff. */
  identity: PatientIdentity.nullable(),
  decline: z.object({ reason: z.string(), suggestion: z.string().nullable() }).nullable(),
  /** The enrolled patient: the receiving centre's staff only. */
  patientId: z.string().nullable(),
  panelId: z.string().nullable(),
  outcomeAvailable: z.boolean(),
  history: z.array(ReferralEventView),
  messages: z.array(ReferralMessageView),
  files: z.array(ReferralFileView),
  can: z.object({ post: z.boolean(), review: z.boolean(), accept: z.boolean(), decline: z.boolean(), upload: z.boolean(), downloadOutcome: z.boolean() }),
});
export type ReferralDetail = z.infer<typeof ReferralDetail>;

export const NewReferralMessage = z.object({
  body: z.string().trim().min(1).max(10000),
  /** The centre asks for more information (the referral waits for the referrer's answer). */
  requestsInformation: z.boolean().default(false),
});

export const Decline = z.object({
  reason: z.string().trim().min(3, 'give the referring clinician a reason').max(4000),
  suggestion: z.string().trim().min(1).max(1000).nullable().default(null),
});

export const Acceptance = z.object({}).strict();
export const AcceptanceResult = z.object({ referralId: z.string(), patientId: z.string() });

/** What an ERN covers, and the member centres proposed to a referrer (their country first, else the nearest alternatives). */
export const ErnGuide = z.object({
  ern: z.object({ id: z.string(), code: z.string(), name: z.string(), field: z.string() }),
  diseaseGroups: z.array(z.object({ id: z.string(), name: z.string(), panelUse: z.string().nullable() })),
  /** The referrer's country (as confirmed), null if they hold no referrer affiliation in this ERN. */
  country: z.string().nullable(),
  /** True where the referrer's country has no member centre of this ERN: the centres are alternatives abroad. */
  alternatives: z.boolean(),
  centres: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      city: z.string(),
      country: z.string(),
      membership: z.enum(['fullMember', 'affiliatedPartner']),
      /** The disease groups its experts declare (their thematic areas). */
      expertise: z.array(z.string()),
    }),
  ),
});
export type ErnGuide = z.infer<typeof ErnGuide>;

/** The ERNs a referrer may refer to (those where they hold a referrer affiliation), with their field. */
export const ReferrerErns = z.object({ erns: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), field: z.string(), country: z.string() })) });
export type ReferrerErns = z.infer<typeof ReferrerErns>;
