import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { affiliations, credentials, erns, hospitals, people } from '../db/schema/index.ts';
import type { Role } from '../db/schema/identity.ts';
import { hashPassword } from '../modules/identity/passwords.ts';
import { newTotpSecret } from '../modules/identity/totp.ts';
import { seal } from '../platform/secret-box.ts';
import type { TestApp } from './test-app.ts';

export interface TestAffiliation {
  role: Role;
  hospitalId?: string;
  ernId?: string;
  validFrom?: string;
  validUntil?: string;
  /** Referrers: their own hospital and country as confirmed (defaults to a fictional German district hospital). */
  statedHospital?: string;
  statedCountry?: string;
}

export interface TestPerson {
  personId: string;
  email: string;
  password: string;
  totpSecret: string | undefined;
}

export const TEST_PASSWORD = 'correct horse battery staple 42';

/** A person written straight into the database (fast), with a password and, by default, a confirmed TOTP. */
export async function createTestPerson(
  t: TestApp,
  options: { affiliations?: TestAffiliation[]; deactivated?: boolean; withTotp?: boolean; displayName?: string } = {},
): Promise<TestPerson> {
  const email = `person-${randomUUID()}@test.open-cpms.invalid`;
  const now = t.clock.now().toISOString();
  const [person] = await t.database.db
    .insert(people)
    .values({ email, displayName: options.displayName ?? 'Test Person', createdAt: now, deactivatedAt: options.deactivated ? now : null })
    .returning({ id: people.id });
  const personId = person!.id;
  const totpSecret = options.withTotp === false ? undefined : newTotpSecret();
  await t.database.db.insert(credentials).values({
    personId,
    passwordHash: await hashPassword(TEST_PASSWORD, t.keys.derive('password-pepper')),
    passwordChangedAt: now,
    totpSecret: totpSecret ? seal(t.keys.derive('totp-secrets'), t.keys.version, totpSecret, personId) : null,
    totpConfirmedAt: totpSecret ? now : null,
  });
  for (const a of options.affiliations ?? []) {
    await t.database.db.insert(affiliations).values({
      personId,
      role: a.role,
      hospitalId: a.hospitalId ?? null,
      ernId: a.ernId ?? null,
      validFrom: a.validFrom ?? new Date(t.clock.now().getTime() - 86_400_000).toISOString(),
      validUntil: a.validUntil ?? null,
      statedHospital: a.role === 'referrer' ? (a.statedHospital ?? 'Kreiskrankenhaus Talheim') : null,
      statedCountry: a.role === 'referrer' ? (a.statedCountry ?? 'DE') : null,
      createdAt: now,
    });
  }
  return { personId, email, password: TEST_PASSWORD, totpSecret };
}

/** A current TOTP code for the test clock, one step later than any code used before. */
export async function totpCode(t: TestApp, secret: string): Promise<string> {
  t.clock.advance(30_000);
  return generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });
}

export interface SignedIn {
  /** Cookie and CSRF headers for app.inject. */
  headers: Record<string, string>;
  csrfToken: string;
  cookie: string;
}

/** Signs in through the API as a person would: password, then the TOTP code when one is owed. */
export async function signIn(t: TestApp, person: TestPerson): Promise<SignedIn> {
  const response = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: person.email, password: person.password } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const { next, csrfToken } = response.json<{ next: string; csrfToken: string }>();
  const headers = { cookie, 'x-csrf-token': csrfToken };
  if (next === 'secondFactor' && person.totpSecret) {
    const confirm = await t.app.inject({ method: 'POST', url: '/api/auth/second-factor', headers, payload: { code: await totpCode(t, person.totpSecret) } });
    if (confirm.statusCode !== 200) throw new Error(`second factor failed: ${confirm.statusCode} ${confirm.body}`);
  }
  return { headers, csrfToken, cookie };
}

/** Seeded organisations the tests use: two ERNs and two member hospitals of ERN-RND. */
export async function seededOrganisations(t: TestApp) {
  const ernRows = await t.database.db.select({ id: erns.id, code: erns.code }).from(erns);
  const ern = (code: string) => ernRows.find((e) => e.code === code)!.id;
  const hospital = async (name: string) => (await t.database.db.select({ id: hospitals.id }).from(hospitals).where(eq(hospitals.name, name)))[0]!.id;
  return {
    rnd: ern('ern-rnd'),
    erknet: ern('erknet'),
    waldstadt: await hospital('Universitätsklinikum Waldstadt'),
    noordhaven: await hospital('Academisch Ziekenhuis Noordhaven'),
    sainteAurore: await hospital('Hôpital Universitaire Sainte-Aurore'),
  };
}
