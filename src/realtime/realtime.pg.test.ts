import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPerson, signIn, type SignedIn, type TestPerson } from '../testing/actors.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { publishEvent } from './publish-event.ts';
import { events, openTestSocket, realtimeUrl } from './realtime-test-support.ts';

/**
 * Two application nodes — each its own pool, LISTEN connection and hub — on one PostgreSQL database, as
 * behind a load balancer: what one node publishes reaches the other's clients through NOTIFY.
 */
let a: TestApp;
let b: TestApp;
let person: TestPerson;
let session: SignedIn;

beforeAll(async () => {
  a = await createTestApp();
  b = await createTestApp();
  for (const node of [a, b]) node.app.realtime.registerStreamKind('testOpen', { authorize: () => true });
  person = await createTestPerson(a);
  session = await signIn(a, person); // the session lives in the shared database: valid on both nodes
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

const publishThrough = (node: TestApp, stream: string, type: string, data: Record<string, unknown> = {}) =>
  node.database.db.transaction((tx) => publishEvent(tx, node.clock, { stream, type, data }));

describe('real time across two nodes on PostgreSQL', () => {
  it('delivers an event published through node A to a client connected to node B', async () => {
    const client = await openTestSocket(await realtimeUrl(b), { cookie: session.cookie });
    const inbox = `inbox:${person.personId}`;
    expect(await client.subscribe(inbox)).toMatchObject({ type: 'subscribed', stream: inbox });
    const messageId = randomUUID();
    await publishThrough(a, inbox, 'message.posted', { messageId });
    expect(await client.next()).toMatchObject({ type: 'event', stream: inbox, eventType: 'message.posted', data: { messageId } });
    await client.close();
  });

  it('numbers writers on both nodes gap-free, and each node delivers them in order', async () => {
    const stream = `testOpen:${randomUUID()}`;
    const onA = await openTestSocket(await realtimeUrl(a), { cookie: session.cookie });
    const onB = await openTestSocket(await realtimeUrl(b), { cookie: session.cookie });
    await onA.subscribe(stream);
    await onB.subscribe(stream);
    const seqs = await Promise.all(Array.from({ length: 20 }, (_, i) => publishThrough(i % 2 === 0 ? a : b, stream, 'concurrent', { i })));
    const expected = Array.from({ length: 20 }, (_, i) => i + 1);
    expect([...seqs].sort((x, y) => x - y)).toEqual(expected);
    expect(events(await onA.take(20)).map((e) => e.seq)).toEqual(expected);
    expect(events(await onB.take(20)).map((e) => e.seq)).toEqual(expected);
    await onA.close();
    await onB.close();
  });

  it('lets a client that lost node A reconnect to node B with its last counter and receive what it missed', async () => {
    const stream = `testOpen:${randomUUID()}`;
    const first = await openTestSocket(await realtimeUrl(a), { cookie: session.cookie });
    await first.subscribe(stream);
    await publishThrough(a, stream, 'seen');
    await publishThrough(b, stream, 'seen');
    const seen = events(await first.take(2));
    await first.close();

    await publishThrough(a, stream, 'missed');
    await publishThrough(b, stream, 'missed');
    await publishThrough(a, stream, 'missed');

    const again = await openTestSocket(await realtimeUrl(b), { cookie: session.cookie });
    expect(await again.subscribe(stream, seen.at(-1)!.seq)).toEqual({ type: 'subscribed', stream, head: 5 });
    const missed = events(await again.take(3));
    expect(missed.map((e) => [e.seq, e.eventType])).toEqual([
      [3, 'missed'],
      [4, 'missed'],
      [5, 'missed'],
    ]);
    await publishThrough(a, stream, 'live');
    expect(await again.next()).toMatchObject({ type: 'event', seq: 6, eventType: 'live' });
    await again.close();
  });

  it('listens again after PostgreSQL terminates the LISTEN connection, and delivers what was published meanwhile', async () => {
    // A listen like openPostgres's (handles 'error', reports the loss once) but on a connection with a name of
    // its own, so the test terminates exactly this node's LISTEN and no other test's.
    const applicationName = `cpms-listen-${randomUUID().slice(0, 8)}`;
    const real = b.database.listen.bind(b.database);
    let listens = 0;
    let relistened!: () => void;
    const secondListen = new Promise<void>((resolve) => (relistened = resolve));
    b.database.listen = async (channel: string, onPayload: (payload: string) => void, onLost?: (error: Error) => void) => {
      const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL, application_name: applicationName });
      let ended = false;
      client.on('error', (error) => {
        if (ended) return;
        ended = true;
        void client.end().catch(() => undefined);
        onLost?.(error);
      });
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel === channel) onPayload(message.payload ?? '');
      });
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      listens += 1;
      if (listens === 2) relistened();
      return async () => {
        ended = true;
        await client.end();
      };
    };
    try {
      b.app.realtime.listener.lost(new Error('test: switch to the reporting listen'));
      await b.app.realtime.listener.settled();
      const stream = `testOpen:${randomUUID()}`;
      const client = await openTestSocket(await realtimeUrl(b), { cookie: session.cookie });
      await client.subscribe(stream);

      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [applicationName]);
      await admin.end();
      await publishThrough(a, stream, 'during.outage');
      await secondListen; // b found out, and listens again
      await b.app.realtime.listener.settled();
      await publishThrough(a, stream, 'after.outage');
      expect(events(await client.take(2)).map((e) => [e.seq, e.eventType])).toEqual([
        [1, 'during.outage'],
        [2, 'after.outage'],
      ]);
      expect(b.logLines.some((line) => line.includes('LISTEN connection was lost'))).toBe(true);
      await client.close();
    } finally {
      b.database.listen = real;
    }
  });
});
