import { createHmac } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema/index.ts';
import { events, openTestSocket, realtimeUrl } from '../../realtime/realtime-test-support.ts';
import { seededOrganisations } from '../../testing/actors.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { callPanel, join } from '../../../tests/integration/call-fixtures.ts';
import { someone, type Someone } from '../../../tests/integration/panel-fixtures.ts';
import { callStream, HEARTBEAT_TIMEOUT_SECONDS, MAX_CALL_PARTICIPANTS, SPEED_TEST_BYTES, type CallView, type HeartbeatAnswer, type IceServers, type SignalView, type TechnicalRequirements } from './calls.contract.ts';

const TURN_SECRET = 'calls-test-secret-0123456789';
let t: TestApp;
let orgs: Awaited<ReturnType<typeof seededOrganisations>>;
let lead: Someone;
let member: Someone;
let guest: Someone;
let otherPanelMember: Someone;
let invitee: Someone;
let coordinator: Someone;
let outsider: Someone;
let panelId: string;
let otherPanelId: string;

beforeAll(async () => {
  t = await createTestApp({ env: { CPMS_STUN_URLS: 'stun:turn.example.org:3478', CPMS_TURN_URLS: 'turn:turn.example.org:3478?transport=udp,turns:turn.example.org:443?transport=tcp', CPMS_TURN_SECRET: TURN_SECRET, CPMS_TURN_TTL_SECONDS: '600' } });
  orgs = await seededOrganisations(t);
  lead = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.waldstadt, ernId: orgs.rnd }], 'Dr Lead');
  member = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }], 'Dr Member');
  guest = await someone(t, [{ role: 'guestExpert', ernId: orgs.rnd, validUntil: new Date(t.clock.now().getTime() + 30 * 86_400_000).toISOString() }], 'Dr Guest');
  otherPanelMember = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.sainteAurore, ernId: orgs.rnd }], 'Dr Other');
  invitee = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.sainteAurore, ernId: orgs.rnd }], 'Dr Invited');
  coordinator = await someone(t, [{ role: 'coordinator', ernId: orgs.rnd }], 'Coordinator');
  outsider = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }], 'Dr Outsider');
  panelId = await callPanel(t, { ernId: orgs.rnd, hospitalId: orgs.waldstadt, lead, members: [member], guests: [guest], invited: [invitee] });
  otherPanelId = await callPanel(t, { ernId: orgs.rnd, hospitalId: orgs.waldstadt, lead, members: [otherPanelMember] });
  // Both panels on one meeting's agenda: a member of one is still a stranger to the other's call.
  const meeting = await t.app.inject({
    method: 'POST',
    url: '/api/meetings',
    headers: coordinator.session.headers,
    payload: { ernId: orgs.rnd, title: 'Calls board', startsAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString(), durationMinutes: 60, timeZone: 'Europe/Berlin', agenda: [{ panelId, minutes: 20 }, { panelId: otherPanelId, minutes: 20 }] },
  });
  expect(meeting.statusCode, meeting.body).toBe(201);
});
afterAll(async () => {
  await t?.close();
});

const post = (who: Someone, url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: who.session.headers, payload: payload as Record<string, unknown> });
const leave = (who: Someone, id: string, peerId: string) => post(who, `/api/panels/${id}/call/leave`, { peerId });
const callOf = async (who: Someone, id = panelId) => (await t.app.inject({ method: 'GET', url: `/api/panels/${id}/call`, headers: who.session.headers })).json<CallView>();
const auditOf = (callId: string) => t.database.db.select().from(auditEvents).where(and(eq(auditEvents.targetType, 'call'), eq(auditEvents.targetId, callId)));

