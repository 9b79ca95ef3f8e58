import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, openTestSocket, realtimeUrl, type TestSocket } from '../../realtime/realtime-test-support.ts';
import { seededOrganisations } from '../../testing/actors.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { callPanel, join } from '../../../tests/integration/call-fixtures.ts';
import { someone, type Someone } from '../../../tests/integration/panel-fixtures.ts';
import { callStream, type SignalView } from './calls.contract.ts';

/**
 * Two application nodes — each its own pool, LISTEN connection and hub — on one PostgreSQL database, as behind a
 * load balancer: two members of a panel in a call, each connected to a different node, exchange an offer and an
 * answer; a member of another panel of the same ERN connected to either node is refused the call's stream.
 */
let a: TestApp;
let b: TestApp;
let lead: Someone;
let member: Someone;
let stranger: Someone;
let panelId: string;

beforeAll(async () => {
  a = await createTestApp();
  b = await createTestApp();
  const orgs = await seededOrganisations(a);
  lead = await someone(a, [{ role: 'healthProfessional', hospitalId: orgs.waldstadt, ernId: orgs.rnd }], 'Dr Lead');
  member = await someone(a, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }], 'Dr Member');
  stranger = await someone(a, [{ role: 'healthProfessional', hospitalId: orgs.sainteAurore, ernId: orgs.rnd }], 'Dr Stranger');
  panelId = await callPanel(a, { ernId: orgs.rnd, hospitalId: orgs.waldstadt, lead, members: [member] });
  await callPanel(a, { ernId: orgs.rnd, hospitalId: orgs.waldstadt, lead, members: [stranger] });
  b.clock.set(a.clock.now());
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

const connect = async (node: TestApp, who: Someone): Promise<TestSocket> => openTestSocket(await realtimeUrl(node), { cookie: who.session.cookie });

async function fetchSignal(node: TestApp, who: Someone, signalId: string): Promise<SignalView> {
  const response = await node.app.inject({ method: 'GET', url: `/api/panels/${panelId}/call/signals/${signalId}`, headers: who.session.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<SignalView>();
}

describe('call signalling across two nodes on PostgreSQL', () => {
  it('carries join, offer and answer between members connected to different nodes, and refuses a stranger on either node', async () => {
    const stream = callStream(panelId);
    const leadIn = await join(a, lead.session, panelId);
    const onA = await connect(a, lead);
    expect(await onA.subscribe(stream, leadIn.streamHead)).toMatchObject({ type: 'subscribed', stream });

    const memberIn = await join(b, member.session, panelId);
    expect(memberIn.participants.map((p) => p.peerId)).toEqual([leadIn.peerId]);
    const onB = await connect(b, member);
    expect(await onB.subscribe(stream, memberIn.streamHead)).toMatchObject({ type: 'subscribed', stream });

    const offer = await b.app.inject({ method: 'POST', url: `/api/panels/${panelId}/call/signals`, headers: member.session.headers, payload: { from: memberIn.peerId, to: leadIn.peerId, kind: 'offer', payload: 'v=0\r\no=- offer' } });
    expect(offer.statusCode, offer.body).toBe(202);
    const [joined, offered] = events(await onA.take(2));
    expect(joined).toMatchObject({ eventType: 'participant.joined', data: { peerId: memberIn.peerId, personId: member.person.personId } });
    expect(offered).toMatchObject({ eventType: 'signal', data: { from: memberIn.peerId, kind: 'offer' } });
    expect((await fetchSignal(a, lead, (offered!.data as { signalId: string }).signalId)).payload).toBe('v=0\r\no=- offer');

    await a.app.inject({ method: 'POST', url: `/api/panels/${panelId}/call/signals`, headers: lead.session.headers, payload: { from: leadIn.peerId, to: memberIn.peerId, kind: 'answer', payload: 'v=0\r\no=- answer' } });
    const [answered] = events(await onB.take(1));
    expect(answered).toMatchObject({ eventType: 'signal', data: { from: leadIn.peerId, to: memberIn.peerId, kind: 'answer' } });
    expect((await fetchSignal(b, member, (answered!.data as { signalId: string }).signalId)).payload).toBe('v=0\r\no=- answer');

    for (const node of [a, b]) {
      const socket = await connect(node, stranger);
      expect(await socket.subscribe(stream)).toMatchObject({ type: 'refused', stream });
      await socket.close();
    }

    // Leaving through node B reaches the lead on node A.
    await b.app.inject({ method: 'POST', url: `/api/panels/${panelId}/call/leave`, headers: member.session.headers, payload: { peerId: memberIn.peerId } });
    const [left] = events(await onA.take(1));
    expect(left).toMatchObject({ eventType: 'participant.left', data: { peerId: memberIn.peerId, reason: 'left' } });
    await onA.close();
    await onB.close();
  });
});
