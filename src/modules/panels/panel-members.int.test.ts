import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessRequests, emailOutbox, panelTransitions } from '../../db/schema/index.ts';
import { seededOrganisations, signIn } from '../../testing/actors.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { accept, contribute, invite, openPanel, patientWithRecord, someone, transition, type Someone } from '../../../tests/integration/panel-fixtures.ts';

let t: TestApp;
let orgs: Awaited<ReturnType<typeof seededOrganisations>>;
let lead: Someone;
let coordinator: Someone;
let patientId: string;
beforeAll(async () => {
  t = await createTestApp();
  orgs = await seededOrganisations(t);
  lead = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.waldstadt, ernId: orgs.rnd }], 'Dr Lena Lead');
  coordinator = await someone(t, [{ role: 'coordinator', ernId: orgs.rnd }]);
  patientId = await patientWithRecord(t, lead.session, orgs.waldstadt);
});
afterAll(async () => {
  await t?.close();
});

const expert = (hospitalId = orgs.noordhaven, ernId = orgs.rnd, name?: string) => someone(t, [{ role: 'healthProfessional', hospitalId, ernId }], name);
const get = (who: Someone, url: string) => t.app.inject({ method: 'GET', url, headers: who.session.headers });
const post = (who: Someone, url: string, payload: unknown = {}) => t.app.inject({ method: 'POST', url, headers: who.session.headers, payload: payload as Record<string, unknown> });
const put = (who: Someone, url: string, payload: unknown) => t.app.inject({ method: 'PUT', url, headers: who.session.headers, payload: payload as Record<string, unknown> });
const open = () => openPanel(t, lead.session, coordinator.session, patientId, orgs.rnd);

