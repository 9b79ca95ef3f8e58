import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { affiliations, panelMembers } from '../../db/schema/index.ts';
import { publishEvent } from '../../realtime/publish-event.ts';
import { events, openTestSocket, realtimeUrl, type TestSocket } from '../../realtime/realtime-test-support.ts';
import { seededOrganisations } from '../../testing/actors.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { accept, invite, openPanel, patientWithRecord, someone, type Someone } from '../../../tests/integration/panel-fixtures.ts';
import type { InfoRequestView, MessagePage, MessageView } from './discussion.contract.ts';

/**
 * Two application nodes — each its own pool, LISTEN connection and hub — on one PostgreSQL database, as behind
 * a load balancer: what a member posts through one reaches the members connected to the other; a member who was
 * offline gets what they missed; a member who lost access gets nothing more.
 */
let a: TestApp;
let b: TestApp;
let orgs: Awaited<ReturnType<typeof seededOrganisations>>;
let lead: Someone;
let coordinator: Someone;
let member: Someone;
let patientId: string;

beforeAll(async () => {
  a = await createTestApp();
  b = await createTestApp();
  orgs = await seededOrganisations(a);
  lead = await someone(a, [{ role: 'healthProfessional', hospitalId: orgs.waldstadt, ernId: orgs.rnd }], 'Dr Lead');
  coordinator = await someone(a, [{ role: 'coordinator', ernId: orgs.rnd }]);
  member = await someone(a, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }], 'Dr Member');
  patientId = await patientWithRecord(a, lead.session, orgs.waldstadt);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

/** Both nodes read the same time (sessions and affiliations are judged by each node's clock). */
const sameTime = () => b.clock.set(a.clock.now());

async function panelWith(...members: Someone[]): Promise<string> {
  const panelId = await openPanel(a, lead.session, coordinator.session, patientId, orgs.rnd);
  await invite(a, lead.session, panelId, members.map((m) => m.person.personId));
  for (const m of members) await accept(a, m.session, panelId);
  sameTime();
  return panelId;
}

