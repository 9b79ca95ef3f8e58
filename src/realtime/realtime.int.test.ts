import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamEvents } from '../db/schema/index.ts';
import { createTestPerson, seededOrganisations, signIn, type SignedIn, type TestPerson } from '../testing/actors.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { publishEvent } from './publish-event.ts';
import { events, openTestSocket, realtimeUrl, upgradeStatus } from './realtime-test-support.ts';

let t: TestApp;
let url: string;
let hp: SignedIn & { personId: string };
let other: SignedIn & { personId: string };
let hpPerson: TestPerson;
let otherPerson: TestPerson;
/** A test-only stream kind whose authorization the test flips. */
const flip = { allowed: true };

beforeAll(async () => {
  t = await createTestApp();
  t.app.realtime.registerStreamKind('testFlip', { authorize: () => flip.allowed });
  t.app.realtime.registerStreamKind('testOpen', { authorize: () => true, authorizeEvent: (_actor, event) => event.data.hidden !== true });
  url = await realtimeUrl(t);
  const orgs = await seededOrganisations(t);
  hpPerson = await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId: orgs.waldstadt, ernId: orgs.rnd }] });
  otherPerson = await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }] });
  await signInAgain();
});
afterAll(async () => {
  await t?.close();
});

async function signInAgain() {
  hp = { ...(await signIn(t, hpPerson)), personId: hpPerson.personId };
  other = { ...(await signIn(t, otherPerson)), personId: otherPerson.personId };
}

const publish = (stream: string, type = 'thing.happened', data: Record<string, unknown> = {}) =>
  t.database.db.transaction((tx) => publishEvent(tx, t.clock, { stream, type, data }));

const connect = (who: SignedIn = hp) => openTestSocket(url, { cookie: who.cookie });