describe('invitations', () => {
  it('lets an invitee accept (then they are a member) or decline with a reason (then the panel is gone for them)', async () => {
    const panelId = await open();
    const yes = await expert(orgs.noordhaven, orgs.rnd, 'Dr Yes');
    const no = await expert(orgs.sainteAurore, orgs.erknet, 'Dr No'); // an expert of another ERN
    await invite(t, lead.session, panelId, [yes.person.personId, no.person.personId]);

    await accept(t, yes.session, panelId);
    expect((await get(yes, `/api/panels/${panelId}`)).json()).toMatchObject({ myRole: 'member', myInvitation: null });
    expect((await get(yes, `/api/panels/${panelId}/case`)).statusCode).toBe(200);
    expect((await post(yes, `/api/panels/${panelId}/invitation/acceptance`)).statusCode).toBe(403); // nothing left to answer

    expect((await post(no, `/api/panels/${panelId}/invitation/decline`, {})).statusCode).toBe(400);
    expect((await post(no, `/api/panels/${panelId}/invitation/decline`, { reason: 'Outside my field.' })).statusCode).toBe(204);
    expect((await get(no, `/api/panels/${panelId}`)).statusCode).toBe(404);

    const members = (await get(lead, `/api/panels/${panelId}`)).json<{ members: { personId: string; status: string; declineReason: string | null }[] }>().members;
    expect(members.find((m) => m.personId === no.person.personId)).toMatchObject({ status: 'declined', declineReason: 'Outside my field.' });
    const seenByMember = (await get(yes, `/api/panels/${panelId}`)).json<{ members: { personId: string; declineReason: string | null }[] }>().members;
    expect(seenByMember.find((m) => m.personId === no.person.personId)?.declineReason).toBeNull();
  });

  it('refuses to invite people who are not experts, and lets only the lead and coordinators invite', async () => {
    const panelId = await open();
    const researcher = await someone(t, [{ role: 'researcher', ernId: orgs.rnd }]);
    const refused = await post(lead, `/api/panels/${panelId}/invitations`, { personIds: [researcher.person.personId] });
    expect(refused.statusCode).toBe(422);
    const member = await expert();
    await invite(t, lead.session, panelId, [member.person.personId]);
    await accept(t, member.session, panelId);
    const other = await expert();
    expect((await post(member, `/api/panels/${panelId}/invitations`, { personIds: [other.person.personId] })).statusCode).toBe(403);
    expect((await post(coordinator, `/api/panels/${panelId}/invitations`, { personIds: [other.person.personId] })).statusCode).toBe(200);
  });

  it('invites a saved expert group', async () => {
    const panelId = await open();
    const [a, b] = [await expert(), await expert()];
    const group = await post(coordinator, '/api/expert-groups', { ernId: orgs.rnd, name: 'Leukodystrophy experts', description: null, memberIds: [a.person.personId, b.person.personId] });
    expect(group.statusCode).toBe(201);
    const groupId = group.json<{ id: string }>().id;
    const invited = await post(lead, `/api/panels/${panelId}/invitations`, { expertGroupIds: [groupId] });
    expect(invited.json<{ invited: string[] }>().invited.sort()).toEqual([a.person.personId, b.person.personId].sort());
    const members = (await get(lead, `/api/panels/${panelId}`)).json<{ members: { personId: string; viaExpertGroupId: string | null; status: string }[] }>().members;
    expect(members.filter((m) => m.viaExpertGroupId === groupId).map((m) => m.status)).toEqual(['invited', 'invited']);
  });

  it('invites a guest by e-mail: a guest-account request for the coordinator, and the guest joins once it is approved', async () => {
    const panelId = await open();
    const guest = await someone(t, []);
    const response = await post(lead, `/api/panels/${panelId}/guest-invitations`, { email: guest.person.email, displayName: 'Dr Guest', justification: 'World expert on this rare leukodystrophy.' });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ personId: guest.person.personId, guestAccountRequested: true });
    const [request] = await t.database.db.select().from(accessRequests).where(eq(accessRequests.personId, guest.person.personId));
    expect(request).toMatchObject({ role: 'guestExpert', status: 'pending', ernId: orgs.rnd, requestedBy: lead.person.personId });
    expect((await get(lead, `/api/panels/${panelId}`)).json<{ members: { personId: string; guestAccountPending: boolean; role: string }[] }>().members.find((m) => m.personId === guest.person.personId)).toMatchObject({ role: 'guest', guestAccountPending: true });

    // until the coordinator approves the guest account, the panel does not exist for the guest
    expect((await get(guest, `/api/panels/${panelId}`)).statusCode).toBe(404);
    const coordinatorMail = await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.recipientId, coordinator.person.personId));
    expect(coordinatorMail.some((m) => m.subject.includes('guest-account request'))).toBe(true);

    expect((await post(coordinator, `/api/access-requests/${request!.id}/approval`, {})).statusCode).toBe(200);
    const guestSession = { ...guest, session: await signIn(t, guest.person) };
    expect((await get(guestSession, `/api/panels/${panelId}`)).json()).toMatchObject({ myInvitation: { role: 'guest' } });
    await accept(t, guestSession.session, panelId);
    expect((await get(guestSession, `/api/panels/${panelId}/case`)).statusCode).toBe(200);

    // the guest sees this panel only: another panel of the ERN stays invisible
    const other = await open();
    expect((await get(guestSession, `/api/panels/${other}`)).statusCode).toBe(404);
  });

  it('hides the panel from members of other panels, guests of other panels and coordinators of other ERNs', async () => {
    const panelId = await open();
    const elsewhere = await open();
    const otherMember = await expert();
    await invite(t, lead.session, elsewhere, [otherMember.person.personId]);
    await accept(t, otherMember.session, elsewhere);
    const otherGuest = await someone(t, [{ role: 'guestExpert', ernId: orgs.rnd, validUntil: new Date(t.clock.now().getTime() + 10 * 86_400_000).toISOString() }]);
    await invite(t, lead.session, elsewhere, [otherGuest.person.personId]);
    await accept(t, otherGuest.session, elsewhere);
    const otherCoordinator = await someone(t, [{ role: 'coordinator', ernId: orgs.erknet }]);
    for (const who of [otherMember, otherGuest, otherCoordinator]) {
      for (const url of [`/api/panels/${panelId}`, `/api/panels/${panelId}/case`, `/api/panels/${panelId}/contributions`]) expect((await get(who, url)).statusCode, url).toBe(404);
      expect((await post(who, `/api/panels/${panelId}/transitions/close`, { reason: 'x', acknowledgeFewContributions: true })).statusCode).toBe(404);
    }
    expect((await get(otherGuest, `/api/panels/${elsewhere}/case`)).statusCode).toBe(200);
  });
});

