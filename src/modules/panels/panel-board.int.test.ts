import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { affiliations, diseaseGroups, emailOutbox, panelReminders, people, personDiseaseGroups } from '../../db/schema/index.ts';
import { seededOrganisations, signIn } from '../../testing/actors.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { accept, invite, openPanel, ownErn, patientWithRecord, requestPanel, share, someone, submittedPanel, transition, type Someone } from '../../../tests/integration/panel-fixtures.ts';
import { remindOverdue } from './overdue-reminders.ts';

const DAY = 86_400_000;

let t: TestApp;
let orgs: Awaited<ReturnType<typeof seededOrganisations>>;
let lead: Someone;
let coordinator: Someone;
let patientId: string;
beforeAll(async () => {
  t = await createTestApp();
  orgs = await seededOrganisations(t);
  lead = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.waldstadt, ernId: orgs.rnd }]);
  coordinator = await someone(t, [{ role: 'coordinator', ernId: orgs.rnd }]);
  patientId = await patientWithRecord(t, lead.session, orgs.waldstadt);
});
afterAll(async () => {
  await t?.close();
});
// The reminder test moves the clock by days, past any session's lifetime.
beforeEach(async () => {
  lead = await fresh(lead);
  coordinator = await fresh(coordinator);
});

const get = (who: Someone, url: string) => t.app.inject({ method: 'GET', url, headers: who.session.headers });
type Board = { mine: { status: string; panels: { id: string; myRole: string; overdue: boolean }[] }[]; invitations: { id: string }[]; coordinated: { status: string; panels: { id: string }[] }[] };
const inStage = (groups: { status: string; panels: { id: string }[] }[], status: string) => groups.find((g) => g.status === status)!.panels.map((p) => p.id);
const fresh = async (who: Someone): Promise<Someone> => ({ ...who, session: await signIn(t, who.person) });

describe('the board', () => {
  it('shows my panels by stage, my invitations, and a coordinator their ERN\'s panels by stage', async () => {
    const draft = await requestPanel(t, lead.session, { patientId, ernId: orgs.rnd });
    const opened = await openPanel(t, lead.session, coordinator.session, patientId, orgs.rnd);
    const invitee = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }]);
    await invite(t, lead.session, opened, [invitee.person.personId]);

    const mine = (await get(lead, '/api/panels/board')).json<Board>();
    expect(mine.mine.map((g) => g.status)).toEqual(['draft', 'submitted', 'open', 'outcomeDrafting', 'outcomeSigned', 'closed', 'archived', 'cancelled']);
    expect(inStage(mine.mine, 'draft')).toContain(draft);
    expect(inStage(mine.mine, 'open')).toContain(opened);
    expect(mine.coordinated.every((g) => g.panels.length === 0)).toBe(true);

    const invited = (await get(invitee, '/api/panels/board')).json<Board>();
    expect(invited.invitations.map((p) => p.id)).toEqual([opened]);
    expect(invited.mine.flatMap((g) => g.panels)).toEqual([]);

    const coordinated = (await get(coordinator, '/api/panels/board')).json<Board>();
    expect(inStage(coordinated.coordinated, 'open')).toContain(opened);
    expect(inStage(coordinated.coordinated, 'draft')).toContain(draft);

    const outsider = await someone(t, [{ role: 'coordinator', ernId: orgs.erknet }]);
    const theirs = (await get(outsider, '/api/panels/board')).json<Board>();
    expect([...theirs.mine, ...theirs.coordinated].flatMap((g) => g.panels).map((p) => p.id)).not.toContain(opened);
  });
});

