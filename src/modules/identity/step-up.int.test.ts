import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secondFactorRecent, STEP_UP_WINDOW_MS } from '../../access/actor.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { createTestPerson, seededOrganisations, signIn, totpCode } from '../../testing/actors.ts';
import { SESSION_COOKIE, resolveSessionToken } from './sessions.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const tokenOf = (cookie: string) => new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(cookie)![1]!;

describe('step-up: a recent second factor for acts with legal weight', () => {
  it('holds just after sign-in, lapses after the window, and returns when the person enters a fresh code', async () => {
    const orgs = await seededOrganisations(t);
    const person = await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId: orgs.waldstadt, ernId: orgs.rnd }] });
    const session = await signIn(t, person);
    const actorNow = async () => (await resolveSessionToken(t.database.db, t.clock, tokenOf(session.cookie)))!.actor;

    expect(secondFactorRecent(await actorNow(), t.clock.now())).toBe(true);
    t.clock.advance(STEP_UP_WINDOW_MS + 1_000);
    const later = await actorNow();
    expect(later.secondFactor).toBe(true);
    expect(secondFactorRecent(later, t.clock.now())).toBe(false);

    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/second-factor', headers: session.headers, payload: { code: '000000' } });
    expect(wrong.statusCode).toBe(422);
    expect(secondFactorRecent(await actorNow(), t.clock.now())).toBe(false);

    const stepUp = await t.app.inject({ method: 'POST', url: '/api/auth/second-factor', headers: session.headers, payload: { code: await totpCode(t, person.totpSecret!) } });
    expect(stepUp.statusCode).toBe(200);
    expect(secondFactorRecent(await actorNow(), t.clock.now())).toBe(true);
  });
});
