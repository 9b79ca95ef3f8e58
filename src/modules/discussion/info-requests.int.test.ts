import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox, infoRequests, notifications, panelShares } from '../../db/schema/index.ts';
import { seededOrganisations } from '../../testing/actors.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { accept, invite, openPanel, patientWithRecord, someone, writeSection, type Someone } from '../../../tests/integration/panel-fixtures.ts';
import type { HospitalInfoRequestList, InfoRequestView, PanelInfoRequests } from './discussion.contract.ts';

const QUESTION = 'Was a muscle biopsy done (sentinel-question-7c1)?';

let t: TestApp;
let orgs: Awaited<ReturnType<typeof seededOrganisations>>;
let lead: Someone;
let coordinator: Someone;
let member: Someone;
/** A health professional of the enrolling hospital who is not on the panel. */
let colleague: Someone;
let otherHospital: Someone;
let patientId: string;
let panelId: string;

beforeAll(async () => {
  t = await createTestApp();
  orgs = await seededOrganisations(t);
  lead = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.waldstadt, ernId: orgs.rnd }], 'Dr Lead');
  coordinator = await someone(t, [{ role: 'coordinator', ernId: orgs.rnd }]);
  member = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }], 'Dr Member');
  colleague = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.waldstadt, ernId: orgs.rnd }], 'Dr Colleague');
  otherHospital = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }]);
  patientId = await patientWithRecord(t, lead.session, orgs.waldstadt);
  panelId = await openPanel(t, lead.session, coordinator.session, patientId, orgs.rnd);
  await invite(t, lead.session, panelId, [member.person.personId]);
  await accept(t, member.session, panelId);
});
afterAll(async () => {
  await t?.close();
});

const ask = (who: Someone, question = QUESTION, panel = panelId) => t.app.inject({ method: 'POST', url: `/api/panels/${panel}/info-requests`, headers: who.session.headers, payload: { question } });
const answer = (who: Someone, id: string, body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/info-requests/${id}/answer`, headers: who.session.headers, payload: body });
const hospitalList = async (who: Someone, query = '?open=true') => {
  const response = await t.app.inject({ method: 'GET', url: `/api/info-requests${query}`, headers: who.session.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<HospitalInfoRequestList>().infoRequests;
};
const onPanel = async (who: Someone) => (await t.app.inject({ method: 'GET', url: `/api/panels/${panelId}/info-requests`, headers: who.session.headers })).json<PanelInfoRequests>();
const stored = async (id: string) => (await t.database.db.select().from(infoRequests).where(eq(infoRequests.id, id)))[0]!;

describe('information requests', () => {
  it('goes from a member to the enrolling clinician (inbox and a content-free e-mail), is seen by the hospital\'s staff and stays open until answered', async () => {
    const asked = await ask(member);
    expect(asked.statusCode, asked.body).toBe(201);
    const request = asked.json<InfoRequestView>();
    expect(request).toMatchObject({ question: QUESTION, askedBy: { personId: member.person.personId }, open: true, answer: null });

    const [item] = await t.database.db.select().from(notifications).where(and(eq(notifications.personId, lead.person.personId), eq(notifications.subjectId, request.id)));
    expect(item).toMatchObject({ kind: 'infoRequest', panelId, actorId: member.person.personId });
    const [mail] = await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.recipientId, lead.person.personId)).orderBy(desc(emailOutbox.createdAt)).limit(1);
    expect(mail!.bodyText).toContain(`/panels/${panelId}`);
    expect(`${mail!.subject} ${mail!.bodyText}`).not.toContain('sentinel-question');

    // The colleague at the enrolling hospital sees it though not on the panel; another hospital does not.
    const open = await hospitalList(colleague);
    expect(open.find((r) => r.id === request.id)).toMatchObject({ question: QUESTION, panel: { id: panelId }, patient: { id: patientId }, canShareWithAnswer: false });
    expect((await hospitalList(otherHospital)).some((r) => r.id === request.id)).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: `/api/panels/${panelId}/info-requests`, headers: colleague.session.headers })).statusCode).toBe(404);

    const view = await onPanel(member);
    expect(view).toMatchObject({ canAsk: true, canAnswer: false, canShareWithAnswer: false });
    expect(await onPanel(lead)).toMatchObject({ canAnswer: true, canShareWithAnswer: true });

    const answered = await answer(colleague, request.id, { answer: 'Yes, in 2024: normal.' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json<InfoRequestView>()).toMatchObject({ open: false, answer: 'Yes, in 2024: normal.', answeredBy: { personId: colleague.person.personId }, answerShareSeq: null });
    const [told] = await t.database.db.select().from(notifications).where(and(eq(notifications.personId, member.person.personId), eq(notifications.subjectId, request.id)));
    expect(told).toMatchObject({ kind: 'infoAnswered' });
    expect((await hospitalList(colleague)).some((r) => r.id === request.id)).toBe(false);
    expect((await hospitalList(colleague, '')).find((r) => r.id === request.id)).toMatchObject({ open: false });

    expect((await answer(colleague, request.id, { answer: 'Again.' })).statusCode).toBe(409);
  });

  it('shares a newer record version with the answer in one step, by the lead; nothing at all when the share fails', async () => {
    const request = (await ask(member, 'Any new laboratory results since the referral?')).json<InfoRequestView>();
    await writeSection(t, lead.session, patientId, 1, 'history', { medicalHistory: 'Updated history.', familyHistory: 'Unremarkable.' });
    const sharesBefore = await t.database.db.select().from(panelShares).where(eq(panelShares.panelId, panelId));

    // A version that does not exist: the answer is refused with the share, and the request stays open.
    const failed = await answer(lead, request.id, { answer: 'See version 9.', share: { recordVersion: 9, sections: ['history'], attachments: [] } });
    expect(failed.statusCode).toBe(422);
    expect((await stored(request.id)).answeredAt).toBeNull();

    const answered = await answer(lead, request.id, { answer: 'Shared the updated history.', share: { recordVersion: 2, sections: ['history'], attachments: [] } });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json<InfoRequestView>().answerShareSeq).toBe(sharesBefore.length + 1);
    const [latest] = await t.database.db.select().from(panelShares).where(eq(panelShares.panelId, panelId)).orderBy(desc(panelShares.seq)).limit(1);
    expect(latest).toMatchObject({ seq: sharesBefore.length + 1, recordVersion: 2 });
  });

  it('refuses in order: 404 outside the hospital, 403 for sharing by staff who may not share, 400 for a bad body; coordinators do not ask (403)', async () => {
    const request = (await ask(member, 'Is the family history complete?')).json<InfoRequestView>();
    expect((await t.app.inject({ method: 'POST', url: `/api/info-requests/${request.id}/answer`, payload: { answer: 'x' } })).statusCode).toBe(401);
    expect((await answer(otherHospital, request.id, { answer: 'Not mine to answer.' })).statusCode).toBe(404);
    expect((await answer(member, request.id, { answer: 'I asked it.' })).statusCode).toBe(404);
    expect((await answer(colleague, request.id, { answer: 'With a share.', share: { recordVersion: 1, sections: ['history'], attachments: [] } })).statusCode).toBe(403);
    expect((await answer(colleague, request.id, { answer: '' })).statusCode).toBe(400);
    expect((await stored(request.id)).answeredAt).toBeNull();

    expect((await ask(coordinator)).statusCode).toBe(403);
    expect((await ask(otherHospital)).statusCode).toBe(404);
    expect((await ask(member, 'short')).statusCode).toBe(400);
  });
});