describe('joining and leaving a panel\'s call', () => {
  it('starts the call on the first join, lists participants with names and roles, audits who joined and left, and ends with the last one out', async () => {
    const id = await callPanel(t, { ernId: orgs.rnd, hospitalId: orgs.waldstadt, lead, members: [member], guests: [guest] });
    const first = await join(t, lead.session, id);
    expect(first.participants).toEqual([]);
    t.clock.advance(1000);
    const second = await join(t, guest.session, id);
    expect(second.callId).toBe(first.callId);
    expect(second.participants).toMatchObject([{ peerId: first.peerId, personId: lead.person.personId, displayName: 'Dr Lead', role: 'lead' }]);
    const view = await callOf(member, id);
    expect(view.participants.map((p) => [p.displayName, p.role])).toEqual([['Dr Lead', 'lead'], ['Dr Guest', 'guest']]);

    expect((await leave(guest, id, second.peerId)).statusCode).toBe(204);
    expect((await leave(guest, id, second.peerId)).statusCode).toBe(204); // idempotent
    expect((await leave(lead, id, first.peerId)).statusCode).toBe(204);
    expect((await callOf(member, id)).callId).toBeNull();

    const audit = await auditOf(first.callId);
    expect(audit.map((a) => [a.action, a.actorId, (a.details as { peerId: string }).peerId])).toEqual([
      ['call.joined', lead.person.personId, first.peerId],
      ['call.joined', guest.person.personId, second.peerId],
      ['call.left', guest.person.personId, second.peerId],
      ['call.left', lead.person.personId, first.peerId],
    ]);
    expect(audit.every((a) => a.patientId !== null && a.occurredAt)).toBe(true);
    // The next join is a new call.
    const again = await join(t, member.session, id);
    expect(again.callId).not.toBe(first.callId);
    await leave(member, id, again.peerId);
  });

  it('refuses the call to members of another panel of the same meeting and to non-members (404), to coordinators and invitees who are not members (403)', async () => {
    for (const who of [otherPanelMember, outsider]) {
      expect((await post(who, `/api/panels/${panelId}/call/join`, {})).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: `/api/panels/${panelId}/call`, headers: who.session.headers })).statusCode).toBe(404);
    }
    for (const who of [coordinator, invitee]) expect((await post(who, `/api/panels/${panelId}/call/join`, {})).statusCode).toBe(403);
  });

  it('ends the previous window of a person who joins again (reload), and others see it leave and come back', async () => {
    const id = await callPanel(t, { ernId: orgs.rnd, hospitalId: orgs.waldstadt, lead, members: [member] });
    const leadIn = await join(t, lead.session, id);
    const before = await join(t, member.session, id);
    const after = await join(t, member.session, id);
    expect(after.participants.map((p) => p.peerId)).toEqual([leadIn.peerId]);
    const audit = await auditOf(leadIn.callId);
    expect(audit.find((a) => a.action === 'call.left')?.details).toMatchObject({ peerId: before.peerId, reason: 'rejoined' });
    expect((await post(member, `/api/panels/${id}/call/heartbeat`, { peerId: before.peerId })).statusCode).toBe(409);
  });

  it('takes out a peer whose page stopped sending heartbeats', async () => {
    const id = await callPanel(t, { ernId: orgs.rnd, hospitalId: orgs.waldstadt, lead, members: [member] });
    const leadIn = await join(t, lead.session, id);
    const memberIn = await join(t, member.session, id);
    t.clock.advance((HEARTBEAT_TIMEOUT_SECONDS - 5) * 1000);
    expect((await post(lead, `/api/panels/${id}/call/heartbeat`, { peerId: leadIn.peerId })).json<HeartbeatAnswer>().participants).toHaveLength(2);
    t.clock.advance(10_000);
    const beat = await post(lead, `/api/panels/${id}/call/heartbeat`, { peerId: leadIn.peerId });
    expect(beat.json<HeartbeatAnswer>().participants.map((p) => p.peerId)).toEqual([leadIn.peerId]);
    expect((await auditOf(leadIn.callId)).find((a) => a.action === 'call.left')?.details).toMatchObject({ peerId: memberIn.peerId, reason: 'timedOut' });
  });

  it(`caps a call at ${MAX_CALL_PARTICIPANTS} participants`, async () => {
    const extra: Someone[] = [];
    for (let i = 0; i < MAX_CALL_PARTICIPANTS; i += 1) extra.push(await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }], `Dr Extra ${i}`));
    const id = await callPanel(t, { ernId: orgs.rnd, hospitalId: orgs.waldstadt, lead, members: extra });
    for (const who of extra.slice(0, MAX_CALL_PARTICIPANTS - 1)) await join(t, who.session, id);
    await join(t, lead.session, id);
    const full = await post(extra[MAX_CALL_PARTICIPANTS - 1]!, `/api/panels/${id}/call/join`, {});
    expect(full.statusCode).toBe(409);
    expect(full.json<{ detail: string }>().detail).toContain(`at most ${MAX_CALL_PARTICIPANTS}`);
  });
});

