import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox, notifications } from '../../db/schema/index.ts';
import { deliverDueEmails, smtpTransport } from '../../mail/mail-worker.ts';
import { signIn } from '../../testing/actors.ts';
import { startSmtpSink, type CapturedEmail } from '../../testing/smtp-sink.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { remindMeetings } from '../meetings/meeting-reminders.ts';
import { remindOverdue } from '../panels/overdue-reminders.ts';
import { approve, reportCast, saveDraft, sign, stepUp, draftText, type ReportCast } from '../../../tests/integration/outcome-report-fixtures.ts';
import { accept, contribute, invite, patientWithRecord, requestPanel, share, someone, transition, type Someone } from '../../../tests/integration/panel-fixtures.ts';
import { sendDailyDigests } from './daily-digest.ts';
import { nextDigestAt } from './notification-email.ts';

const DAY = 86_400_000;
let t: TestApp;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let cast: ReportCast;

beforeAll(async () => {
  t = await createTestApp();
  sink = await startSmtpSink();
  cast = await reportCast(t);
});
afterAll(async () => {
  await sink?.stop();
  await t?.close();
});

/** Delivers everything due to these people over real SMTP (the outbox is shared with other test files). */
async function deliverAll(to: readonly string[]): Promise<void> {
  const transport = smtpTransport(sink.url);
  try {
    for (let round = 0; round < 200; round++) {
      const { sent, failed } = await deliverDueEmails(t.database.db, t.clock, transport, 'Open CPMS <no-reply@example.org>', { to });
      if (sent === 0 && failed === 0) return;
    }
  } finally {
    transport.close();
  }
}

const to = (who: Someone) => (m: CapturedEmail) => m.to.includes(who.person.email);
const patch = (who: Someone, email: Record<string, string>) => t.app.inject({ method: 'PATCH', url: '/api/me/notification-preferences', headers: who.session.headers, payload: { email } });