const postThrough = async (node: TestApp, who: Someone, panelId: string, body: string) => {
  node.clock.advance(1000);
  const response = await node.app.inject({ method: 'POST', url: `/api/panels/${panelId}/messages`, headers: who.session.headers, payload: { body } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<MessageView>();
};

const connect = async (node: TestApp, who: Someone): Promise<TestSocket> => openTestSocket(await realtimeUrl(node), { cookie: who.session.cookie });

describe('panel discussion in real time across two nodes on PostgreSQL', () => {
  it('delivers a message posted through node A to a member connected to node B, who then reads it through B', async () => {
    const panelId = await panelWith(member);
    const stream = `panel:${panelId}`;
    const onB = await connect(b, member);
    expect(await onB.subscribe(stream)).toMatchObject({ type: 'subscribed', stream });

    const posted = await postThrough(a, lead, panelId, 'Posted on node A.');
    expect(await onB.next()).toMatchObject({ type: 'event', stream, eventType: 'message.posted', data: { messageId: posted.id } });

    // The event carries ids only; the member fetches the message through B's authorized route.
    const read = await b.app.inject({ method: 'GET', url: `/api/panels/${panelId}/messages`, headers: member.session.headers });
    expect(read.json<MessagePage>().threads.map((th) => th.root.body)).toEqual(['Posted on node A.']);
    await onB.close();
  });

  it('lets a member who was offline reconnect with their last counter and receive what they missed, in order, then live', async () => {
    const panelId = await panelWith(member);
    const stream = `panel:${panelId}`;
    const first = await connect(b, member);
    await first.subscribe(stream);
    await postThrough(a, lead, panelId, 'Seen while online.');
    const seen = events(await first.take(1));
    await first.close();

    const missed = [await postThrough(a, lead, panelId, 'Missed one.'), await postThrough(b, coordinator, panelId, 'Missed two.')];
    const request = await a.app.inject({ method: 'POST', url: `/api/panels/${panelId}/info-requests`, headers: lead.session.headers, payload: { question: 'Missed: which tests were done?' } });
    expect(request.statusCode).toBe(201);

    const again = await connect(a, member);
    const last = seen.at(-1)!.seq;
    expect(await again.subscribe(stream, last)).toEqual({ type: 'subscribed', stream, head: last + 3 });
    const replayed = events(await again.take(3));
    expect(replayed.map((e) => [e.seq, e.eventType, e.data.messageId ?? e.data.infoRequestId])).toEqual([
      [last + 1, 'message.posted', missed[0]!.id],
      [last + 2, 'message.posted', missed[1]!.id],
      [last + 3, 'infoRequest.asked', request.json<InfoRequestView>().id],
    ]);
    const live = await postThrough(b, lead, panelId, 'Live again.');
    expect(await again.next()).toMatchObject({ type: 'event', seq: last + 4, data: { messageId: live.id } });
    await again.close();
  });

  it('sends nothing more to a member removed from the panel, or a guest whose account ended, and refuses their replay', async () => {
    const removed = await someone(a, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }]);
    const guest = await someone(a, [{ role: 'guestExpert', ernId: orgs.rnd, validUntil: new Date(a.clock.now().getTime() + 30 * 86_400_000).toISOString() }]);
    const panelId = await panelWith(member, removed, guest);
    const stream = `panel:${panelId}`;
    const sockets = { member: await connect(b, member), removed: await connect(b, removed), guest: await connect(b, guest) };
    for (const socket of Object.values(sockets)) await socket.subscribe(stream);
    await postThrough(a, lead, panelId, 'To everyone.');
    for (const socket of Object.values(sockets)) expect(await socket.next()).toMatchObject({ type: 'event', eventType: 'message.posted' });

    // The member is taken off the panel; the guest's account in the network ends.
    await a.database.db.delete(panelMembers).where(and(eq(panelMembers.panelId, panelId), eq(panelMembers.personId, removed.person.personId)));
    const [account] = await a.database.db.select({ id: affiliations.id, validFrom: affiliations.validFrom }).from(affiliations).where(eq(affiliations.personId, guest.person.personId));
    await a.database.db.update(affiliations).set({ validUntil: new Date(new Date(account!.validFrom).getTime() + 1).toISOString() }).where(eq(affiliations.id, account!.id));

    const after = await postThrough(a, lead, panelId, 'After the removal.');
    expect(await sockets.member.next()).toMatchObject({ type: 'event', data: { messageId: after.id } });
    expect(await sockets.removed.next()).toEqual({ type: 'refused', stream, reason: 'notFound' });
    expect(await sockets.guest.next()).toEqual({ type: 'refused', stream, reason: 'notFound' });

    // Nothing more arrives on the panel: the next thing each receives is an event on their own inbox.
    await postThrough(a, lead, panelId, 'Later still.');
    for (const [who, socket] of [[removed, sockets.removed], [guest, sockets.guest]] as const) {
      const inbox = `inbox:${who.person.personId}`;
      expect(await socket.subscribe(inbox)).toMatchObject({ type: 'subscribed', stream: inbox });
      await a.database.db.transaction((tx) => publishEvent(tx, a.clock, { stream: inbox, type: 'test.marker', data: {} }));
      expect(await socket.next()).toMatchObject({ type: 'event', stream: inbox, eventType: 'test.marker' });
      expect(events(socket.received).filter((e) => e.stream === stream)).toHaveLength(1);
      // Reconnecting with the last counter replays nothing: the stream is refused.
      const again = await connect(b, who);
      expect(await again.subscribe(stream, 0)).toEqual({ type: 'refused', stream, reason: 'notFound' });
      await again.close();
    }
    for (const socket of Object.values(sockets)) await socket.close();
  });
});