describe('deadlines and overdue reminders', () => {
  it('flags an overdue panel and reminds its lead once a day, by a content-free e-mail', async () => {
    const reminded = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.waldstadt, ernId: orgs.rnd }]);
    const ownPatient = await patientWithRecord(t, reminded.session, orgs.waldstadt);
    const panelId = await requestPanel(t, reminded.session, { patientId: ownPatient, ernId: orgs.rnd, urgency: 'veryUrgent', title: 'SENTINEL-TITLE', clinicalQuestion: 'SENTINEL-QUESTION: which test next?' });
    await share(t, reminded.session, panelId, { recordVersion: 1, sections: ['history'] });
    await transition(t, reminded.session, panelId, 'submit');
    const deps = { db: t.database.db, clock: t.clock, config: t.config };
    const sentTo = async () => (await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.recipientId, reminded.person.personId))).filter((m) => m.subject.includes('past its deadline'));

    await remindOverdue(deps);
    expect(await sentTo()).toHaveLength(0); // not yet due

    t.clock.advance(2 * DAY + 60_000);
    const lateView = (await get(await fresh(reminded), `/api/panels/${panelId}`)).json<{ overdue: boolean }>();
    expect(lateView.overdue).toBe(true);
    await remindOverdue(deps);
    await remindOverdue(deps);
    const first = await sentTo();
    expect(first).toHaveLength(1);
    expect(first[0]!.bodyText).toContain(`/panels/${panelId}`);
    const { patientCode } = (await get(await fresh(reminded), `/api/panels/${panelId}`)).json<{ patient: { patientCode: string } }>().patient;
    for (const mail of first) expect(`${mail.subject}\n${mail.bodyText}`).not.toMatch(new RegExp(`SENTINEL|${patientCode}`));

    t.clock.advance(DAY);
    await remindOverdue(deps);
    expect(await sentTo()).toHaveLength(2);
    expect(await t.database.db.select().from(panelReminders).where(eq(panelReminders.panelId, panelId))).toHaveLength(2);

    const board = (await get(await fresh(reminded), '/api/panels/board')).json<Board>();
    expect(board.mine.find((g) => g.status === 'submitted')!.panels.find((p) => p.id === panelId)).toMatchObject({ overdue: true });

    await transition(t, (await fresh(reminded)).session, panelId, 'cancel', { reason: 'No longer needed.' });
    t.clock.advance(DAY);
    await remindOverdue(deps);
    expect(await sentTo()).toHaveLength(2);
  });

  it('takes the deadline per urgency from the ERN\'s settings, which its coordinators set', async () => {
    const ernId = await ownErn(t, orgs.waldstadt, { triageRequired: true });
    const ernCoordinator = await someone(t, [{ role: 'coordinator', ernId }]);
    const url = `/api/panel-settings/${ernId}`;
    expect((await get(lead, url)).json()).toMatchObject({ triageRequired: true, deadlineDays: { routine: 30, urgent: 7, veryUrgent: 2 } });
    const change = (who: Someone, deadlineDays: unknown) => t.app.inject({ method: 'PUT', url, headers: who.session.headers, payload: { deadlineDays } });
    expect((await change(lead, { routine: 20, urgent: 5, veryUrgent: 1 })).statusCode).toBe(403);
    expect((await change(coordinator, { routine: 20, urgent: 5, veryUrgent: 1 })).statusCode).toBe(403); // another ERN's coordinator
    expect((await change(ernCoordinator, { routine: 0, urgent: 5, veryUrgent: 1 })).statusCode).toBe(400);
    expect((await change(ernCoordinator, { routine: 20, urgent: 5, veryUrgent: 1 })).json()).toMatchObject({ deadlineDays: { routine: 20, urgent: 5, veryUrgent: 1 } });

    const panelId = await submittedPanel(t, lead.session, patientId, ernId);
    const { deadlineAt } = (await get(lead, `/api/panels/${panelId}`)).json<{ deadlineAt: string }>();
    expect(new Date(deadlineAt).getTime()).toBe(t.clock.now().getTime() + 20 * DAY);
  });
});

describe('the expert directory', () => {
  it('finds active experts by ERN, thematic area, expertise, country, language and hospital — never their e-mail', async () => {
    const word = `leuko${randomUUID().slice(0, 6)}`;
    const [group] = await t.database.db.select({ id: diseaseGroups.id }).from(diseaseGroups).where(eq(diseaseGroups.ernId, orgs.rnd)).limit(1);
    const make = async (hospitalId: string, ernId: string, languages: string[]) => {
      const who = await someone(t, [{ role: 'healthProfessional', hospitalId, ernId }]);
      await t.database.db.update(people).set({ expertise: `Adult ${word} and white matter disease`, languages }).where(eq(people.id, who.person.personId));
      return who.person.personId;
    };
    const dutch = await make(orgs.noordhaven, orgs.rnd, ['nl', 'en']);
    const french = await make(orgs.sainteAurore, orgs.erknet, ['fr']);
    await t.database.db.insert(personDiseaseGroups).values({ personId: dutch, diseaseGroupId: group!.id });
    const gone = await make(orgs.noordhaven, orgs.rnd, ['nl']);
    await t.database.db.update(people).set({ deactivatedAt: t.clock.now().toISOString() }).where(eq(people.id, gone));
    const ended = await make(orgs.noordhaven, orgs.rnd, ['nl']);
    await t.database.db.update(affiliations).set({ validUntil: t.clock.now().toISOString() }).where(eq(affiliations.personId, ended));

    const search = async (query: string) => {
      const response = await get(lead, `/api/experts?q=${word}${query}`);
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain('@test.open-cpms.invalid');
      return response.json<{ experts: { personId: string }[] }>().experts.map((e) => e.personId).sort();
    };
    expect(await search('')).toEqual([dutch, french].sort());
    expect(await search(`&ernId=${orgs.erknet}`)).toEqual([french]);
    expect(await search(`&diseaseGroupId=${group!.id}`)).toEqual([dutch]);
    expect(await search('&country=NL')).toEqual([dutch]);
    expect(await search('&language=fr')).toEqual([french]);
    expect(await search(`&hospitalId=${orgs.noordhaven}`)).toEqual([dutch]);
    expect((await get(lead, '/api/experts?country=Netherlands')).statusCode).toBe(400);
    const researcher = await someone(t, [{ role: 'researcher', ernId: orgs.rnd }]);
    expect((await get(researcher, '/api/experts')).statusCode).toBe(403);
  });
});

