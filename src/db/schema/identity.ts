import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { diseaseGroups, erns, hospitals } from './organisations.ts';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

export const roles = [
  'healthProfessional',
  'assistant',
  'coordinator',
  'hospitalRepresentative',
  'dataProtectionOfficer',
  'researcher',
  'platformAdministrator',
  'guestExpert',
  /** A clinician outside the networks who refers patients to a member centre of one ERN (lighter checks: stated hospital and country). */
  'referrer',
] as const;
export type Role = (typeof roles)[number];
const roleCheck = (column: string) => sql.raw(`${column} in (${roles.map((r) => `'${r}'`).join(', ')})`);

/** Anyone who signs in. Never deleted: deactivated, and personal details erased by the retention job. */
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    title: text('title'),
    specialty: text('specialty'),
    expertise: text('expertise'),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    timeZone: text('time_zone').notNull().default('Europe/Brussels'),
    locale: text('locale').notNull().default('en'),
    country: text('country'),
    deactivatedAt: instant('deactivated_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [uniqueIndex('people_email_lower').on(sql`lower(${t.email})`)],
);

/** Thematic areas of a person's profile, searched by the expert directory. */
export const personDiseaseGroups = pgTable(
  'person_disease_groups',
  {
    personId: uuid('person_id').notNull().references(() => people.id),
    diseaseGroupId: uuid('disease_group_id').notNull().references(() => diseaseGroups.id),
  },
  (t) => [primaryKey({ columns: [t.personId, t.diseaseGroupId] })],
);

/** An (issuer, subject) pair of an OpenID Connect provider, linked to a person. */
export const externalIdentities = pgTable(
  'external_identities',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    personId: uuid('person_id').notNull().references(() => people.id),
    createdAt: instant('created_at').notNull(),
    lastSeenAt: instant('last_seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] }), index('external_identities_person').on(t.personId)],
);

/**
 * A person's own secrets: the local password (absent for people who only sign in through an identity
 * provider) and the TOTP secret, encrypted (key version kept with the ciphertext).
 */
export const credentials = pgTable('credentials', {
  personId: uuid('person_id').primaryKey().references(() => people.id),
  passwordHash: text('password_hash'),
  passwordChangedAt: instant('password_changed_at'),
  totpSecret: text('totp_secret'),
  totpConfirmedAt: instant('totp_confirmed_at'),
  /** The last TOTP time step accepted: a code is never accepted twice. */
  totpLastStep: integer('totp_last_step'),
});

export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull().references(() => people.id),
    codeHash: text('code_hash').notNull(),
    usedAt: instant('used_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('recovery_codes_person').on(t.personId)],
);

/**
 * (person, hospital, ERN or none, role, valid from, valid until). A role held in one ERN or hospital gives
 * nothing in another; ending an affiliation sets valid_until.
 */
export const affiliations = pgTable(
  'affiliations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull().references(() => people.id),
    hospitalId: uuid('hospital_id').references(() => hospitals.id),
    ernId: uuid('ern_id').references(() => erns.id),
    role: text('role', { enum: roles }).notNull(),
    validFrom: instant('valid_from').notNull(),
    validUntil: instant('valid_until'),
    createdAt: instant('created_at').notNull(),
    createdBy: uuid('created_by').references(() => people.id),
    /** Referrers: the hospital (not on the platform) and country they stated, confirmed by the ERN's coordinator. */
    statedHospital: text('stated_hospital'),
    statedCountry: text('stated_country'),
  },
  (t) => [
    check('affiliations_role', roleCheck('role')),
    check('affiliations_period', sql`${t.validUntil} is null or ${t.validUntil} > ${t.validFrom}`),
    check(
      'affiliations_scope',
      sql`(role in ('coordinator', 'researcher') and ern_id is not null)
        or (role in ('healthProfessional', 'assistant', 'hospitalRepresentative', 'dataProtectionOfficer') and hospital_id is not null)
        or (role = 'platformAdministrator')
        or (role = 'guestExpert' and valid_until is not null)
        or (role = 'referrer' and ern_id is not null and hospital_id is null and stated_hospital is not null and stated_country is not null)`,
    ),
    index('affiliations_person').on(t.personId),
  ],
);