describe('publishing and delivery', () => {
  it('delivers an event published in a committed transaction to the subscribed person', async () => {
    const socket = await connect();
    const inbox = `inbox:${hp.personId}`;
    expect(await socket.subscribe(inbox)).toEqual({ type: 'subscribed', stream: inbox, head: 0 });
    const messageId = randomUUID();
    await publish(inbox, 'message.posted', { messageId });
    expect(await socket.next()).toEqual({ type: 'event', stream: inbox, seq: 1, eventType: 'message.posted', data: { messageId } });
    await socket.close();
  });

  it('announces nothing from a rolled-back transaction', async () => {
    const socket = await connect();
    const stream = `testOpen:${randomUUID()}`;
    await socket.subscribe(stream);
    await expect(
      t.database.db.transaction(async (tx) => {
        await publishEvent(tx, t.clock, { stream, type: 'rolled.back', data: {} });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await publish(stream, 'committed');
    // Had the rolled-back event been announced or stored, it would come first (or take seq 1).
    expect(await socket.next()).toMatchObject({ type: 'event', seq: 1, eventType: 'committed' });
    const stored = await t.database.db.select({ type: streamEvents.type }).from(streamEvents).where(eq(streamEvents.stream, stream));
    expect(stored).toEqual([{ type: 'committed' }]);
    await socket.close();
  });

  it('numbers concurrent writers of one stream gap-free and delivers them in order', async () => {
    const socket = await connect();
    const stream = `testOpen:${randomUUID()}`;
    await socket.subscribe(stream);
    const seqs = await Promise.all(Array.from({ length: 20 }, (_, i) => publish(stream, 'concurrent', { i })));
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const delivered = events(await socket.take(20));
    expect(delivered.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // Each event carries what its own transaction wrote under that counter.
    const stored = await t.database.db.select({ seq: streamEvents.seq, data: streamEvents.data }).from(streamEvents).where(eq(streamEvents.stream, stream)).orderBy(asc(streamEvents.seq));
    expect(delivered.map((e) => e.data)).toEqual(stored.map((s) => s.data));
    await socket.close();
  });

  it('replays exactly what a reconnecting client missed, in order, then live events, without duplicates', async () => {
    const stream = `testOpen:${randomUUID()}`;
    const first = await connect();
    await first.subscribe(stream);
    for (let i = 1; i <= 3; i += 1) await publish(stream, 'seen', { i });
    const seen = events(await first.take(3));
    await first.close();
    for (let i = 4; i <= 30; i += 1) await publish(stream, 'missed', { i });

    const again = await connect();
    again.send({ type: 'subscribe', stream, after: seen.at(-1)!.seq });
    // Live events published while the replay runs wait behind it.
    const live = Promise.all(Array.from({ length: 10 }, (_, i) => publish(stream, 'live', { i: 31 + i })));
    const subscribed = await again.next();
    expect(subscribed).toMatchObject({ type: 'subscribed', stream });
    await live;
    const rest = events(await again.take(37));
    expect(rest.map((e) => e.seq)).toEqual(Array.from({ length: 37 }, (_, i) => i + 4));
    await publish(stream, 'later');
    expect(await again.next()).toMatchObject({ type: 'event', seq: 41, eventType: 'later' });
    await again.close();
  });

  it('replays from the start with after: 0, and sends only the head without after', async () => {
    const stream = `testOpen:${randomUUID()}`;
    await publish(stream);
    await publish(stream);
    const fresh = await connect();
    expect(await fresh.subscribe(stream)).toEqual({ type: 'subscribed', stream, head: 2 });
    expect(await fresh.subscribe(`${stream}`, 0)).toEqual({ type: 'subscribed', stream, head: 2 });
    expect(events(await fresh.take(2)).map((e) => e.seq)).toEqual([1, 2]);
    await fresh.close();
  });

  it('does not send an event the stream kind hides from the person', async () => {
    const socket = await connect();
    const stream = `testOpen:${randomUUID()}`;
    await socket.subscribe(stream);
    await publish(stream, 'hidden', { hidden: true });
    await publish(stream, 'shown');
    expect(await socket.next()).toMatchObject({ type: 'event', seq: 2, eventType: 'shown' });
    await socket.close();
  });
});

describe('authorization of streams and events', () => {
  it('refuses another person\'s inbox, an unknown kind and a malformed name as not found', async () => {
    const socket = await connect();
    for (const stream of [`inbox:${other.personId}`, `nosuchkind:${randomUUID()}`, 'no colon', `inbox:${'x'.repeat(150)}`]) {
      expect(await socket.subscribe(stream)).toEqual({ type: 'refused', stream, reason: 'notFound' });
    }
    // The refused subscription receives nothing: an event on that inbox is not delivered, the own one is.
    await socket.subscribe(`inbox:${hp.personId}`);
    await publish(`inbox:${other.personId}`, 'for.other');
    await publish(`inbox:${hp.personId}`, 'for.me');
    expect(await socket.next()).toMatchObject({ type: 'event', stream: `inbox:${hp.personId}`, eventType: 'for.me' });
    await socket.close();
  });

  it('stops delivering the moment the authorization no longer holds, replay included', async () => {
    const stream = `testFlip:${randomUUID()}`;
    flip.allowed = true;
    const socket = await connect();
    await socket.subscribe(stream);
    await publish(stream, 'allowed');
    expect(await socket.next()).toMatchObject({ type: 'event', seq: 1 });
    flip.allowed = false;
    await publish(stream, 'after.removal');
    expect(await socket.next()).toEqual({ type: 'refused', stream, reason: 'notFound' });
    // A reconnect asking for the replay is refused as well, and gets nothing stored.
    const again = await connect();
    expect(await again.subscribe(stream, 0)).toEqual({ type: 'refused', stream, reason: 'notFound' });
    flip.allowed = true;
    await socket.close();
    await again.close();
  });

  it('re-authorizes each replayed event: access lost mid-replay stops it', async () => {
    let checks = 0;
    // A kind that allows the subscribe and the first replayed event, then no more.
    const prefix = `testOnce${randomUUID().replaceAll('-', '').slice(0, 8)}`;
    t.app.realtime.registerStreamKind(prefix, { authorize: () => (checks += 1) <= 2 });
    const stream = `${prefix}:${randomUUID()}`;
    await publish(stream);
    await publish(stream);
    const socket = await connect();
    expect(await socket.subscribe(stream, 0)).toEqual({ type: 'subscribed', stream, head: 2 });
    expect(await socket.next()).toMatchObject({ type: 'event', seq: 1 });
    expect(await socket.next()).toEqual({ type: 'refused', stream, reason: 'notFound' });
    await socket.close();
  });

  it('closes the socket (4401) when the session is signed out, and delivers nothing more', async () => {
    const person = await createTestPerson(t);
    const session = await signIn(t, person);
    const socket = await openTestSocket(url, { cookie: session.cookie });
    const inbox = `inbox:${person.personId}`;
    await socket.subscribe(inbox);
    const signOut = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: session.headers });
    expect(signOut.statusCode).toBeLessThan(300);
    await publish(inbox, 'after.sign.out');
    expect(await socket.closed).toMatchObject({ code: 4401 });
    expect(events(socket.received)).toEqual([]);
  });

  it('closes the socket when the session expires through inactivity', async () => {
    const person = await createTestPerson(t);
    const session = await signIn(t, person);
    const socket = await openTestSocket(url, { cookie: session.cookie });
    const inbox = `inbox:${person.personId}`;
    await socket.subscribe(inbox);
    t.clock.advance(31 * 60_000);
    await publish(inbox, 'after.expiry');
    expect(await socket.closed).toMatchObject({ code: 4401 });
    expect(events(socket.received)).toEqual([]);
    await signInAgain(); // every session of this file idled out with it
  });
});

describe('the upgrade', () => {
  it('is refused without a session (401), from a foreign or missing Origin (403), and while the second factor is owed (401)', async () => {
    expect(await upgradeStatus(url)).toBe(401);
    expect(await upgradeStatus(url, { cookie: 'cpms_session=not-a-session' })).toBe(401);
    expect(await upgradeStatus(url, { cookie: hp.cookie, origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(url, { cookie: hp.cookie, origin: null })).toBe(403);
    expect(await upgradeStatus(url, { cookie: hp.cookie, origin: t.config.publicUrl })).toBe(101);
    expect(await upgradeStatus(url, { cookie: hp.cookie })).toBe(101);

    const orgs = await seededOrganisations(t);
    const owing = await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId: orgs.waldstadt, ernId: orgs.rnd }] });
    const signedIn = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: owing.email, password: owing.password } });
    expect(signedIn.json()).toMatchObject({ next: 'secondFactor' });
    const cookie = signedIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    expect(await upgradeStatus(url, { cookie })).toBe(401);
  });

  it('leaves no socket open behind a refused upgrade, on this route or any other', async () => {
    const base = url.replace('/api/realtime', '');
    for (const path of ['/api/realtime', '/api/health', '/api/me/sessions', '/nowhere']) {
      await upgradeStatus(`${base}${path}`);
    }
    await upgradeStatus(url, { cookie: hp.cookie, origin: 'https://evil.example' });
    const open = await new Promise<number>((resolve, reject) => t.app.server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
    expect(open).toBe(0);
  });

  it('answers a plain request without the upgrade with 400, after the session check', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/realtime' })).statusCode).toBe(401);
    const plain = await t.app.inject({ method: 'GET', url: '/api/realtime', headers: hp.headers });
    expect(plain.statusCode).toBe(400);
    expect(plain.json()).toMatchObject({ code: 'badRequest' });
  });

  it('is listed in the route table and the OpenAPI document', async () => {
    expect(t.app.routeTable.some((r) => r.method === 'GET' && r.url === '/api/realtime')).toBe(true);
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, { get?: { security?: unknown } }> }>();
    expect(document.paths['/api/realtime']?.get?.security).toEqual([{ session: [] }]);
  });
});

