import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secondFactorRecent } from '../../../access/actor.ts';
import { auditEvents, externalIdentities, people, sessions } from '../../../db/schema/index.ts';
import { resolveSessionToken } from '../sessions.ts';
import { createTestPerson, seededOrganisations } from '../../../testing/actors.ts';
import { startTestOidcProvider, type TestOidcAccount, type TestOidcProvider } from '../../../testing/oidc-provider.ts';
import { signInAtTestProvider } from '../../../testing/oidc-provider-login.ts';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import type { SessionInfo } from '../identity.contract.ts';

const PUBLIC_URL = 'http://localhost:8080';
const REDIRECT_URI = `${PUBLIC_URL}/api/auth/oidc/callback`;
const client = { client_id: 'open-cpms', client_secret: randomBytes(24).toString('base64url') };

let provider: TestOidcProvider;
/** Trusts amr "otp" and acr "https://loa.test/high" as multi-factor; `plain` trusts nothing. */
let trusting: TestApp;
let plain: TestApp;
let hospitalId: string;

beforeAll(async () => {
  provider = await startTestOidcProvider({ clients: [{ ...client, redirect_uris: [REDIRECT_URI] }] });
  const env = {
    CPMS_PUBLIC_URL: PUBLIC_URL,
    CPMS_OIDC_ISSUER: provider.issuer,
    CPMS_OIDC_CLIENT_ID: client.client_id,
    CPMS_OIDC_CLIENT_SECRET: client.client_secret,
    CPMS_OIDC_DISPLAY_NAME: 'Test Login',
  };
  trusting = await createTestApp({ env: { ...env, CPMS_OIDC_MFA_AMR: 'otp', CPMS_OIDC_MFA_ACR: 'https://loa.test/high' } });
  plain = await createTestApp({ env });
  hospitalId = (await seededOrganisations(plain)).waldstadt;
});
afterAll(async () => {
  await trusting?.close();
  await plain?.close();
  await provider?.stop();
});

/** An account at the provider with a fresh subject, which is also its username at the login form. */
function providerAccount(account: TestOidcAccount): string {
  const subject = `subject-${randomUUID()}`;
  provider.accounts[subject] = account;
  return subject;
}
const newEmail = () => `oidc-${randomUUID()}@test.open-cpms.invalid`;

const start = (t: TestApp, returnTo: string) => t.app.inject({ method: 'GET', url: `/api/auth/oidc/start?${new URLSearchParams({ returnTo }).toString()}` });
const callback = (t: TestApp, url: URL, boundState: string | undefined) =>
  t.app.inject({ method: 'GET', url: `${url.pathname}${url.search}`, headers: boundState ? { cookie: `cpms_oidc_state=${boundState}` } : {} });

/** Start at the app, sign in at the provider as `username`; the callback is left to the test. */
async function toCallback(t: TestApp, username: string, returnTo = '/cases') {
  const started = await start(t, returnTo);
  expect(started.statusCode).toBe(302);
  const state = started.cookies.find((c) => c.name === 'cpms_oidc_state')!.value;
  return { state, url: await signInAtTestProvider(started.headers.location!, username, REDIRECT_URI) };
}

async function signInWithProvider(t: TestApp, username: string, returnTo = '/cases') {
  const { state, url } = await toCallback(t, username, returnTo);
  return callback(t, url, state);
}

async function sessionOf(t: TestApp, response: LightMyRequestResponse): Promise<SessionInfo | undefined> {
  const cookie = response.cookies.find((c) => c.name === 'cpms_session');
  if (!cookie) return undefined;
  return (await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: `cpms_session=${cookie.value}` } })).json<SessionInfo>();
}

const auditOf = (t: TestApp, personId: string) => t.database.db.select().from(auditEvents).where(eq(auditEvents.actorId, personId));