describe('contributions and closing', () => {
  it('lets each member write and edit their own contribution while the panel is open, with checked codes and no silent overwrite', async () => {
    const panelId = await open();
    const member = await expert();
    await invite(t, lead.session, panelId, [member.person.personId]);
    await accept(t, member.session, panelId);
    const url = `/api/panels/${panelId}/contributions/mine`;
    const body = { expectedVersion: 0, assessment: 'Likely metabolic.', suggestedDiagnoses: [{ code: 'ORPHA:NOTACODE', label: 'x' }], suggestedInvestigations: '', freeText: '' };
    const badCode = await put(member, url, body);
    expect(badCode.statusCode).toBe(422);
    expect(badCode.json<{ problems: { path: string }[] }>().problems[0]!.path).toBe('body.suggestedDiagnoses.0.code');
    expect((await put(member, url, { ...body, suggestedDiagnoses: [{ code: 'ICD10:E75.2', label: 'Other sphingolipidosis' }, { code: 'OMIM:245200', label: 'Krabbe disease' }] })).statusCode).toBe(200);
    expect((await put(member, url, { ...body, suggestedDiagnoses: [], assessment: 'Stale edit.' })).statusCode).toBe(409);
    const edited = await put(member, url, { ...body, expectedVersion: 1, suggestedDiagnoses: [], assessment: 'Edited.' });
    expect(edited.json()).toMatchObject({ version: 2, assessment: 'Edited.' });

    const list = (await get(lead, `/api/panels/${panelId}/contributions`)).json<{ contributions: { author: { personId: string; role: string }; assessment: string }[]; expertContributionCount: number }>();
    expect(list.contributions).toHaveLength(1);
    expect(list.contributions[0]).toMatchObject({ author: { personId: member.person.personId, role: 'member' }, assessment: 'Edited.' });
    expect(list.expertContributionCount).toBe(1);
    expect((await get(coordinator, `/api/panels/${panelId}/contributions`)).statusCode).toBe(403);

    await transition(t, lead.session, panelId, 'startOutcome');
    expect((await put(member, url, { ...body, expectedVersion: 2, suggestedDiagnoses: [], assessment: 'Too late.' })).statusCode).toBe(409);
  });

  it('asks for an acknowledgement and a reason to close with fewer than two expert contributions, and records both', async () => {
    const panelId = await open();
    const member = await expert();
    await invite(t, lead.session, panelId, [member.person.personId]);
    await accept(t, member.session, panelId);
    await contribute(t, member.session, panelId);
    await contribute(t, lead.session, panelId); // the requester's own opinion is not an expert contribution

    const noAck = await post(lead, `/api/panels/${panelId}/transitions/close`, { reason: 'Question answered in the meeting.' });
    expect(noAck.statusCode).toBe(422);
    expect(noAck.json<{ detail: string }>().detail).toMatch(/1 expert contribution.*monitoring/);
    expect((await post(lead, `/api/panels/${panelId}/transitions/close`, { acknowledgeFewContributions: true })).statusCode).toBe(422);
    const view = (await get(lead, `/api/panels/${panelId}`)).json<{ status: string; allowedTransitions: { action: string; needsAcknowledgement: boolean }[] }>();
    expect(view.status).toBe('open');
    expect(view.allowedTransitions.find((a) => a.action === 'close')).toMatchObject({ needsAcknowledgement: true });

    const closed = await post(lead, `/api/panels/${panelId}/transitions/close`, { reason: 'Question answered in the meeting.', acknowledgeFewContributions: true });
    expect(closed.statusCode).toBe(200);
    const [row] = await t.database.db.select().from(panelTransitions).where(and(eq(panelTransitions.panelId, panelId), eq(panelTransitions.action, 'close')));
    expect(row).toMatchObject({ reason: 'Question answered in the meeting.', fewContributionsAcknowledged: true });
  });

  it('closes without the acknowledgement once two experts have contributed', async () => {
    const panelId = await open();
    for (const member of [await expert(), await expert()]) {
      await invite(t, lead.session, panelId, [member.person.personId]);
      await accept(t, member.session, panelId);
      await contribute(t, member.session, panelId);
    }
    const closed = await post(lead, `/api/panels/${panelId}/transitions/close`, { reason: 'Closed after discussion.' });
    expect(closed.statusCode).toBe(200);
    const [row] = await t.database.db.select().from(panelTransitions).where(and(eq(panelTransitions.panelId, panelId), eq(panelTransitions.action, 'close')));
    expect(row!.fewContributionsAcknowledged).toBe(false);
  });
});

describe('the panel lead', () => {
  it('can be reassigned by a coordinator of the owning ERN only; the previous lead stays a member', async () => {
    const panelId = await open();
    const next = await expert(orgs.noordhaven, orgs.rnd, 'Dr Next Lead');
    expect((await post(lead, `/api/panels/${panelId}/lead`, { personId: next.person.personId })).statusCode).toBe(403);
    const researcher = await someone(t, [{ role: 'researcher', ernId: orgs.rnd }]);
    expect((await post(coordinator, `/api/panels/${panelId}/lead`, { personId: researcher.person.personId })).statusCode).toBe(422);
    const reassigned = await post(coordinator, `/api/panels/${panelId}/lead`, { personId: next.person.personId });
    expect(reassigned.statusCode).toBe(200);
    expect(reassigned.json()).toMatchObject({ lead: { personId: next.person.personId } });
    expect((await get(lead, `/api/panels/${panelId}`)).json()).toMatchObject({ myRole: 'member' });
    expect((await get(next, `/api/panels/${panelId}`)).json<{ myRole: string; allowedTransitions: { action: string }[] }>()).toMatchObject({ myRole: 'lead' });
    const mail = await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.recipientId, next.person.personId));
    expect(mail.map((m) => m.subject)).toContain('Open CPMS: you are now the lead of a panel');
    // the requester still shares updates of the record; the new lead, at another hospital, cannot
    expect((await post(lead, `/api/panels/${panelId}/shares`, { recordVersion: 1, sections: ['history'], attachments: [] })).statusCode).toBe(201);
    expect((await post(next, `/api/panels/${panelId}/shares`, { recordVersion: 1, sections: ['history'], attachments: [] })).statusCode).toBe(403);
  });
});