describe('saved expert groups', () => {
  it('are saved by the ERN\'s coordinators and panel leads, and changed by their creator or the coordinators', async () => {
    const expertIds = [(await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }])).person.personId];
    const body = { ernId: orgs.rnd, name: 'Ataxia team', description: 'Adult and paediatric ataxia', memberIds: expertIds };
    const newcomer = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }]);
    expect((await t.app.inject({ method: 'POST', url: '/api/expert-groups', headers: newcomer.session.headers, payload: body })).statusCode).toBe(403);

    await openPanel(t, lead.session, coordinator.session, patientId, orgs.rnd); // lead now leads a panel of ERN-RND
    const created = await t.app.inject({ method: 'POST', url: '/api/expert-groups', headers: lead.session.headers, payload: body });
    expect(created.statusCode).toBe(201);
    const group = created.json<{ id: string; canManage: boolean; members: { personId: string }[] }>();
    expect(group).toMatchObject({ canManage: true, members: [{ personId: expertIds[0] }] });

    const listed = (await get(coordinator, `/api/expert-groups?ernId=${orgs.rnd}`)).json<{ expertGroups: { id: string; canManage: boolean }[] }>();
    expect(listed.expertGroups.find((g) => g.id === group.id)).toMatchObject({ canManage: true });
    expect((await get(newcomer, '/api/expert-groups')).json<{ expertGroups: { id: string }[] }>().expertGroups.map((g) => g.id)).not.toContain(group.id);

    const otherErn = await someone(t, [{ role: 'coordinator', ernId: orgs.erknet }]);
    const renamed = { name: 'Ataxia experts', description: null, memberIds: [] };
    expect((await t.app.inject({ method: 'PUT', url: `/api/expert-groups/${group.id}`, headers: otherErn.session.headers, payload: renamed })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'PUT', url: `/api/expert-groups/${group.id}`, headers: lead.session.headers, payload: renamed })).json()).toMatchObject({ name: 'Ataxia experts', members: [] });
    expect((await t.app.inject({ method: 'DELETE', url: `/api/expert-groups/${group.id}`, headers: coordinator.session.headers })).statusCode).toBe(204);
    expect((await get(coordinator, '/api/expert-groups')).json<{ expertGroups: { id: string }[] }>().expertGroups.map((g) => g.id)).not.toContain(group.id);
  });
});

describe('what a panel e-mails', () => {
  it('carries links, never the title, the clinical question or the platform id', async () => {
    const member = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }]);
    const panelId = await requestPanel(t, lead.session, { patientId, ernId: orgs.rnd, title: 'SENTINEL-MAIL-TITLE', clinicalQuestion: 'SENTINEL-MAIL-QUESTION about the case' });
    await share(t, lead.session, panelId, { recordVersion: 1, sections: ['history'] });
    await transition(t, lead.session, panelId, 'submit');
    await transition(t, coordinator.session, panelId, 'returnToDraft', { reason: 'SENTINEL-MAIL-REASON' });
    await transition(t, lead.session, panelId, 'submit');
    await transition(t, coordinator.session, panelId, 'accept');
    await invite(t, lead.session, panelId, [member.person.personId]);
    await accept(t, member.session, panelId);
    const mails = await t.database.db.select().from(emailOutbox).where(and(inArray(emailOutbox.recipientId, [lead.person.personId, coordinator.person.personId, member.person.personId])));
    const mentioning = mails.filter((m) => m.bodyText.includes(panelId) || m.bodyText.includes('/coordination/triage'));
    expect(mentioning.length).toBeGreaterThanOrEqual(4);
    const { patientCode } = (await get(lead, `/api/panels/${panelId}`)).json<{ patient: { patientCode: string } }>().patient;
    for (const mail of mails) expect(`${mail.subject}\n${mail.bodyText}`).not.toMatch(new RegExp(`SENTINEL|${patientCode}`));
  });
});