describe('the protocol', () => {
  it('answers bad messages with an error frame and keeps the socket', async () => {
    const socket = await connect();
    socket.send('not json');
    expect(await socket.next()).toEqual({ type: 'error', reason: 'badMessage' });
    socket.send({ type: 'subscribe' });
    expect(await socket.next()).toEqual({ type: 'error', reason: 'badMessage' });
    socket.send({ type: 'subscribe', stream: 'testOpen:x', after: -1 });
    expect(await socket.next()).toEqual({ type: 'error', reason: 'badMessage' });
    socket.send({ type: 'ping', extra: 1 });
    expect(await socket.next()).toEqual({ type: 'error', reason: 'badMessage' });
    socket.send({ type: 'subscribe', stream: `testOpen:${'a'.repeat(3000)}` });
    expect(await socket.next()).toEqual({ type: 'error', reason: 'tooLarge' });
    socket.send({ type: 'ping' });
    expect(await socket.next()).toEqual({ type: 'pong' });
    await socket.close();
  });

  it('closes a socket that sends a frame beyond the hard limit (1009)', async () => {
    const socket = await connect();
    socket.send('x'.repeat(20_000));
    expect(await socket.closed).toMatchObject({ code: 1009 });
  });

  it('limits the subscriptions of one socket', async () => {
    const socket = await connect();
    for (let i = 0; i < 50; i += 1) expect(await socket.subscribe(`testOpen:limit-${i}`)).toMatchObject({ type: 'subscribed' });
    expect(await socket.subscribe('testOpen:limit-50')).toEqual({ type: 'refused', stream: 'testOpen:limit-50', reason: 'tooManySubscriptions' });
    // Subscribing again to a followed stream is not a new one; leaving one frees a place.
    expect(await socket.subscribe('testOpen:limit-0')).toMatchObject({ type: 'subscribed' });
    socket.send({ type: 'unsubscribe', stream: 'testOpen:limit-1' });
    expect(await socket.subscribe('testOpen:limit-50')).toMatchObject({ type: 'subscribed' });
    await socket.close();
  });

  it('stops sending a stream after unsubscribe', async () => {
    const socket = await connect();
    const a = `testOpen:${randomUUID()}`;
    const b = `testOpen:${randomUUID()}`;
    await socket.subscribe(a);
    await socket.subscribe(b);
    socket.send({ type: 'unsubscribe', stream: a });
    socket.send({ type: 'ping' });
    expect(await socket.next()).toEqual({ type: 'pong' });
    await publish(a);
    await publish(b);
    expect(await socket.next()).toMatchObject({ type: 'event', stream: b });
    await socket.close();
  });
});

