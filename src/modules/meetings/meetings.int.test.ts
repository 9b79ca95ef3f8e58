import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, emailOutbox, panelMembers, panels } from '../../db/schema/index.ts';
import { createTestPerson, seededOrganisations, signIn, type SignedIn, type TestPerson } from '../../testing/actors.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { remindMeetings } from './meeting-reminders.ts';
import type { MeetingList, MeetingView } from './meetings.contract.ts';

const careConsent = { givenBy: 'patient', representativeRelation: null, givenOn: '2026-01-01', formVersion: 'care-2025-1', language: 'de', evidence: 'attestation' } as const;

let t: TestApp;
let orgs: Awaited<ReturnType<typeof seededOrganisations>>;
interface Cast {
  person: TestPerson;
  session: SignedIn;
}
let coordinator: Cast;
let lead: Cast;
let memberA: Cast;
let invitedA: Cast;
let memberB: Cast;
let outsider: Cast;

async function cast(affiliations: Parameters<typeof createTestPerson>[1]): Promise<Cast> {
  const person = await createTestPerson(t, affiliations);
  return { person, session: await signIn(t, person) };
}

beforeAll(async () => {
  t = await createTestApp();
  orgs = await seededOrganisations(t);
  coordinator = await cast({ affiliations: [{ role: 'coordinator', ernId: orgs.rnd }], displayName: 'Coordinator Cora' });
  lead = await cast({ affiliations: [{ role: 'healthProfessional', hospitalId: orgs.waldstadt, ernId: orgs.rnd }], displayName: 'Lead Lena' });
  memberA = await cast({ affiliations: [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }], displayName: 'Member Anouk' });
  invitedA = await cast({ affiliations: [{ role: 'healthProfessional', hospitalId: orgs.sainteAurore, ernId: orgs.rnd }], displayName: 'Invited Ines' });
  memberB = await cast({ affiliations: [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }], displayName: 'Member Bram' });
  outsider = await cast({ affiliations: [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }] });
});
afterAll(async () => {
  await t?.close();
});

/** An open panel of ERN-RND on a fresh Waldstadt patient, led by `lead`, with the given members (written directly: this tests meetings). */
async function openPanel(title: string, members: { who: Cast; status: 'accepted' | 'invited' }[]): Promise<string> {
  const identity = { givenName: 'Meeting', familyName: `Fixture-${randomUUID().slice(0, 6)}`, dateOfBirth: '2012-05-06', recordNumber: `MT-${randomUUID().slice(0, 10)}`, nationalId: null };
  const enrolled = await t.app.inject({ method: 'POST', url: '/api/patients', headers: lead.session.headers, payload: { hospitalId: orgs.waldstadt, careConsent, nickname: 'Meeting fixture', sex: 'female', identity } });
  const now = t.clock.now().toISOString();
  const [panel] = await t.database.db
    .insert(panels)
    .values({ ernId: orgs.rnd, patientId: enrolled.json<{ id: string }>().id, type: 'diagnosis', urgency: 'routine', title, clinicalQuestion: 'Which investigations confirm the diagnosis?', status: 'open', requestedBy: lead.person.personId, createdAt: now, updatedAt: now, openedAt: now })
    .returning({ id: panels.id });
  const rows = [{ who: lead, status: 'accepted' as const, role: 'lead' as const }, ...members.map((m) => ({ ...m, role: 'member' as const }))];
  await t.database.db.insert(panelMembers).values(rows.map((m) => ({ panelId: panel!.id, personId: m.who.person.personId, role: m.role, status: m.status, invitedBy: lead.person.personId, invitedAt: now })));
  return panel!.id;
}

const mailTo = (personIds: string[], since: string) =>
  t.database.db.select().from(emailOutbox).where(and(inArray(emailOutbox.recipientId, personIds), eq(emailOutbox.createdAt, since)));

