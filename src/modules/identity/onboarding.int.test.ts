import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox, erns } from '../../db/schema/index.ts';
import { createTestPerson, seededOrganisations, signIn } from '../../testing/actors.ts';
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

const inject = (headers: Record<string, string>, method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

async function outboxFor(personId: string) {
  return t.database.db.select().from(emailOutbox).where(eq(emailOutbox.recipientId, personId));
}

describe('access requests', () => {
  it('a newcomer requests access, the ERN coordinator approves, the person gets the role and must set up a second factor', async () => {
    const newcomer = await createTestPerson(t, { withTotp: false });
    const coordinator = await createTestPerson(t, { affiliations: [{ role: 'coordinator', ernId: orgs.rnd }] });
    const otherCoordinator = await createTestPerson(t, { affiliations: [{ role: 'coordinator', ernId: orgs.erknet }] });
    const me = await signIn(t, newcomer);
    const filed = await inject(me.headers, 'POST', '/api/access-requests', { ernId: orgs.rnd, hospitalId: orgs.waldstadt, role: 'healthProfessional', justification: 'Neurologist at the movement disorders clinic.' });
    expect(filed.statusCode).toBe(201);
    const request = filed.json<{ id: string; status: string }>();
    expect(request.status).toBe('pending');
    expect((await outboxFor(coordinator.personId)).map((m) => m.subject)).toContain('Open CPMS: an access request for ERN-RND awaits you');

    const boss = await signIn(t, coordinator);
    const queue = await inject(boss.headers, 'GET', `/api/access-requests?ernId=${orgs.rnd}&status=pending`);
    expect(queue.json<{ accessRequests: { id: string; canDecide: boolean }[] }>().accessRequests).toContainEqual(expect.objectContaining({ id: request.id, canDecide: true }));

    const stranger = await signIn(t, otherCoordinator);
    expect((await inject(stranger.headers, 'POST', `/api/access-requests/${request.id}/approval`, {})).statusCode).toBe(404);
    expect((await inject(me.headers, 'POST', `/api/access-requests/${request.id}/approval`, {})).statusCode).toBe(403); // visible to the requester, not theirs to decide

    const approved = await inject(boss.headers, 'POST', `/api/access-requests/${request.id}/approval`, { reason: 'Welcome' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', canDecide: false });
    expect((await inject(boss.headers, 'POST', `/api/access-requests/${request.id}/approval`, {})).statusCode).toBe(403);

    const session = await inject(me.headers, 'GET', '/api/auth/session');
    expect(session.json()).toMatchObject({ affiliations: [{ role: 'healthProfessional', ernName: 'ERN-RND', hospitalName: 'Universitätsklinikum Waldstadt' }], secondFactor: { owed: true, enrolled: false } });
    expect((await inject(me.headers, 'GET', '/api/access-requests/mine')).statusCode).toBe(401); // now owes a second factor
    const mail = (await outboxFor(newcomer.personId)).map((m) => m.subject);
    expect(mail).toContain('Open CPMS: your access request for ERN-RND was approved');
  });

  it('refuses a hospital that is not a member of the ERN and a rejection without a reason; rejects with a reason', async () => {
    const newcomer = await createTestPerson(t, { withTotp: false });
    const coordinator = await createTestPerson(t, { affiliations: [{ role: 'coordinator', ernId: orgs.rnd }] });
    const me = await signIn(t, newcomer);
    const notMember = await inject(me.headers, 'POST', '/api/access-requests', { ernId: orgs.rnd, hospitalId: orgs.sainteAurore, role: 'healthProfessional', justification: 'I would like to join.' });
    expect(notMember.statusCode).toBe(422);
    const filed = await inject(me.headers, 'POST', '/api/access-requests', { ernId: orgs.rnd, hospitalId: orgs.noordhaven, role: 'assistant', justification: 'Assistant to Dr. Example.' });
    const id = filed.json<{ id: string }>().id;
    const boss = await signIn(t, coordinator);
    expect((await inject(boss.headers, 'POST', `/api/access-requests/${id}/rejection`, {})).statusCode).toBe(400);
    const rejected = await inject(boss.headers, 'POST', `/api/access-requests/${id}/rejection`, { reason: 'Please ask your hospital representative first.' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', decisionReason: 'Please ask your hospital representative first.' });
  });

  it('waits for the hospital representative where the ERN wants employment confirmed', async () => {
    await t.database.db.update(erns).set({ employmentConfirmationRequired: true }).where(eq(erns.id, orgs.erknet));
    try {
      const newcomer = await createTestPerson(t, { withTotp: false });
      const representative = await createTestPerson(t, { affiliations: [{ role: 'hospitalRepresentative', hospitalId: orgs.waldstadt }] });
      const coordinator = await createTestPerson(t, { affiliations: [{ role: 'coordinator', ernId: orgs.erknet }] });
      const me = await signIn(t, newcomer);
      const filed = await inject(me.headers, 'POST', '/api/access-requests', { ernId: orgs.erknet, hospitalId: orgs.waldstadt, role: 'healthProfessional', justification: 'Paediatric nephrologist.' });
      const id = filed.json<{ id: string; status: string }>().id;
      expect(filed.json()).toMatchObject({ status: 'awaitingEmployment' });
      const boss = await signIn(t, coordinator);
      expect((await inject(boss.headers, 'POST', `/api/access-requests/${id}/approval`, {})).statusCode).toBe(403);
      const rep = await signIn(t, representative);
      expect((await inject(rep.headers, 'POST', `/api/access-requests/${id}/employment-confirmation`)).json()).toMatchObject({ status: 'pending' });
      expect((await inject(boss.headers, 'POST', `/api/access-requests/${id}/approval`, {})).statusCode).toBe(200);
    } finally {
      await t.database.db.update(erns).set({ employmentConfirmationRequired: false }).where(eq(erns.id, orgs.erknet));
    }
  });
});

describe('guest accounts', () => {
  it('are time-limited (default 90 days), switch off at expiry, and can be extended by the coordinator', async () => {
    const guest = await createTestPerson(t);
    const coordinator = await createTestPerson(t, { affiliations: [{ role: 'coordinator', ernId: orgs.rnd }] });
    const me = await signIn(t, guest);
    const filed = await inject(me.headers, 'POST', '/api/access-requests', { ernId: orgs.rnd, hospitalId: null, role: 'guestExpert', justification: 'Invited to discuss a leukodystrophy case.' });
    expect(filed.statusCode).toBe(201);
    const { id, guestUntil } = filed.json<{ id: string; guestUntil: string }>();
    expect(new Date(guestUntil).getTime() - t.clock.now().getTime()).toBe(90 * 86_400_000);
    const boss = await signIn(t, coordinator);
    expect((await inject(boss.headers, 'POST', `/api/access-requests/${id}/approval`, {})).statusCode).toBe(200);

    const guestSession = await signIn(t, guest);
    const info = await inject(guestSession.headers, 'GET', '/api/auth/session');
    const affiliation = info.json<{ affiliations: { id: string; role: string }[] }>().affiliations[0]!;
    expect(affiliation.role).toBe('guestExpert');

    t.clock.advance(91 * 86_400_000);
    const expired = await signIn(t, guest);
    expect((await inject(expired.headers, 'GET', '/api/auth/session')).json()).toMatchObject({ affiliations: [] });

    const boss2 = await signIn(t, coordinator);
    const until = new Date(t.clock.now().getTime() + 30 * 86_400_000).toISOString();
    expect((await inject(boss2.headers, 'POST', `/api/affiliations/${affiliation.id}/extension`, { until })).statusCode).toBe(200);
    const back = await signIn(t, guest);
    expect((await inject(back.headers, 'GET', '/api/auth/session')).json()).toMatchObject({ affiliations: [{ role: 'guestExpert' }] });
  });
});
