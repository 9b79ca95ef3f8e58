import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox } from '../db/schema/index.ts';
import { startSmtpSink } from '../testing/smtp-sink.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { deliverDueEmails, smtpTransport } from './mail-worker.ts';
import { queueEmail } from './queue-email.ts';

let t: TestApp;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  t = await createTestApp();
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink?.stop();
  await t?.close();
});

describe('e-mail outbox', () => {
  it('delivers queued mail over real SMTP once, and retries later after a failure', async () => {
    const to = `doctor-${randomUUID()}@hospital.example`;
    await t.database.db.transaction((tx) => queueEmail(tx, t.clock, { recipientId: null, to, subject: 'Open CPMS: test', text: 'Open https://cpms.example/x' }));

    // The outbox is shared with other tests' mail: deliver in rounds until ours has been tried.
    const mine = async () => (await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to)))[0]!;
    const broken = { send: () => Promise.reject(new Error('connection refused')) };
    for (let round = 0; round < 100 && (await mine()).attempts === 0; round++) await deliverDueEmails(t.database.db, t.clock, broken, 'Open CPMS <no-reply@example.org>');
    const failed = await mine();
    expect(failed).toMatchObject({ attempts: 1, sentAt: null, lastError: 'connection refused' });

    const transport = smtpTransport(sink.url);
    await deliverDueEmails(t.database.db, t.clock, transport, 'Open CPMS <no-reply@example.org>');
    expect(sink.messages.filter((m) => m.to.includes(to))).toHaveLength(0); // backing off: not due yet
    t.clock.advance(61_000);
    for (let round = 0; round < 100 && (await mine()).sentAt === null; round++) await deliverDueEmails(t.database.db, t.clock, transport, 'Open CPMS <no-reply@example.org>');
    await deliverDueEmails(t.database.db, t.clock, transport, 'Open CPMS <no-reply@example.org>');
    transport.close();
    const received = sink.messages.filter((m) => m.to.includes(to));
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ subject: 'Open CPMS: test' });
    expect(received[0]!.text).toContain('https://cpms.example/x');
  });

  it('sends a calendar invitation as a text/calendar part with its method, as calendar clients expect', async () => {
    const to = `expert-${randomUUID()}@hospital.example`;
    const content = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'METHOD:REQUEST', 'BEGIN:VEVENT', 'UID:meeting-x@open-cpms', 'DTSTAMP:20261122T080000Z', 'DTSTART:20261203T150000Z', 'DTEND:20261203T160000Z', 'SUMMARY:ERN-RND panel meeting', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    await t.database.db.transaction((tx) => queueEmail(tx, t.clock, { recipientId: null, to, subject: 'Open CPMS: meeting invitation', text: 'Open https://cpms.example/meetings/x', calendar: { method: 'REQUEST', content } }));
    const transport = smtpTransport(sink.url);
    for (let round = 0; round < 100 && !sink.messages.some((m) => m.to.includes(to)); round++) await deliverDueEmails(t.database.db, t.clock, transport, 'Open CPMS <no-reply@example.org>');
    transport.close();
    const received = sink.messages.find((m) => m.to.includes(to))!;
    expect(received.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    expect(received.raw.replace(/=\r\n/g, '')).toContain('UID:meeting-x@open-cpms');
    expect(received.text).toContain('https://cpms.example/meetings/x');
  });
});