describe('the LISTEN connection', () => {
  it('finds a silently dead LISTEN by its heartbeat, catches up from the heads, and listens again', async () => {
    const hub = t.app.realtime;
    const real = t.database.listen.bind(t.database);
    let listens = 0;
    let cut: (() => Promise<void>) | undefined;
    t.database.listen = async (channel, onPayload) => {
      listens += 1;
      const unlisten = await real(channel, onPayload);
      cut = unlisten;
      return unlisten;
    };
    try {
      hub.listener.lost(new Error('test: switch to the wrapped listen'));
      await hub.listener.settled();
      expect(listens).toBe(1);
      const socket = await connect();
      const stream = `testOpen:${randomUUID()}`;
      await socket.subscribe(stream);
      await cut!(); // the connection dies without the driver saying so
      await publish(stream, 'while.dead');
      await hub.tick(); // sends a heartbeat that will not come back; catches up from the heads
      expect(await socket.next()).toMatchObject({ type: 'event', seq: 1, eventType: 'while.dead' });
      await hub.tick(); // the heartbeat never came: listen again
      await hub.listener.settled();
      expect(listens).toBe(2);
      await publish(stream, 'live.again');
      expect(await socket.next()).toMatchObject({ type: 'event', seq: 2, eventType: 'live.again' });
      expect(t.logLines.some((line) => line.includes('heartbeat failed'))).toBe(false);
      await socket.close();
    } finally {
      t.database.listen = real;
    }
  });

  it('listens again when the driver reports the connection lost, and delivers what was published meanwhile', async () => {
    const hub = t.app.realtime;
    const real = t.database.listen.bind(t.database);
    let reportLost: ((error: Error) => void) | undefined;
    let cut: (() => Promise<void>) | undefined;
    let failNext = 1;
    // The driver's optional third argument, as PostgreSQL's dedicated client reports a drop.
    const wrapped = async (channel: string, onPayload: (payload: string) => void, onLost?: (error: Error) => void) => {
      if (failNext > 0 && cut) {
        failNext -= 1;
        throw new Error('test: the server is not reachable yet');
      }
      const unlisten = await real(channel, onPayload);
      reportLost = onLost;
      cut = unlisten;
      return unlisten;
    };
    t.database.listen = wrapped;
    try {
      hub.listener.lost(new Error('test: switch to the wrapped listen'));
      await hub.listener.settled();
      const socket = await connect();
      const stream = `testOpen:${randomUUID()}`;
      await socket.subscribe(stream);
      await cut!();
      await publish(stream, 'during.outage');
      reportLost!(new Error('test: connection terminated'));
      await hub.listener.settled(); // one failed attempt, then listening again, then a resync
      expect(await socket.next()).toMatchObject({ type: 'event', seq: 1, eventType: 'during.outage' });
      await publish(stream, 'after.outage');
      expect(await socket.next()).toMatchObject({ type: 'event', seq: 2, eventType: 'after.outage' });
      expect(t.logLines.some((line) => line.includes('LISTEN connection was lost'))).toBe(true);
      await socket.close();
    } finally {
      t.database.listen = real;
    }
  });
});

describe('shutdown', () => {
  it('closes open sockets with 1001 and does not hang', async () => {
    const own = await createTestApp();
    const ownUrl = await realtimeUrl(own);
    const person = await createTestPerson(own);
    const session = await signIn(own, person);
    const socket = await openTestSocket(ownUrl, { cookie: session.cookie });
    await socket.subscribe(`inbox:${person.personId}`);
    // A second client that never answers the close handshake is cut off after the grace period.
    const mute = await openTestSocket(ownUrl, { cookie: session.cookie });
    mute.socket.pause();
    await own.close();
    expect(await socket.closed).toMatchObject({ code: 1001 });
    mute.socket.resume();
    await mute.closed;
    expect(own.app.realtime.connectionCount).toBe(0);
  });
});