describe('signing in with the identity provider', () => {
  it('creates and links a person on the first sign-in and finds the same person the next time', async () => {
    const email = newEmail();
    const subject = providerAccount({ email, email_verified: true, name: 'Dr Ada Example' });
    const first = await signInWithProvider(plain, subject, '/cases?tab=mine');
    expect(first.statusCode).toBe(302);
    expect(first.headers.location).toBe('/cases?tab=mine');
    expect(first.cookies.find((c) => c.name === 'cpms_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const session = await sessionOf(plain, first);
    expect(session).toMatchObject({ person: { displayName: 'Dr Ada Example', email }, method: 'oidc', secondFactor: { confirmed: false, owed: false } });
    const personId = session!.person.id;
    const identities = await plain.database.db.select().from(externalIdentities).where(eq(externalIdentities.subject, subject));
    expect(identities).toMatchObject([{ issuer: provider.issuer, personId }]);
    const actions = (await auditOf(plain, personId)).map((e) => [e.action, e.details]);
    expect(actions).toEqual(expect.arrayContaining([['account.created', { method: 'oidc' }], ['session.signIn', { method: 'oidc', identity: 'created', providerMfa: false }]]));

    const again = await signInWithProvider(plain, subject);
    expect((await sessionOf(plain, again))?.person.id).toBe(personId);
    expect(await plain.database.db.select().from(people).where(eq(people.email, email))).toHaveLength(1);
  });

  it('links an existing account by e-mail only when the provider says the e-mail is verified', async () => {
    const existing = await createTestPerson(plain, { withTotp: false });
    const unverified = await signInWithProvider(plain, providerAccount({ email: existing.email.toUpperCase(), email_verified: false }));
    expect(unverified.headers.location).toBe('/sign-in?error=oidcEmailInUse');
    expect(unverified.cookies.find((c) => c.name === 'cpms_session')).toBeUndefined();

    const verified = await signInWithProvider(plain, providerAccount({ email: existing.email, email_verified: true, name: 'Someone Else' }));
    expect((await sessionOf(plain, verified))?.person).toMatchObject({ id: existing.personId, displayName: 'Test Person' });
  });

  it('trusts the multi-factor claim (amr or acr) where configured, so no TOTP is owed', async () => {
    for (const claim of [{ amr: ['pwd', 'otp'] }, { acr: 'https://loa.test/high', amr: ['pwd'] }]) {
      const person = await createTestPerson(trusting, { affiliations: [{ role: 'healthProfessional', hospitalId }] });
      const response = await signInWithProvider(trusting, providerAccount({ email: person.email, email_verified: true, ...claim }));
      expect(response.headers.location).toBe('/cases');
      expect(await sessionOf(trusting, response)).toMatchObject({ person: { id: person.personId }, secondFactor: { confirmed: true, owed: false } });
    }
    const weak = await createTestPerson(trusting, { affiliations: [{ role: 'healthProfessional', hospitalId }] });
    const response = await signInWithProvider(trusting, providerAccount({ email: weak.email, email_verified: true, acr: 'https://loa.test/low', amr: ['pwd'] }));
    expect(response.headers.location).toBe('/sign-in/second-factor?returnTo=%2Fcases');
    expect(await sessionOf(trusting, response)).toMatchObject({ secondFactor: { confirmed: false, owed: true } });
  });

  it('does not trust the claim where nothing is configured: the local TOTP is owed, or its set-up', async () => {
    const enrolled = await createTestPerson(plain, { affiliations: [{ role: 'healthProfessional', hospitalId }] });
    const mfa = { acr: 'https://loa.test/high', amr: ['pwd', 'otp'] };
    const owed = await signInWithProvider(plain, providerAccount({ email: enrolled.email, email_verified: true, ...mfa }), '/');
    expect(owed.headers.location).toBe('/sign-in/second-factor');
    expect(await sessionOf(plain, owed)).toMatchObject({ secondFactor: { confirmed: false, enrolled: true, owed: true } });

    const notEnrolled = await createTestPerson(plain, { affiliations: [{ role: 'healthProfessional', hospitalId }], withTotp: false });
    const enrol = await signInWithProvider(plain, providerAccount({ email: notEnrolled.email, email_verified: true, ...mfa }), '/');
    expect(enrol.headers.location).toBe('/sign-in/authenticator');
  });

  it('refuses a deactivated person, known by identity or by e-mail, and audits the refusal', async () => {
    const subject = providerAccount({ email: newEmail(), email_verified: true });
    const personId = (await sessionOf(plain, await signInWithProvider(plain, subject)))!.person.id;
    await plain.database.db.update(people).set({ deactivatedAt: plain.clock.now().toISOString() }).where(eq(people.id, personId));
    const refused = await signInWithProvider(plain, subject);
    expect(refused.headers.location).toBe('/sign-in?error=accountDeactivated');
    expect(refused.cookies.find((c) => c.name === 'cpms_session')).toBeUndefined();
    expect((await auditOf(plain, personId)).filter((e) => e.action === 'session.signInFailed')).toMatchObject([
      { outcome: 'denied', details: { method: 'oidc', reason: 'accountDeactivated' } },
    ]);

    const byEmail = await createTestPerson(plain, { deactivated: true });
    const refusedByEmail = await signInWithProvider(plain, providerAccount({ email: byEmail.email, email_verified: true }));
    expect(refusedByEmail.headers.location).toBe('/sign-in?error=accountDeactivated');
  });

  it('lands on "/" when returnTo points anywhere but a page of this site', async () => {
    for (const returnTo of ['https://evil.example/phish', '//evil.example/phish', '/\\evil.example', '/api/auth/sign-out']) {
      const response = await signInWithProvider(plain, providerAccount({ email: newEmail(), email_verified: true }), returnTo);
      expect(response.headers.location).toBe('/');
    }
  });
});

describe('the pending login', () => {
  it('works once: replaying the callback is refused', async () => {
    const { state, url } = await toCallback(plain, providerAccount({ email: newEmail(), email_verified: true }));
    expect((await callback(plain, url, state)).headers.location).toBe('/cases');
    const replay = await callback(plain, url, state);
    expect(replay.headers.location).toBe('/sign-in?error=oidcExpired');
    expect(replay.cookies.find((c) => c.name === 'cpms_session')).toBeUndefined();
  });

  it('refuses a tampered state and a callback in another browser, without spoiling the real one', async () => {
    const { state, url } = await toCallback(plain, providerAccount({ email: newEmail(), email_verified: true }));
    const tampered = new URL(url);
    tampered.searchParams.set('state', randomBytes(32).toString('base64url'));
    expect((await callback(plain, tampered, tampered.searchParams.get('state')!)).headers.location).toBe('/sign-in?error=oidcExpired');
    expect((await callback(plain, tampered, state)).headers.location).toBe('/sign-in?error=oidcExpired');
    expect((await callback(plain, url, undefined)).headers.location).toBe('/sign-in?error=oidcExpired');
    expect((await callback(plain, url, state)).headers.location).toBe('/cases');
  });

  it('expires after ten minutes', async () => {
    const { state, url } = await toCallback(plain, providerAccount({ email: newEmail(), email_verified: true }));
    plain.clock.advance(10 * 60_000 + 1_000);
    expect((await callback(plain, url, state)).headers.location).toBe('/sign-in?error=oidcExpired');
  });

  it('turns a refusal by the provider into a code, keeping its text out of the URL and the logs', async () => {
    const started = await start(plain, '/');
    const state = started.cookies.find((c) => c.name === 'cpms_oidc_state')!.value;
    const url = new URL(REDIRECT_URI);
    url.search = new URLSearchParams({ error: 'access_denied', error_description: 'PROVIDER-TEXT-7f3a', state, iss: provider.issuer }).toString();
    const response = await callback(plain, url, state);
    expect(response.headers.location).toBe('/sign-in?error=oidcCancelled');
    expect(plain.logLines.join('\n')).not.toContain('PROVIDER-TEXT-7f3a');
    expect(plain.logLines.some((line) => line.includes('"oidcError":"oidcCancelled"'))).toBe(true);
  });
});

describe('stepping up at the identity provider', () => {
  const cookieOf = (response: LightMyRequestResponse) => `cpms_session=${response.cookies.find((c) => c.name === 'cpms_session')!.value}`;
  const actorOf = async (t: TestApp, cookie: string) => (await resolveSessionToken(t.database.db, t.clock, cookie.split('=')[1]!))!.actor;
  /** The session's second factor as if confirmed an hour ago: no longer recent enough to sign. */
  const ageSecondFactor = (t: TestApp, sessionId: string) =>
    t.database.db.update(sessions).set({ secondFactorAt: new Date(t.clock.now().getTime() - 3_600_000).toISOString() }).where(eq(sessions.id, sessionId));
  async function stepUp(t: TestApp, cookie: string, username: string, returnTo: string) {
    const started = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/step-up?${new URLSearchParams({ returnTo }).toString()}`, headers: { cookie } });
    expect(started.statusCode).toBe(302);
    const location = new URL(started.headers.location!);
    expect(location.searchParams.get('prompt')).toBe('login');
    expect(location.searchParams.get('max_age')).toBe('0');
    const state = started.cookies.find((c) => c.name === 'cpms_oidc_state')!.value;
    const url = await signInAtTestProvider(started.headers.location!, username, REDIRECT_URI);
    return t.app.inject({ method: 'GET', url: `${url.pathname}${url.search}`, headers: { cookie: `${cookie}; cpms_oidc_state=${state}` } });
  }

  it('makes the second factor recent again after a fresh multi-factor login as the same person', async () => {
    const person = await createTestPerson(trusting, { affiliations: [{ role: 'healthProfessional', hospitalId }] });
    const subject = providerAccount({ email: person.email, email_verified: true, amr: ['pwd', 'otp'] });
    const cookie = cookieOf(await signInWithProvider(trusting, subject));
    const before = await actorOf(trusting, cookie);
    await ageSecondFactor(trusting, before.sessionId);
    expect(secondFactorRecent(await actorOf(trusting, cookie), trusting.clock.now())).toBe(false);

    const back = await stepUp(trusting, cookie, subject, '/panels/abc?tab=outcome');
    expect(back.statusCode).toBe(302);
    expect(back.headers.location).toBe('/panels/abc?tab=outcome');
    expect(back.cookies.find((c) => c.name === 'cpms_session'), 'the session stays the same').toBeUndefined();
    const after = await actorOf(trusting, cookie);
    expect(after.sessionId).toBe(before.sessionId);
    expect(secondFactorRecent(after, trusting.clock.now())).toBe(true);
    const events = await auditOf(trusting, person.personId);
    expect(events.some((e) => e.action === 'session.secondFactorConfirmed' && (e.details as { factor?: string }).factor === 'oidcStepUp')).toBe(true);
  });

  it('refuses a step-up as another person or without a trusted multi-factor claim, and says so on the page the person came from', async () => {
    const person = await createTestPerson(trusting, { affiliations: [{ role: 'healthProfessional', hospitalId }] });
    const subject = providerAccount({ email: person.email, email_verified: true, amr: ['pwd', 'otp'] });
    const cookie = cookieOf(await signInWithProvider(trusting, subject));
    const { sessionId } = await actorOf(trusting, cookie);
    await ageSecondFactor(trusting, sessionId);

    const someoneElse = providerAccount({ email: newEmail(), email_verified: true, amr: ['pwd', 'otp'] });
    await signInWithProvider(trusting, someoneElse); // links that subject to another person
    const asOther = await stepUp(trusting, cookie, someoneElse, '/panels/abc');
    expect(asOther.headers.location).toBe('/panels/abc?stepUpError=oidcFailed');

    provider.accounts[subject] = { email: person.email, email_verified: true, amr: ['pwd'] };
    const weak = await stepUp(trusting, cookie, subject, '/panels/abc');
    expect(weak.headers.location).toBe('/panels/abc?stepUpError=oidcFailed');

    expect(secondFactorRecent(await actorOf(trusting, cookie), trusting.clock.now())).toBe(false);
    const failures = (await auditOf(trusting, person.personId)).filter((e) => e.action === 'session.secondFactorFailed');
    expect(failures.map((e) => (e.details as { reason?: string }).reason).sort()).toEqual(['stepUpOtherPerson', 'stepUpWithoutMfa']);
  });

  it('needs a session to start', async () => {
    const anonymous = await trusting.app.inject({ method: 'GET', url: '/api/auth/oidc/step-up?returnTo=/' });
    expect(anonymous.statusCode).toBe(401);
  });
});
