import { z } from 'zod';
import { MembershipType } from '../organisations/organisations.contract.ts';
import { AffiliationView, Role } from './identity.contract.ts';

export const ErnSettings = z.object({
  triageRequired: z.boolean(),
  employmentConfirmationRequired: z.boolean(),
  helpdeskEmail: z.email().nullable(),
  guestAccountDays: z.number().int().min(1).max(365),
});
export type ErnSettings = z.infer<typeof ErnSettings>;
export const ErnSettingsPatch = ErnSettings.partial();

export const NewHospital = z.object({
  name: z.string().trim().min(2).max(200),
  city: z.string().trim().min(1).max(100),
  country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166 country code such as "DE"'),
});
export const HospitalCreated = NewHospital.extend({ id: z.string() });
export const MembershipBody = z.object({ type: MembershipType });
export const MembershipView = z.object({ hospitalId: z.string(), ernId: z.string(), type: MembershipType.nullable() });

export const PersonAdminView = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  deactivatedAt: z.string().nullable(),
  createdAt: z.string(),
  hasLocalPassword: z.boolean(),
  affiliations: z.array(AffiliationView.extend({ validFrom: z.string() })),
});
export type PersonAdminView = z.infer<typeof PersonAdminView>;
export const PeopleQuery = z.object({ search: z.string().trim().max(200).optional() });
export const PeopleList = z.object({ people: z.array(PersonAdminView) });
export type PeopleList = z.infer<typeof PeopleList>;

/** A local account created by an administrator (self-hosted and training use); the person changes the password. */
export const NewLocalAccount = z.object({
  email: z.email().max(320),
  displayName: z.string().trim().min(1).max(200),
  initialPassword: z.string().min(1).max(1024),
});

export const NewAffiliation = z.object({
  personId: z.uuid(),
  /** A referrer's affiliation comes only from an approved access request (it carries the stated hospital and country). */
  role: Role.exclude(['referrer']),
  hospitalId: z.uuid().nullable(),
  ernId: z.uuid().nullable(),
  validUntil: z.iso.datetime({ offset: true }).nullable(),
});
export const NewDelegation = z.object({ assistantId: z.uuid(), principalId: z.uuid(), hospitalId: z.uuid() });
export const Created = z.object({ id: z.string() });

export const PlatformSettings = z.object({ localAccountsEnabled: z.boolean() });
export type PlatformSettings = z.infer<typeof PlatformSettings>;
