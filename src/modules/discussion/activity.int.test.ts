import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consents } from '../../db/schema/index.ts';
import { events, openTestSocket, realtimeUrl } from '../../realtime/realtime-test-support.ts';
import { seededOrganisations } from '../../testing/actors.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { accept, contribute, invite, openPanel, patientWithRecord, requestPanel, share, someone, transition, type Someone } from '../../../tests/integration/panel-fixtures.ts';
import type { InfoRequestView, MessageView, NotificationList, PanelTimeline, UnreadCount } from './discussion.contract.ts';

let t: TestApp;
let orgs: Awaited<ReturnType<typeof seededOrganisations>>;
let lead: Someone;
let coordinator: Someone;
let member: Someone;
let outsider: Someone;
let patientId: string;

beforeAll(async () => {
  t = await createTestApp();
  orgs = await seededOrganisations(t);
  lead = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.waldstadt, ernId: orgs.rnd }], 'Dr Lead');
  coordinator = await someone(t, [{ role: 'coordinator', ernId: orgs.rnd }], 'Coordinator Rnd');
  member = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }], 'Dr Member');
  outsider = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }]);
  patientId = await patientWithRecord(t, lead.session, orgs.waldstadt);
});
afterAll(async () => {
  await t?.close();
});

const step = () => t.clock.advance(60_000);
const get = async <T>(who: Someone, url: string) => {
  const response = await t.app.inject({ method: 'GET', url, headers: who.session.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<T>();
};
const send = (who: Someone, method: 'POST' | 'PATCH', url: string, payload?: Record<string, unknown>) => t.app.inject({ method, url, headers: who.session.headers, ...(payload === undefined ? {} : { payload }) });

/** An open panel with the member invited and accepting, one minute per step. */
async function panelWithMember(): Promise<string> {
  const panelId = await requestPanel(t, lead.session, { patientId, ernId: orgs.rnd });
  step();
  await share(t, lead.session, panelId, { recordVersion: 1, sections: ['history'] });
  step();
  await transition(t, lead.session, panelId, 'submit');
  step();
  await transition(t, coordinator.session, panelId, 'accept');
  step();
  await invite(t, lead.session, panelId, [member.person.personId]);
  step();
  await accept(t, member.session, panelId);
  return panelId;
}

describe('the activity timeline', () => {
  it('merges transitions, shares, invitations and answers, contributions, messages and information requests in time order', async () => {
    const panelId = await panelWithMember();
    step();
    await contribute(t, member.session, panelId);
    step();
    const message = (await send(member, 'POST', `/api/panels/${panelId}/messages`, { body: 'A question for the lead.' })).json<MessageView>();
    step();
    const request = (await send(member, 'POST', `/api/panels/${panelId}/info-requests`, { question: 'Which tests were done already?' })).json<InfoRequestView>();
    step();
    expect((await send(lead, 'POST', `/api/info-requests/${request.id}/answer`, { answer: 'A gene panel.' })).statusCode).toBe(200);
    step();
    await transition(t, lead.session, panelId, 'startOutcome');

    const { entries } = await get<PanelTimeline>(coordinator, `/api/panels/${panelId}/timeline`);
    expect(entries.map((e) => (e.kind === 'transition' ? `transition:${e.action}` : e.kind))).toEqual([
      'transition:create',
      'share',
      'transition:submit',
      'transition:accept',
      'invitation',
      'invitationAnswered',
      'contribution',
      'message',
      'infoRequest',
      'infoAnswer',
      'transition:startOutcome',
    ]);
    expect(entries.find((e) => e.kind === 'message')).toMatchObject({ messageId: message.id, reply: false, deleted: false, actor: { displayName: 'Dr Member' } });
    expect(entries.find((e) => e.kind === 'invitation')).toMatchObject({ actor: { personId: lead.person.personId }, person: { personId: member.person.personId }, role: 'member' });
    expect(JSON.stringify(entries)).not.toContain('A question for the lead');
    expect((await t.app.inject({ method: 'GET', url: `/api/panels/${panelId}/timeline`, headers: outsider.session.headers })).statusCode).toBe(404);
  });
});

describe('the inbox', () => {
  it('holds invitations and transitions for the people concerned, counts the unread and marks them read (own only)', async () => {
    const panelId = await panelWithMember();
    const inbox = await get<NotificationList>(member, '/api/notifications');
    expect(inbox.notifications.find((n) => n.panelId === panelId)).toMatchObject({ kind: 'panelInvitation', actor: { personId: lead.person.personId, displayName: 'Dr Lead' }, readAt: null });
    step();
    await transition(t, lead.session, panelId, 'startOutcome');
    const after = await get<NotificationList>(member, '/api/notifications?unread=true');
    const mine = after.notifications.filter((n) => n.panelId === panelId);
    expect(mine.map((n) => n.kind)).toEqual(['panelTransition', 'panelInvitation']);
    // The lead moved it: the lead is not told of their own step.
    const leads = (await get<NotificationList>(lead, '/api/notifications')).notifications.filter((n) => n.panelId === panelId);
    expect(leads.map((n) => [n.kind, n.actor?.personId])).toEqual([['panelTransition', coordinator.person.personId]]); // the coordinator's accept, not the lead's own step

    const { unread } = await get<UnreadCount>(member, '/api/notifications/unread-count');
    expect(unread).toBe(after.unread);
    expect((await send(outsider, 'POST', `/api/notifications/${mine[0]!.id}/read`)).statusCode).toBe(404);
    const marked = await send(member, 'POST', `/api/notifications/${mine[0]!.id}/read`);
    expect(marked.json<UnreadCount>().unread).toBe(unread - 1);
    expect((await send(member, 'POST', '/api/notifications/read-all')).json<UnreadCount>().unread).toBe(0);
    expect((await get<UnreadCount>(member, '/api/notifications/unread-count')).unread).toBe(0);
  });

  it('pages the inbox, newest first', async () => {
    const person = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }]);
    for (let i = 0; i < 3; i += 1) {
      const panelId = await openPanel(t, lead.session, coordinator.session, patientId, orgs.rnd);
      step();
      await invite(t, lead.session, panelId, [person.person.personId]);
    }
    const first = await get<NotificationList>(person, '/api/notifications?limit=2');
    expect(first.notifications).toHaveLength(2);
    expect(first.unread).toBe(3);
    const rest = await get<NotificationList>(person, `/api/notifications?limit=2&before=${first.nextBefore}`);
    expect(rest.notifications).toHaveLength(1);
    expect(rest.nextBefore).toBeNull();
    expect(new Set([...first.notifications, ...rest.notifications].map((n) => n.id)).size).toBe(3);
  });
});