describe('notification e-mails carry links and times, never clinical content', () => {
  it('captures every e-mail of a panel from request to signed outcome over SMTP and finds no sentinel in the raw MIME, bodies or calendar entries', async () => {
    const tag = randomUUID().slice(0, 8);
    const sentinels = {
      nickname: `SNTLNICK${tag}`,
      title: `SNTLTITLE${tag}`,
      question: `SNTLQUESTION${tag}`,
      contribution: `SNTLCONTRIB${tag}`,
      infoRequest: `SNTLASK${tag}`,
      answer: `SNTLANSWER${tag}`,
      report: `SNTLREPORT${tag}`,
      meeting: `SNTLMEETING${tag}`,
    };
    const guestEmail = `guest-${tag}@elsewhere.example`;
    const patientId = await patientWithRecord(t, cast.lead.session, cast.orgs.waldstadt, 'Progressive gait ataxia since age 4.', sentinels.nickname);
    const panelId = await requestPanel(t, cast.lead.session, { patientId, ernId: cast.orgs.rnd, urgency: 'veryUrgent', title: sentinels.title, clinicalQuestion: `${sentinels.question}: which test next?` });
    await share(t, cast.lead.session, panelId, { recordVersion: 1, sections: ['history'] });
    await transition(t, cast.lead.session, panelId, 'submit'); // coordinators: awaits triage
    await transition(t, cast.coordinator.session, panelId, 'returnToDraft', { reason: 'Please share the family history too.' }); // requester: returned
    await transition(t, cast.lead.session, panelId, 'submit');
    await transition(t, cast.coordinator.session, panelId, 'accept'); // requester: accepted
    await invite(t, cast.lead.session, panelId, [cast.member.person.personId]); // member: invited
    const guest = await t.app.inject({ method: 'POST', url: `/api/panels/${panelId}/guest-invitations`, headers: cast.lead.session.headers, payload: { email: guestEmail, displayName: 'Dr Guest Elsewhere', justification: 'Expert in vitamin E metabolism, outside the networks.' } });
    expect(guest.statusCode, guest.body).toBeLessThan(300); // guest: invited; coordinators: guest request
    await accept(t, cast.member.session, panelId);
    await contribute(t, cast.member.session, panelId, `${sentinels.contribution}: consistent with AVED.`); // lead: contribution (daily summary by default)
    const asked = await t.app.inject({ method: 'POST', url: `/api/panels/${panelId}/info-requests`, headers: cast.member.session.headers, payload: { question: `${sentinels.infoRequest}: what was the vitamin E level?` } });
    expect(asked.statusCode, asked.body).toBe(201);
    const answered = await t.app.inject({ method: 'POST', url: `/api/info-requests/${asked.json<{ id: string }>().id}/answer`, headers: cast.lead.session.headers, payload: { answer: `${sentinels.answer}: 2.1 mg/L.` } });
    expect(answered.statusCode, answered.body).toBe(200);
    const meeting = await t.app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: cast.coordinator.session.headers,
      payload: { ernId: cast.orgs.rnd, title: sentinels.meeting, startsAt: new Date(t.clock.now().getTime() + 3 * DAY).toISOString(), durationMinutes: 60, timeZone: 'Europe/Brussels', agenda: [{ panelId, minutes: 30 }] },
    });
    expect(meeting.statusCode, meeting.body).toBe(201);
    const deps = { db: t.database.db, clock: t.clock, config: t.config };
    t.clock.advance(2.5 * DAY);
    await remindOverdue(deps); // lead: past its deadline (very urgent)
    await remindMeetings(deps); // everyone on the agenda: begins soon
    for (const who of [cast.lead, cast.member, cast.coordinator]) who.session = await signIn(t, who.person); // the idle sessions ended meanwhile
    await transition(t, cast.lead.session, panelId, 'startOutcome');
    const reassigned = await t.app.inject({ method: 'POST', url: `/api/panels/${panelId}/lead`, headers: cast.coordinator.session.headers, payload: { personId: cast.member.person.personId } });
    expect(reassigned.statusCode, reassigned.body).toBe(200); // member: now the lead
    const draft = await saveDraft(t, cast.member, panelId, 1, 0, draftText(`${sentinels.report}: vitamin E deficiency ataxia.`));
    expect(draft.statusCode, draft.body).toBe(200);
    expect((await approve(t, cast.lead, panelId, 1, 1)).statusCode).toBe(200);
    await stepUp(t, cast.member);
    const signed = await sign(t, cast.member, panelId, 1, { expectedRevision: 1 });
    expect(signed.statusCode, signed.body).toBe(200); // requester: outcome report ready
    t.clock.set(nextDigestAt(t.clock.now(), 'Europe/Brussels'));
    t.clock.advance(DAY); // every time zone's summary hour has come
    await sendDailyDigests(t.database.db, t.clock);
    await deliverAll([cast.lead, cast.member, cast.coordinator].map((who) => who.person.email).concat(guestEmail));

    const ours = sink.messages.filter((m) => [cast.lead, cast.member, cast.coordinator].some((who) => to(who)(m)) || m.to.includes(guestEmail));
    const subjects = (who: Someone) => ours.filter(to(who)).map((m) => m.subject);
    expect(subjects(cast.coordinator)).toEqual(expect.arrayContaining(['Open CPMS: a panel request awaits triage', 'Open CPMS: a guest-account request awaits your decision']));
    expect(subjects(cast.member)).toEqual(expect.arrayContaining(['Open CPMS: you are invited to a panel', 'Open CPMS: your question to the enrolling clinician was answered', 'Open CPMS: meeting invitation', 'Open CPMS: meeting reminder', 'Open CPMS: you are now the lead of a panel']));
    expect(subjects(cast.lead)).toEqual(
      expect.arrayContaining([
        'Open CPMS: your panel request was returned with a question',
        'Open CPMS: your panel request was accepted',
        'Open CPMS: a panel asks you for more information',
        'Open CPMS: a panel you lead is past its deadline',
        'Open CPMS: an outcome report is ready',
        'Open CPMS: your daily summary (1 update)',
      ]),
    );
    expect(ours.filter((m) => m.to.includes(guestEmail)).map((m) => m.subject)).toEqual(['Open CPMS: you are invited as a guest expert']);
    const calendars = ours.flatMap((m) => m.attachments.filter((a) => a.mimeType === 'text/calendar'));
    expect(calendars.length).toBeGreaterThanOrEqual(2);
    expect(ours.find((m) => m.subject.startsWith('Open CPMS: your daily summary'))!.text).toContain(`/panels/${panelId}`);

    // Every message of this panel, in every form a mail client could show it.
    const secrets = [...Object.values(sentinels), 'AVED', 'vitamin'];
    for (const message of ours) {
      const forms = [message.raw, message.raw.replace(/=\r?\n/g, ''), message.subject, message.text, message.html, ...message.attachments.map((a) => a.content)];
      for (const secret of secrets) for (const form of forms) expect(form.toLowerCase(), `${message.subject} to ${message.to.join()}`).not.toContain(secret.toLowerCase());
    }
  });
});