describe('signalling', () => {
  it('delivers a signal on the call stream to its addressee only, who fetches it; the others and outsiders get nothing', async () => {
    const id = await callPanel(t, { ernId: orgs.rnd, hospitalId: orgs.waldstadt, lead, members: [member], guests: [guest] });
    const url = await realtimeUrl(t);
    const leadIn = await join(t, lead.session, id);
    const memberIn = await join(t, member.session, id);
    const guestIn = await join(t, guest.session, id);
    const leadSocket = await openTestSocket(url, { cookie: lead.session.cookie });
    const guestSocket = await openTestSocket(url, { cookie: guest.session.cookie });
    expect(await leadSocket.subscribe(callStream(id), memberIn.streamHead)).toMatchObject({ type: 'subscribed' });
    expect(await guestSocket.subscribe(callStream(id), guestIn.streamHead)).toMatchObject({ type: 'subscribed' });

    const sdp = `v=0\r\n${'a=x-test:1\r\n'.repeat(300)}`; // larger than an event may carry
    const sent = await post(member, `/api/panels/${id}/call/signals`, { from: memberIn.peerId, to: leadIn.peerId, kind: 'offer', payload: sdp });
    expect(sent.statusCode, sent.body).toBe(202);
    // The lead gets the guest's join (replayed), then the signal; the guest's socket gets no signal meant for the lead.
    const [joined, signal] = events(await leadSocket.take(2));
    expect(joined).toMatchObject({ eventType: 'participant.joined', data: { peerId: guestIn.peerId } });
    expect(signal).toMatchObject({ eventType: 'signal', data: { from: memberIn.peerId, to: leadIn.peerId, kind: 'offer' } });
    const read = await t.app.inject({ method: 'GET', url: `/api/panels/${id}/call/signals/${(signal!.data as { signalId: string }).signalId}`, headers: lead.session.headers });
    expect(read.json<SignalView>()).toMatchObject({ kind: 'offer', payload: sdp, from: memberIn.peerId });
    // Nobody else reads it, not even another member of the call.
    const byGuest = await t.app.inject({ method: 'GET', url: `/api/panels/${id}/call/signals/${(signal!.data as { signalId: string }).signalId}`, headers: guest.session.headers });
    expect(byGuest.statusCode).toBe(404);

    await post(member, `/api/panels/${id}/call/signals`, { from: memberIn.peerId, to: guestIn.peerId, kind: 'candidate', payload: '{"candidate":""}' });
    const [toGuest] = events(await guestSocket.take(1));
    expect(toGuest).toMatchObject({ eventType: 'signal', data: { to: guestIn.peerId, kind: 'candidate' } });
    expect(leadSocket.received.filter((m) => m.type === 'event')).toHaveLength(2);

    // A member of another panel of the same meeting, and a non-member, are refused at the signalling step.
    for (const who of [otherPanelMember, outsider]) {
      const socket = await openTestSocket(url, { cookie: who.session.cookie });
      expect(await socket.subscribe(callStream(id))).toMatchObject({ type: 'refused' });
      await socket.close();
      expect((await post(who, `/api/panels/${id}/call/signals`, { from: memberIn.peerId, to: leadIn.peerId, kind: 'offer', payload: 'v=0' })).statusCode).toBe(404);
    }
    // The coordinator (not a member) may not follow the call either.
    const coordinatorSocket = await openTestSocket(url, { cookie: coordinator.session.cookie });
    expect(await coordinatorSocket.subscribe(callStream(id))).toMatchObject({ type: 'refused' });
    await coordinatorSocket.close();
    await leadSocket.close();
    await guestSocket.close();
  });

  it('refuses signals from a peer that is not the caller\'s, or to a peer that left (409), and checks the body after the membership', async () => {
    const id = await callPanel(t, { ernId: orgs.rnd, hospitalId: orgs.waldstadt, lead, members: [member] });
    const leadIn = await join(t, lead.session, id);
    const memberIn = await join(t, member.session, id);
    expect((await post(lead, `/api/panels/${id}/call/signals`, { from: memberIn.peerId, to: leadIn.peerId, kind: 'offer', payload: 'v=0' })).statusCode).toBe(409);
    await leave(member, id, memberIn.peerId);
    expect((await post(lead, `/api/panels/${id}/call/signals`, { from: leadIn.peerId, to: memberIn.peerId, kind: 'answer', payload: 'v=0' })).statusCode).toBe(409);
    expect((await post(lead, `/api/panels/${id}/call/signals`, { from: leadIn.peerId, to: memberIn.peerId, kind: 'hello', payload: 'v=0' })).statusCode).toBe(400);
    expect((await post(outsider, `/api/panels/${id}/call/signals`, { kind: 'hello' })).statusCode).toBe(404);
  });
});

