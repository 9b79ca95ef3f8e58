import { z } from 'zod';

/**
 * What an outcome report version says, exactly as it is signed: the signature covers the SHA-256 of this
 * object in canonical JSON (RFC 8785), and the PDF prints that hash — a PDF cannot contain its own hash.
 * Pseudonymous by construction: the patient appears by platform id, sex and age band only, never identity.
 */
export const ReportDiagnosis = z.object({
  /** ORPHA:…, OMIM:…, ICD-10 code, as checked by the record's code rules. */
  code: z.string().min(1).max(50),
  label: z.string().min(1).max(500),
  status: z.enum(['suspected', 'confirmed', 'excluded']),
});
export type ReportDiagnosis = z.infer<typeof ReportDiagnosis>;

export const ReportContributor = z.object({
  name: z.string().min(1).max(200),
  role: z.enum(['lead', 'member', 'guest']),
  hospital: z.string().max(300).nullable(),
  country: z.string().max(2).nullable(),
});
export type ReportContributor = z.infer<typeof ReportContributor>;

/** A member who approved the very revision that was signed (approvals of earlier revisions do not count). */
export const ReportApproval = z.object({
  name: z.string().min(1).max(200),
  role: z.enum(['lead', 'member', 'guest']),
  hospital: z.string().max(300).nullable(),
  country: z.string().max(2).nullable(),
  approvedAt: z.iso.datetime({ offset: true }),
});
export type ReportApproval = z.infer<typeof ReportApproval>;

export const OutcomeReportContent = z.object({
  panel: z.object({
    id: z.uuid(),
    title: z.string().min(1).max(300),
    ern: z.string().min(1).max(300),
    diseaseGroup: z.string().max(300).nullable(),
    type: z.enum(['diagnosis', 'treatment', 'followUp', 'training']),
    clinicalQuestion: z.string().min(1).max(10_000),
  }),
  patient: z.object({ patientCode: z.string().min(1).max(20), sex: z.string().max(20), ageBand: z.string().max(40).nullable() }),
  /** The record version the panel was given and the outcome is based on. */
  recordVersion: z.int().min(1),
  summary: z.string().min(1).max(50_000),
  conclusion: z.string().min(1).max(50_000),
  diagnoses: z.array(ReportDiagnosis).max(50),
  recommendations: z.object({
    investigations: z.string().max(20_000),
    treatment: z.string().max(20_000),
    followUp: z.string().max(20_000),
  }),
  contributors: z.array(ReportContributor).max(100),
  /** Who approved the signed revision before the signature (the lead signs with or without every approval). */
  approvals: z.array(ReportApproval).max(100),
  /** 1 for the first signed report; an amendment is the next number and names why. */
  version: z.int().min(1),
  amendmentReason: z.string().max(5_000).nullable(),
  signedBy: z.object({ name: z.string().min(1).max(200), hospital: z.string().max(300).nullable() }),
  signedAt: z.iso.datetime({ offset: true }),
  /** training or production: a training report says so on every page. */
  environment: z.enum(['training', 'production']),
});
export type OutcomeReportContent = z.infer<typeof OutcomeReportContent>;