describe('real time on one node', () => {
  it('tells members and coordinators on the panel stream, refuses outsiders and invitees, and tells the inbox', async () => {
    const panelId = await panelWithMember();
    const url = await realtimeUrl(t);
    const socket = await openTestSocket(url, { cookie: member.session.cookie });
    const stream = `panel:${panelId}`;
    expect(await socket.subscribe(stream)).toMatchObject({ type: 'subscribed', stream });
    expect(await socket.subscribe(`inbox:${member.person.personId}`)).toMatchObject({ type: 'subscribed' });
    const stranger = await openTestSocket(url, { cookie: outsider.session.cookie });
    expect(await stranger.subscribe(stream)).toEqual({ type: 'refused', stream, reason: 'notFound' });
    const coordinating = await openTestSocket(url, { cookie: coordinator.session.cookie });
    expect(await coordinating.subscribe(stream)).toMatchObject({ type: 'subscribed' });

    const posted = (await send(lead, 'POST', `/api/panels/${panelId}/messages`, { body: 'Live, @Dr Member?', mentions: [member.person.personId] })).json<MessageView>();
    const [inboxEvent, panelEvent] = events(await socket.take(2)).sort((a, b) => a.stream.localeCompare(b.stream));
    expect(inboxEvent).toMatchObject({ stream: `inbox:${member.person.personId}`, eventType: 'notification.created', data: { kind: 'mention' } });
    expect(panelEvent).toMatchObject({ stream, eventType: 'message.posted', data: { messageId: posted.id, parentId: null } });
    expect(await coordinating.next()).toMatchObject({ type: 'event', eventType: 'message.posted' });

    // An invitee has not joined the discussion yet.
    const invitee = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }]);
    await invite(t, lead.session, panelId, [invitee.person.personId]);
    const inviteeSocket = await openTestSocket(url, { cookie: invitee.session.cookie });
    expect(await inviteeSocket.subscribe(stream)).toEqual({ type: 'refused', stream, reason: 'notFound' });
    expect(await coordinating.next()).toMatchObject({ eventType: 'member.invited', data: { personId: invitee.person.personId } });

    // The panels module's own writes are told on the same stream.
    await contribute(t, member.session, panelId);
    await transition(t, lead.session, panelId, 'startOutcome');
    expect(events(await coordinating.take(2)).map((e) => [e.eventType, e.data])).toEqual([
      ['contribution.saved', { authorId: member.person.personId, version: 1 }],
      ['transition', { action: 'startOutcome', from: 'open', to: 'outcomeDrafting' }],
    ]);
    for (const s of [socket, stranger, coordinating, inviteeSocket]) await s.close();
  });

  it('announces case.withheld on the running panels of a patient whose care consent is withdrawn', async () => {
    const own = await patientWithRecord(t, lead.session, orgs.waldstadt);
    const panelId = await openPanel(t, lead.session, coordinator.session, own, orgs.rnd);
    const socket = await openTestSocket(await realtimeUrl(t), { cookie: lead.session.cookie });
    await socket.subscribe(`panel:${panelId}`);
    const [care] = await t.database.db.select({ id: consents.id }).from(consents).where(and(eq(consents.patientId, own), eq(consents.kind, 'care')));
    const withdrawn = await send(lead, 'POST', `/api/patients/${own}/consents/${care!.id}/withdrawal`, { withdrawnOn: '2026-01-01', note: null });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(await socket.next()).toMatchObject({ type: 'event', eventType: 'case.withheld', data: { reason: 'careConsentWithdrawn' } });
    await socket.close();
  });
});