describe('ICE servers', () => {
  it('issues TURN REST credentials: "<expiry>:<peer id>" with the HMAC-SHA1 of it under the shared secret, valid for the configured lifetime', async () => {
    const id = await callPanel(t, { ernId: orgs.rnd, hospitalId: orgs.waldstadt, lead });
    const joined = await join(t, lead.session, id);
    const turn = joined.ice.iceServers.find((s) => s.username !== undefined)!;
    expect(turn.urls).toEqual(['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:443?transport=tcp']);
    const [expiry, opaque] = turn.username!.split(':');
    expect(Number(expiry)).toBe(Math.floor(t.clock.now().getTime() / 1000) + 600);
    expect(opaque).toBe(joined.peerId);
    expect(turn.credential).toBe(createHmac('sha1', TURN_SECRET).update(turn.username!).digest('base64'));
    expect(joined.ice.iceServers[0]).toEqual({ urls: ['stun:turn.example.org:3478'] });
    expect(joined.ice.expiresAt).toBe(new Date(Number(expiry) * 1000).toISOString());

    const forSetupCheck = await t.app.inject({ method: 'GET', url: '/api/calls/ice-servers', headers: outsider.session.headers });
    expect(forSetupCheck.json<IceServers>().iceServers).toHaveLength(2);
    expect((await t.app.inject({ method: 'GET', url: '/api/calls/ice-servers' })).statusCode).toBe(401);
  });
});

describe('setup check and technical requirements', () => {
  it('generates the requirements from the configuration: web, WebSocket, STUN and TURN hosts and ports, browsers, bandwidth per call size', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/calls/requirements' });
    const requirements = response.json<TechnicalRequirements>();
    expect(requirements.rules.map((r) => [r.purpose, r.host, r.port, r.protocol])).toEqual([
      ['web', 'localhost', 8080, 'TCP'],
      ['websocket', 'localhost', 8080, 'TCP'],
      ['stun', 'turn.example.org', 3478, 'UDP'],
      ['turn', 'turn.example.org', 3478, 'UDP'],
      ['turn', 'turn.example.org', 443, 'TCP'],
      ['media', 'the TURN server\'s address', 49152, 'UDP'],
    ]);
    expect(requirements.bandwidth).toEqual([
      { participants: 2, uploadKbps: 1550, downloadKbps: 1550 },
      { participants: 4, uploadKbps: 2250, downloadKbps: 2250 },
      { participants: MAX_CALL_PARTICIPANTS, uploadKbps: 2800, downloadKbps: 2800 },
    ]);
  });

  it('serves incompressible, uncached bytes for the bandwidth estimate to signed-in people', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/calls/speed-test', headers: outsider.session.headers });
    expect(response.rawPayload.length).toBe(SPEED_TEST_BYTES);
    expect(response.headers['cache-control']).toBe('no-store');
  });
});
