import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPerson, seededOrganisations, signIn, totpCode } from '../../testing/actors.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
let orgs: Awaited<ReturnType<typeof seededOrganisations>>;
beforeAll(async () => {
  t = await createTestApp();
  orgs = await seededOrganisations(t);
});
afterAll(async () => {
  await t?.close();
});

const signInRequest = (email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password }, remoteAddress: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });

describe('local sign-in', () => {
  it('signs in with password and TOTP, then knows the person and their affiliations', async () => {
    const person = await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId: orgs.waldstadt }] });
    const first = await signInRequest(person.email, person.password);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ next: 'secondFactor' });
    const cookie = first.cookies.find((c) => c.name === 'cpms_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const headers = { cookie: `cpms_session=${cookie.value}`, 'x-csrf-token': first.json<{ csrfToken: string }>().csrfToken };

    // before the second factor, routes that need it answer 401 secondFactorRequired
    const owed = await t.app.inject({ method: 'GET', url: '/api/me/sessions', headers });
    expect(owed.statusCode).toBe(200); // own sessions stay reachable during onboarding
    const session = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers });
    expect(session.json()).toMatchObject({ secondFactor: { confirmed: false, enrolled: true, owed: true } });

    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/second-factor', headers, payload: { code: '000000' } });
    expect(wrong.statusCode).toBe(422);
    const code = await totpCode(t, person.totpSecret!);
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/second-factor', headers, payload: { code } });
    expect(right.statusCode).toBe(200);
    const replay = await t.app.inject({ method: 'POST', url: '/api/auth/second-factor', headers, payload: { code } });
    expect(replay.statusCode).toBe(422); // a code is never accepted twice

    const after = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers });
    expect(after.json()).toMatchObject({
      person: { email: person.email },
      secondFactor: { confirmed: true, owed: false },
      affiliations: [{ role: 'healthProfessional', hospitalName: 'Universitätsklinikum Waldstadt' }],
    });
  });

  it('gives the same answer for an unknown account and a wrong password', async () => {
    const person = await createTestPerson(t);
    const wrongPassword = await signInRequest(person.email, 'not the password at all');
    const unknown = await signInRequest(`nobody-${Date.now()}@example.org`, 'not the password at all');
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrongPassword.json<{ detail: string }>().detail).toBe(unknown.json<{ detail: string }>().detail);
  });

  it('refuses a deactivated person with the same answer', async () => {
    const person = await createTestPerson(t, { deactivated: true });
    const response = await signInRequest(person.email, person.password);
    expect(response.statusCode).toBe(401);
  });

  it('slows an account down after repeated failures without locking out others behind the same address', async () => {
    const victim = await createTestPerson(t);
    const address = '10.200.1.1';
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: victim.email, password: `wrong guess ${i}` }, remoteAddress: address });
      expect(r.statusCode).toBe(401);
    }
    const throttled = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: victim.email, password: victim.password }, remoteAddress: address });
    expect(throttled.statusCode).toBe(429);
    // a colleague behind the same hospital address signs in normally
    const colleague = await createTestPerson(t);
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: colleague.email, password: colleague.password }, remoteAddress: address });
    expect(ok.statusCode).toBe(200);
    // the delay passes with time: no permanent lock-out
    t.clock.advance(3_000);
    const later = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: victim.email, password: victim.password }, remoteAddress: address });
    expect(later.statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('expires after the idle timeout and after the absolute lifetime', async () => {
    const person = await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId: orgs.waldstadt }] });
    const idle = await signIn(t, person);
    t.clock.advance(29 * 60_000);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: idle.headers })).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: idle.headers })).statusCode).toBe(401);

    const busy = await signIn(t, person);
    for (let hour = 0; hour < 12; hour++) {
      t.clock.advance(25 * 60_000);
      await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: busy.headers });
      t.clock.advance(25 * 60_000);
      await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: busy.headers });
      t.clock.advance(10 * 60_000);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: busy.headers })).statusCode).toBe(401);
  });

  it('lists my sessions, ends one, and signs out on the server', async () => {
    const person = await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId: orgs.waldstadt }] });
    const laptop = await signIn(t, person);
    const phone = await signIn(t, person);
    const list = await t.app.inject({ method: 'GET', url: '/api/me/sessions', headers: laptop.headers });
    const sessions = list.json<{ sessions: { id: string; current: boolean }[] }>().sessions;
    expect(sessions).toHaveLength(2);
    const other = sessions.find((s) => !s.current)!;
    const end = await t.app.inject({ method: 'DELETE', url: `/api/me/sessions/${other.id}`, headers: laptop.headers });
    expect(end.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: phone.headers })).statusCode).toBe(401);

    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie: laptop.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: laptop.headers });
    expect(out.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: laptop.headers })).statusCode).toBe(401);
  });
});

describe('authenticator enrolment', () => {
  it('enrols a TOTP with a QR code, returns recovery codes once, and a recovery code works once', async () => {
    const person = await createTestPerson(t, { withTotp: false, affiliations: [{ role: 'coordinator', ernId: orgs.rnd }] });
    const first = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: person.email, password: person.password } });
    expect(first.json()).toMatchObject({ next: 'enrolSecondFactor' });
    const headers = { cookie: first.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': first.json<{ csrfToken: string }>().csrfToken };
    const enrolment = await t.app.inject({ method: 'POST', url: '/api/auth/totp/enrolment', headers });
    expect(enrolment.statusCode).toBe(200);
    const { secret, qrSvg, otpauthUri } = enrolment.json<{ secret: string; qrSvg: string; otpauthUri: string }>();
    expect(qrSvg).toContain('<svg');
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Open%20CPMS:/);
    const confirm = await t.app.inject({ method: 'POST', url: '/api/auth/totp/confirmation', headers, payload: { code: await totpCode(t, secret) } });
    expect(confirm.statusCode).toBe(200);
    const { recoveryCodes } = confirm.json<{ recoveryCodes: string[] }>();
    expect(recoveryCodes).toHaveLength(10);

    const again = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: person.email, password: person.password } });
    const headers2 = { cookie: again.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': again.json<{ csrfToken: string }>().csrfToken };
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/recovery-code', headers: headers2, payload: { code: recoveryCodes[0] } })).statusCode).toBe(200);
    const third = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: person.email, password: person.password } });
    const headers3 = { cookie: third.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': third.json<{ csrfToken: string }>().csrfToken };
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/recovery-code', headers: headers3, payload: { code: recoveryCodes[0] } })).statusCode).toBe(422);
  });
});