describe('meetings', () => {
  let panelA: string;
  let panelB: string;
  let meeting: MeetingView;
  const startsAt = () => new Date(t.clock.now().getTime() + 3 * 86_400_000).toISOString();

  beforeAll(async () => {
    panelA = await openPanel('Panel A: childhood ataxia', [{ who: memberA, status: 'accepted' }, { who: invitedA, status: 'invited' }]);
    panelB = await openPanel('Panel B: chorea', [{ who: memberB, status: 'accepted' }]);
  });

  it('a coordinator schedules a meeting with two panels; each invited person gets a content-free e-mail with a calendar entry', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: coordinator.session.headers,
      payload: { ernId: orgs.rnd, title: 'December board', startsAt: startsAt(), durationMinutes: 90, timeZone: 'Europe/Brussels', agenda: [{ panelId: panelA, minutes: 30 }, { panelId: panelB, minutes: 30 }] },
    });
    expect(created.statusCode).toBe(201);
    meeting = created.json<MeetingView>();
    expect(meeting.agenda.map((a) => a.panel.id)).toEqual([panelA, panelB]);
    expect(new Date(meeting.agenda[1]!.startsAt).getTime() - new Date(meeting.startsAt).getTime()).toBe(30 * 60_000);

    const mail = await mailTo([coordinator, lead, memberA, invitedA, memberB, outsider].map((c) => c.person.personId), t.clock.now().toISOString());
    const recipients = new Set(mail.map((m) => m.recipientId));
    expect(recipients).toEqual(new Set([coordinator, lead, memberA, memberB].map((c) => c.person.personId)));
    for (const message of mail) {
      expect(message.calendarMethod).toBe('REQUEST');
      expect(message.calendarContent).toContain(`UID:meeting-${meeting.id}@open-cpms`);
      expect(message.calendarContent).toContain('SEQUENCE:0');
      for (const secret of ['Panel A', 'Panel B', 'ataxia', 'December board']) {
        expect(message.bodyText + message.subject + message.calendarContent).not.toContain(secret);
      }
      expect(message.bodyText).toContain(`/meetings/${meeting.id}`);
    }
  });

  it('shows each person only the agenda items of their own panels; others see nothing', async () => {
    const asA = (await t.app.inject({ method: 'GET', url: `/api/meetings/${meeting.id}`, headers: memberA.session.headers })).json<MeetingView>();
    expect(asA.agenda.map((a) => a.panel.id)).toEqual([panelA]);
    expect(asA.otherItems).toBe(1);
    expect(asA.canManage).toBe(false);
    expect(asA.agenda[0]!.canEditNotes).toBe(true);
    const asB = (await t.app.inject({ method: 'GET', url: `/api/meetings/${meeting.id}`, headers: memberB.session.headers })).json<MeetingView>();
    expect(asB.agenda.map((a) => a.panel.id)).toEqual([panelB]);
    const asInvited = (await t.app.inject({ method: 'GET', url: `/api/meetings/${meeting.id}`, headers: invitedA.session.headers })).json<MeetingView>();
    expect(asInvited.agenda.map((a) => [a.panel.id, a.canEditNotes])).toEqual([[panelA, false]]);
    expect((await t.app.inject({ method: 'GET', url: `/api/meetings/${meeting.id}`, headers: outsider.session.headers })).statusCode).toBe(404);
    const asCoordinator = (await t.app.inject({ method: 'GET', url: `/api/meetings/${meeting.id}`, headers: coordinator.session.headers })).json<MeetingView>();
    expect(asCoordinator.agenda).toHaveLength(2);
    expect(asCoordinator.canManage).toBe(true);

    const listed = (await t.app.inject({ method: 'GET', url: '/api/meetings', headers: memberA.session.headers })).json<MeetingList>();
    expect(listed.meetings.find((m) => m.id === meeting.id)).toMatchObject({ myItems: 1, cancelled: false });
    expect((await t.app.inject({ method: 'GET', url: '/api/meetings', headers: outsider.session.headers })).json<MeetingList>().meetings.map((m) => m.id)).not.toContain(meeting.id);

    const viewed = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'meeting.viewed'), eq(auditEvents.actorId, memberA.person.personId)));
    expect(viewed.length).toBeGreaterThan(0);
    expect(viewed.every((e) => e.patientId !== null)).toBe(true);
  });

  it('lets the panel\'s members write its notes, once per version; nobody else', async () => {
    const itemA = meeting.agenda[0]!.id;
    const itemB = meeting.agenda[1]!.id;
    const save = (who: Cast, item: string, expectedVersion: number, notes: string) =>
      t.app.inject({ method: 'PUT', url: `/api/meetings/${meeting.id}/agenda/${item}/notes`, headers: who.session.headers, payload: { expectedVersion, notes } });
    expect((await save(memberA, itemA, 0, 'Agreed: repeat expansion testing.')).json()).toEqual({ notesVersion: 1 });
    expect((await save(lead, itemA, 0, 'Stale edit')).statusCode).toBe(409);
    expect((await save(memberB, itemA, 1, 'Not my panel')).statusCode).toBe(404);
    expect((await save(invitedA, itemA, 1, 'Not accepted yet')).statusCode).toBe(403);
    expect((await save(outsider, itemB, 0, 'Nothing')).statusCode).toBe(404);
    const asLead = (await t.app.inject({ method: 'GET', url: `/api/meetings/${meeting.id}`, headers: lead.session.headers })).json<MeetingView>();
    expect(asLead.agenda.find((a) => a.id === itemA)).toMatchObject({ notes: 'Agreed: repeat expansion testing.', notesVersion: 1, notesUpdatedBy: { displayName: 'Member Anouk' } });
    // an item with notes stays on the agenda
    expect((await t.app.inject({ method: 'DELETE', url: `/api/meetings/${meeting.id}/agenda/${itemA}`, headers: coordinator.session.headers })).statusCode).toBe(409);
  });

  it('reminds once a day before, sends updates with a higher sequence when moved, and cancellations', async () => {
    expect((await t.app.inject({ method: 'PUT', url: `/api/meetings/${meeting.id}/schedule`, headers: memberA.session.headers, payload: { startsAt: startsAt(), durationMinutes: 60 } })).statusCode).toBe(403);
    const tooShort = await t.app.inject({ method: 'PUT', url: `/api/meetings/${meeting.id}/schedule`, headers: coordinator.session.headers, payload: { startsAt: startsAt(), durationMinutes: 45 } });
    expect(tooShort.statusCode).toBe(422);

    t.clock.advance(1_000);
    const soon = new Date(t.clock.now().getTime() + 12 * 3_600_000).toISOString();
    const moved = await t.app.inject({ method: 'PUT', url: `/api/meetings/${meeting.id}/schedule`, headers: coordinator.session.headers, payload: { startsAt: soon, durationMinutes: 60 } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json<MeetingView>().sequence).toBe(1);
    const updates = await mailTo([memberA.person.personId], t.clock.now().toISOString());
    expect(updates.map((m) => [m.subject, m.calendarContent?.includes('SEQUENCE:1')])).toEqual([['Open CPMS: meeting changed', true]]);

    t.clock.advance(1_000);
    expect(await remindMeetings({ db: t.database.db, clock: t.clock, config: t.config })).toBeGreaterThanOrEqual(1);
    expect(await remindMeetings({ db: t.database.db, clock: t.clock, config: t.config })).toBe(0);
    const reminders = await mailTo([memberA.person.personId, memberB.person.personId], t.clock.now().toISOString());
    expect(reminders.map((m) => m.subject)).toEqual(['Open CPMS: meeting reminder', 'Open CPMS: meeting reminder']);

    t.clock.advance(1_000);
    expect((await t.app.inject({ method: 'POST', url: `/api/meetings/${meeting.id}/cancel`, headers: coordinator.session.headers })).statusCode).toBe(204);
    const cancellations = await mailTo([memberB.person.personId], t.clock.now().toISOString());
    expect(cancellations.map((m) => [m.calendarMethod, m.calendarContent?.includes('STATUS:CANCELLED')])).toEqual([['CANCEL', true]]);
    expect((await t.app.inject({ method: 'POST', url: `/api/meetings/${meeting.id}/cancel`, headers: coordinator.session.headers })).statusCode).toBe(409);
  });

  it('lets a lead schedule only their own panels, and only running panels of the meeting\'s network', async () => {
    const other = await openPanel('Panel C', []);
    const payload = (agenda: object[]) => ({ ernId: orgs.rnd, title: 'Lead\'s meeting', startsAt: startsAt(), durationMinutes: 60, timeZone: 'Europe/Berlin', agenda });
    expect((await t.app.inject({ method: 'POST', url: '/api/meetings', headers: lead.session.headers, payload: payload([{ panelId: other, minutes: 20 }]) })).statusCode).toBe(201);
    // a member (not lead) sees panel A but may not schedule it
    expect((await t.app.inject({ method: 'POST', url: '/api/meetings', headers: memberA.session.headers, payload: payload([{ panelId: panelA, minutes: 20 }]) })).statusCode).toBe(403);
    // a panel the person cannot see is simply not there
    expect((await t.app.inject({ method: 'POST', url: '/api/meetings', headers: outsider.session.headers, payload: payload([{ panelId: panelA, minutes: 20 }]) })).statusCode).toBe(422);
    await t.database.db.update(panels).set({ status: 'closed' }).where(eq(panels.id, other));
    const closed = await t.app.inject({ method: 'POST', url: '/api/meetings', headers: lead.session.headers, payload: payload([{ panelId: other, minutes: 20 }]) });
    expect(closed.statusCode).toBe(422);
    expect((await t.app.inject({ method: 'POST', url: '/api/meetings', headers: lead.session.headers, payload: { ...payload([{ panelId: panelA, minutes: 20 }]), timeZone: 'Mars/Olympus' } })).statusCode).toBe(400);
  });
});