describe('notification preferences', () => {
  it('sends a category at once, in the daily summary, or not at all, as the person chose; the inbox has everything', async () => {
    cast.coordinator.session = await signIn(t, cast.coordinator.person);
    const lead = await someone(t, [{ role: 'healthProfessional', hospitalId: cast.orgs.waldstadt, ernId: cast.orgs.rnd }], 'Dr Prefers Quiet');
    const expert = await someone(t, [{ role: 'healthProfessional', hospitalId: cast.orgs.noordhaven, ernId: cast.orgs.rnd }], 'Dr Prefers Digest');
    expect((await t.app.inject({ method: 'GET', url: '/api/me/notification-preferences', headers: lead.session.headers })).json()).toMatchObject({
      email: { invitations: 'immediate', contributions: 'dailyDigest', meetings: 'immediate' },
      digestHour: 7,
    });
    expect((await patch(lead, { contributions: 'immediate', panelRequests: 'off' })).statusCode).toBe(200);
    expect((await patch(expert, { invitations: 'dailyDigest' })).json()).toMatchObject({ email: { invitations: 'dailyDigest', contributions: 'dailyDigest' } });
    const refused = await patch(expert, { meetings: 'dailyDigest' });
    expect(refused.statusCode).toBe(400); // a calendar invitation must come before the meeting
    expect(refused.body).toContain('meetings');
    expect((await patch(expert, { invitations: 'sometimes' })).statusCode).toBe(400);

    const patientId = await patientWithRecord(t, lead.session, cast.orgs.waldstadt);
    const panelId = await requestPanel(t, lead.session, { patientId, ernId: cast.orgs.rnd });
    await share(t, lead.session, panelId, { recordVersion: 1, sections: ['history'] });
    await transition(t, lead.session, panelId, 'submit');
    await transition(t, cast.coordinator.session, panelId, 'accept');
    await invite(t, lead.session, panelId, [expert.person.personId]);
    await accept(t, expert.session, panelId);
    await contribute(t, expert.session, panelId);

    const outbox = async (who: Someone) => t.database.db.select().from(emailOutbox).where(eq(emailOutbox.recipientId, who.person.personId));
    const leadMail = await outbox(lead);
    expect(leadMail.map((m) => m.subject)).toEqual(['Open CPMS: a new expert contribution on a panel']); // at once; "accepted" is off
    expect(leadMail[0]!.digestDueAt).toBeNull();
    const held = await outbox(expert);
    expect(held.map((m) => [m.subject, m.sentAt])).toEqual([['Open CPMS: you are invited to a panel', null]]);
    expect(new Date(held[0]!.digestDueAt!).toISOString()).toBe(nextDigestAt(new Date(held[0]!.createdAt), 'Europe/Brussels').toISOString());
    // The inbox has the switched-off one all the same.
    const inApp = await t.database.db.select({ kind: notifications.kind }).from(notifications).where(and(eq(notifications.personId, lead.person.personId), eq(notifications.panelId, panelId)));
    expect(inApp.map((n) => n.kind)).toEqual(expect.arrayContaining(['panelTransition', 'contributionPosted']));

    await deliverAll([expert.person.email, lead.person.email]);
    expect(sink.messages.filter(to(expert))).toHaveLength(0); // held until the summary hour
    t.clock.set(new Date(new Date(held[0]!.digestDueAt!).getTime() - 60_000));
    await sendDailyDigests(t.database.db, t.clock);
    await deliverAll([expert.person.email, lead.person.email]);
    expect(sink.messages.filter(to(expert))).toHaveLength(0);
    t.clock.advance(60_000);
    await sendDailyDigests(t.database.db, t.clock);
    await sendDailyDigests(t.database.db, t.clock); // a second run (or node) finds nothing left
    await deliverAll([expert.person.email, lead.person.email]);
    const summaries = sink.messages.filter(to(expert));
    expect(summaries.map((m) => m.subject)).toEqual(['Open CPMS: your daily summary (1 update)']);
    expect(summaries[0]!.text).toContain('you are invited to a panel');
    expect(summaries[0]!.text).toContain(`/panels/${panelId}`);
    const [digested] = await outbox(expert).then((rows) => rows.filter((m) => m.subject.includes('invited')));
    expect(digested!.sentAt).not.toBeNull();
    expect(digested!.digestedInto).toBe((await outbox(expert)).find((m) => m.subject.includes('daily summary'))!.id);
  });
});

describe('the daily summary hour', () => {
  it('is 07:00 in the person own time zone, strictly after now, across offsets of half and three quarter hours and daylight saving', () => {
    const at = (iso: string, zone: string) => nextDigestAt(new Date(iso), zone).toISOString();
    expect(at('2026-12-07T22:00:00Z', 'Europe/Brussels')).toBe('2026-12-08T06:00:00.000Z');
    expect(at('2026-12-08T06:00:00Z', 'Europe/Brussels')).toBe('2026-12-09T06:00:00.000Z');
    expect(at('2026-07-01T12:00:00Z', 'Europe/Brussels')).toBe('2026-07-02T05:00:00.000Z');
    expect(at('2026-12-07T22:00:00Z', 'Asia/Kolkata')).toBe('2026-12-08T01:30:00.000Z');
    expect(at('2026-12-07T22:00:00Z', 'Asia/Kathmandu')).toBe('2026-12-08T01:15:00.000Z');
    expect(at('2026-12-07T22:00:00Z', 'America/St_Johns')).toBe('2026-12-08T10:30:00.000Z');
    expect(at('2026-03-28T12:00:00Z', 'Europe/Lisbon')).toBe('2026-03-29T06:00:00.000Z'); // the night the clocks go forward
  });
});
