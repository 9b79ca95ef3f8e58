import { z } from 'zod';
import { Role } from './identity.contract.ts';

/** Roles a person may ask for; platform administrators are appointed, not requested. */
export const RequestableRole = z.enum(['healthProfessional', 'assistant', 'coordinator', 'hospitalRepresentative', 'dataProtectionOfficer', 'researcher', 'guestExpert', 'referrer']);

/** Roles held at a hospital: requesting one names the hospital, which must be a member of the ERN. */
export const hospitalBoundRoles = ['healthProfessional', 'assistant', 'hospitalRepresentative', 'dataProtectionOfficer'] as const;

export const FileAccessRequest = z.object({
  ernId: z.uuid(),
  hospitalId: z.uuid().nullable(),
  role: RequestableRole,
  justification: z.string().trim().min(10, 'say in a sentence or two why you need this access').max(2000),
  /** Referrers (their hospital is not on the platform): its name and country as they state them, for the coordinator to confirm. */
  statedHospital: z.string().trim().min(2).max(200).nullable().default(null),
  statedCountry: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as "PT"').nullable().default(null),
});
export type FileAccessRequest = z.infer<typeof FileAccessRequest>;

export const AccessRequestStatus = z.enum(['pending', 'awaitingEmployment', 'approved', 'rejected', 'withdrawn']);

export const AccessRequestView = z.object({
  id: z.string(),
  person: z.object({ id: z.string(), displayName: z.string(), email: z.string() }),
  ern: z.object({ id: z.string(), name: z.string() }),
  hospital: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** A referrer's own hospital and country, as stated (not a platform hospital). */
  stated: z.object({ hospital: z.string(), country: z.string() }).nullable(),
  role: Role,
  justification: z.string(),
  status: AccessRequestStatus,
  guestUntil: z.string().nullable(),
  createdAt: z.string(),
  employmentConfirmedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  /** The affiliation an approval granted (a guest account's, to extend it). */
  affiliationId: z.string().nullable(),
  /** What the caller may do with it now. */
  canConfirmEmployment: z.boolean(),
  canDecide: z.boolean(),
});
export type AccessRequestView = z.infer<typeof AccessRequestView>;

export const AccessRequestList = z.object({ accessRequests: z.array(AccessRequestView) });
export type AccessRequestList = z.infer<typeof AccessRequestList>;

export const AccessRequestQuery = z.object({
  ernId: z.uuid().optional(),
  status: AccessRequestStatus.optional(),
});

export const Approval = z.object({ reason: z.string().trim().max(2000).optional() });
export const Rejection = z.object({ reason: z.string().trim().min(3, 'give the person a reason').max(2000) });

export const GuestExtension = z.object({ until: z.iso.datetime({ offset: true }) });
export const AffiliationResponse = z.object({ id: z.string(), validUntil: z.string().nullable() });