/** An assistant acting for a named health professional of the same hospital. */
export const delegations = pgTable(
  'delegations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assistantId: uuid('assistant_id').notNull().references(() => people.id),
    principalId: uuid('principal_id').notNull().references(() => people.id),
    hospitalId: uuid('hospital_id').notNull().references(() => hospitals.id),
    validFrom: instant('valid_from').notNull(),
    validUntil: instant('valid_until'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('delegations_assistant').on(t.assistantId), check('delegations_not_self', sql`${t.assistantId} <> ${t.principalId}`)],
);

export const accessRequestStatuses = ['pending', 'awaitingEmployment', 'approved', 'rejected', 'withdrawn'] as const;

/** A person's request for an affiliation (or a guest account), decided by the ERN's coordinator. */
export const accessRequests = pgTable(
  'access_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull().references(() => people.id),
    ernId: uuid('ern_id').notNull().references(() => erns.id),
    hospitalId: uuid('hospital_id').references(() => hospitals.id),
    role: text('role', { enum: roles }).notNull(),
    justification: text('justification').notNull(),
    status: text('status', { enum: accessRequestStatuses }).notNull(),
    /** Guests: requested end of the account; default 90 days. */
    guestUntil: instant('guest_until'),
    requestedBy: uuid('requested_by').notNull().references(() => people.id),
    employmentConfirmedBy: uuid('employment_confirmed_by').references(() => people.id),
    employmentConfirmedAt: instant('employment_confirmed_at'),
    decidedBy: uuid('decided_by').references(() => people.id),
    decidedAt: instant('decided_at'),
    decisionReason: text('decision_reason'),
    affiliationId: uuid('affiliation_id').references(() => affiliations.id),
    /** Referrers: the hospital and country as they state them (their hospital is not on the platform). */
    statedHospital: text('stated_hospital'),
    statedCountry: text('stated_country'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    check('access_requests_role', roleCheck('role')),
    check('access_requests_status', sql.raw(`status in (${accessRequestStatuses.map((s) => `'${s}'`).join(', ')})`)),
    index('access_requests_ern_status').on(t.ernId, t.status),
    index('access_requests_person').on(t.personId),
  ],
);

/** Server-side sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    id: uuid('id').notNull().defaultRandom().unique(),
    personId: uuid('person_id').notNull().references(() => people.id),
    method: text('method', { enum: ['local', 'oidc'] }).notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: instant('created_at').notNull(),
    lastSeenAt: instant('last_seen_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    /** When the second factor was confirmed in this session; null while it is still owed. */
    secondFactorAt: instant('second_factor_at'),
    userAgent: text('user_agent'),
    clientAddress: text('client_address'),
    endedAt: instant('ended_at'),
  },
  (t) => [index('sessions_person').on(t.personId)],
);

/** Failed sign-ins per key ("account:<email>" or "address:<ip>"), for progressive delays. */
export const signInThrottle = pgTable('sign_in_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: instant('last_failure_at').notNull(),
  blockedUntil: instant('blocked_until'),
});

/** Pending OpenID Connect logins: state, nonce and PKCE verifier between redirect and callback. */
export const oidcLogins = pgTable('oidc_logins', {
  state: text('state').primaryKey(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  returnTo: text('return_to'),
  purpose: text('purpose', { enum: ['signIn', 'stepUp'] }).notNull(),
  createdAt: instant('created_at').notNull(),
});

/** Platform-wide settings an administrator changes in the app. */
export const platformSettings = pgTable('platform_settings', {
  singleton: integer('singleton').primaryKey().default(1),
  localAccountsEnabled: boolean('local_accounts_enabled').notNull().default(true),
  updatedAt: instant('updated_at').notNull(),
  updatedBy: uuid('updated_by').references(() => people.id),
});
