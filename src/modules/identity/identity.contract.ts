import { z } from 'zod';
import { roles } from '../../db/schema/identity.ts';

export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

export const SignInRequest = z.object({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1024),
});

/** What the person must do next after a step of signing in. */
export const SignInNext = z.enum(['done', 'secondFactor', 'enrolSecondFactor']);
export const SignInResponse = z.object({ next: SignInNext, csrfToken: z.string() });

export const CodeRequest = z.object({ code: z.string().trim().min(6).max(32) });
export const NextResponse = z.object({ next: SignInNext });

export const TotpEnrolmentResponse = z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() });
export const RecoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()) });

export const AffiliationView = z.object({
  id: z.string(),
  role: Role,
  hospitalId: z.string().nullable(),
  hospitalName: z.string().nullable(),
  ernId: z.string().nullable(),
  ernName: z.string().nullable(),
  validUntil: z.string().nullable(),
});
export type AffiliationView = z.infer<typeof AffiliationView>;

export const SessionInfo = z.object({
  person: z.object({ id: z.string(), displayName: z.string(), email: z.string(), locale: z.string(), timeZone: z.string() }),
  method: z.enum(['local', 'oidc']),
  secondFactor: z.object({ confirmed: z.boolean(), enrolled: z.boolean(), owed: z.boolean() }),
  affiliations: z.array(AffiliationView),
  delegations: z.array(z.object({ principalId: z.string(), hospitalId: z.string() })),
  csrfToken: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const SessionListResponse = z.object({
  sessions: z.array(
    z.object({
      id: z.string(),
      method: z.enum(['local', 'oidc']),
      createdAt: z.string(),
      lastSeenAt: z.string(),
      expiresAt: z.string(),
      userAgent: z.string().nullable(),
      clientAddress: z.string().nullable(),
      current: z.boolean(),
    }),
  ),
});
export type SessionListResponse = z.infer<typeof SessionListResponse>;

export const EndedResponse = z.object({ ended: z.number().int() });

export const Profile = z.object({
  displayName: z.string().trim().min(1).max(200),
  title: z.string().trim().max(100).nullable(),
  specialty: z.string().trim().max(200).nullable(),
  expertise: z.string().trim().max(4000).nullable(),
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639 language code, e.g. "de"')).max(30),
  timeZone: z.string().refine((zone) => Intl.supportedValuesOf('timeZone').includes(zone) || zone === 'UTC', 'a time zone such as "Europe/Vienna"'),
  locale: z.enum(['en']),
  country: z.string().regex(/^[A-Z]{2}$/).nullable(),
  diseaseGroupIds: z.array(z.uuid()).max(50),
});
export type Profile = z.infer<typeof Profile>;
export const ProfileResponse = Profile.extend({ email: z.string() });
export type ProfileResponse = z.infer<typeof ProfileResponse>;
export const ProfilePatch = Profile.partial();
