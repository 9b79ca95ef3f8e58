import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, notifications, panelMessages } from '../../db/schema/index.ts';
import { seededOrganisations } from '../../testing/actors.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { accept, invite, openPanel, patientWithRecord, someone, submittedPanel, transition, type Someone } from '../../../tests/integration/panel-fixtures.ts';
import type { MessagePage, MessageView } from './discussion.contract.ts';

let t: TestApp;
let orgs: Awaited<ReturnType<typeof seededOrganisations>>;
let lead: Someone;
let coordinator: Someone;
let member: Someone;
let invitee: Someone;
let outsider: Someone;
let patientId: string;
let panelId: string;

beforeAll(async () => {
  t = await createTestApp();
  orgs = await seededOrganisations(t);
  lead = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.waldstadt, ernId: orgs.rnd }], 'Dr Lead');
  coordinator = await someone(t, [{ role: 'coordinator', ernId: orgs.rnd }], 'Coordinator Rnd');
  member = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }], 'Dr Member');
  invitee = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }], 'Dr Invitee');
  outsider = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }], 'Dr Outsider');
  patientId = await patientWithRecord(t, lead.session, orgs.waldstadt);
  panelId = await openPanel(t, lead.session, coordinator.session, patientId, orgs.rnd);
  await invite(t, lead.session, panelId, [member.person.personId, invitee.person.personId]);
  await accept(t, member.session, panelId);
});
afterAll(async () => {
  await t?.close();
});

const post = (who: Someone, body: Record<string, unknown>, panel = panelId) => {
  t.clock.advance(1000); // messages in a row get distinct instants, as people's do
  return t.app.inject({ method: 'POST', url: `/api/panels/${panel}/messages`, headers: who.session.headers, payload: body });
};
const list = async (who: Someone, query = '') => {
  const response = await t.app.inject({ method: 'GET', url: `/api/panels/${panelId}/messages${query}`, headers: who.session.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<MessagePage>();
};
const inboxOf = (who: Someone) => t.database.db.select().from(notifications).where(eq(notifications.personId, who.person.personId));
const messageCount = async () => (await t.database.db.select({ id: panelMessages.id }).from(panelMessages).where(eq(panelMessages.panelId, panelId))).length;

describe('threaded messages', () => {
  it('posts a thread and a reply with a mention, lists them threaded, tells the people concerned and audits with the patient', async () => {
    const root = await post(lead, { body: 'Has anyone seen this phenotype before?' });
    expect(root.statusCode, root.body).toBe(201);
    const rootView = root.json<MessageView>();
    expect(rootView).toMatchObject({ parentId: null, author: { personId: lead.person.personId, displayName: 'Dr Lead', role: 'lead' }, mine: true, mentions: [] });

    const reply = await post(member, { body: '@Dr Lead yes, twice.', parentId: rootView.id, mentions: [lead.person.personId] });
    expect(reply.statusCode, reply.body).toBe(201);
    const replyView = reply.json<MessageView>();
    const nested = await post(coordinator, { body: 'Thanks, noted.', parentId: replyView.id });
    expect(nested.statusCode, nested.body).toBe(201);

    const page = await list(member);
    const thread = page.threads.find((th) => th.root.id === rootView.id)!;
    expect(thread.replies.map((r) => [r.id, r.parentId])).toEqual([
      [replyView.id, rootView.id],
      [nested.json<MessageView>().id, replyView.id],
    ]);
    expect(thread.replies[0]).toMatchObject({ mentions: [{ personId: lead.person.personId, displayName: 'Dr Lead' }], mine: true, author: { role: 'member' } });
    expect(thread.replies[1]!.author).toMatchObject({ personId: coordinator.person.personId, role: null });
    expect(page).toMatchObject({ canPost: true, canOpenFiles: true });

    // The lead was mentioned (one item, not also a "reply" item); the member hears of the reply to their message.
    const leadInbox = (await inboxOf(lead)).filter((n) => n.subjectId === replyView.id);
    expect(leadInbox.map((n) => n.kind)).toEqual(['mention']);
    expect((await inboxOf(member)).filter((n) => n.subjectId === nested.json<MessageView>().id).map((n) => n.kind)).toEqual(['panelMessage']);

    const [audit] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'discussion.messagePosted'), eq(auditEvents.targetId, replyView.id)));
    expect(audit).toMatchObject({ patientId, actorId: member.person.personId, partition: `hospital:${orgs.waldstadt}` });
    expect(JSON.stringify(audit!.details)).not.toContain('twice');
  });

  it('refuses mentions of people who are not members (422) and replies to messages of another panel, writing nothing', async () => {
    const before = await messageCount();
    const mentioned = await post(lead, { body: 'Asking an outsider.', mentions: [outsider.person.personId] });
    expect(mentioned.statusCode).toBe(422);
    expect(mentioned.json<{ problems: { path: string }[] }>().problems[0]!.path).toBe('body.mentions');
    // An invitee who has not accepted is not a member yet.
    expect((await post(lead, { body: 'Asking the invitee.', mentions: [invitee.person.personId] })).statusCode).toBe(422);

    const otherPanel = await openPanel(t, lead.session, coordinator.session, patientId, orgs.rnd);
    const elsewhere = (await post(lead, { body: 'Elsewhere.' }, otherPanel)).json<MessageView>();
    const crossed = await post(lead, { body: 'Reply across panels.', parentId: elsewhere.id });
    expect(crossed.statusCode).toBe(422);
    expect(await messageCount()).toBe(before);
    expect((await inboxOf(outsider)).length).toBe(0);
  });

  it('refuses in order: 401 without a session, 404 outside the panel, 403 for an invitee, 400 for a bad body', async () => {
    const before = await messageCount();
    expect((await t.app.inject({ method: 'POST', url: `/api/panels/${panelId}/messages`, payload: { body: 'x' } })).statusCode).toBe(401);
    expect((await post(outsider, { body: 'Let me in.' })).statusCode).toBe(404);
    expect((await post(outsider, {})).statusCode).toBe(404); // not visible: the body is never looked at
    expect((await post(invitee, { body: 'Before accepting.' })).statusCode).toBe(403);
    expect((await post(member, { body: '   ' })).statusCode).toBe(400);
    expect((await post(member, { body: 'x', mentions: ['not-a-uuid'] })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: `/api/panels/${panelId}/messages`, headers: outsider.session.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/panels/${panelId}/messages`, headers: invitee.session.headers })).statusCode).toBe(403);
    expect(await messageCount()).toBe(before);
  });

  it('lets the author edit (newly mentioned people are told) and delete their own message softly; others get 403', async () => {
    const mine = (await post(member, { body: 'First draft of a thought.' })).json<MessageView>();
    const url = `/api/panels/${panelId}/messages/${mine.id}`;
    expect((await t.app.inject({ method: 'PATCH', url, headers: lead.session.headers, payload: { body: 'Hijacked.' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url, headers: lead.session.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PATCH', url, headers: outsider.session.headers, payload: { body: 'x' } })).statusCode).toBe(404);

    const edited = await t.app.inject({ method: 'PATCH', url, headers: member.session.headers, payload: { body: 'A better thought, @Dr Lead.', mentions: [lead.person.personId] } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<MessageView>().body).toBe('A better thought, @Dr Lead.');
    expect(edited.json<MessageView>().editedAt).not.toBeNull();
    expect((await inboxOf(lead)).filter((n) => n.subjectId === mine.id && n.kind === 'mention')).toHaveLength(1);

    const reply = (await post(lead, { body: 'Agreed.', parentId: mine.id })).json<MessageView>();
    expect((await t.app.inject({ method: 'DELETE', url, headers: member.session.headers })).statusCode).toBe(204);
    const thread = (await list(lead)).threads.find((th) => th.root.id === mine.id)!;
    expect(thread.root).toMatchObject({ body: '', mentions: [] });
    expect(thread.root.deletedAt).not.toBeNull();
    expect(thread.replies.map((r) => r.id)).toEqual([reply.id]); // the conversation stays
    const [row] = await t.database.db.select().from(panelMessages).where(eq(panelMessages.id, mine.id));
    expect(row!.body).toBe('');
    expect((await t.app.inject({ method: 'PATCH', url, headers: member.session.headers, payload: { body: 'Undelete?' } })).statusCode).toBe(409);
  });

  it('pages threads, newest page first and oldest first within a page', async () => {
    const panel = await openPanel(t, lead.session, coordinator.session, patientId, orgs.rnd);
    const ids: string[] = [];
    for (const body of ['one', 'two', 'three']) ids.push((await post(lead, { body }, panel)).json<MessageView>().id);
    const first = await t.app.inject({ method: 'GET', url: `/api/panels/${panel}/messages?limit=2`, headers: lead.session.headers });
    const page = first.json<MessagePage>();
    expect(page.threads.map((th) => th.root.body)).toEqual(['two', 'three']);
    expect(page.nextBefore).toBe(ids[1]);
    const older = (await t.app.inject({ method: 'GET', url: `/api/panels/${panel}/messages?limit=2&before=${page.nextBefore}`, headers: lead.session.headers })).json<MessagePage>();
    expect(older.threads.map((th) => th.root.body)).toEqual(['one']);
    expect(older.nextBefore).toBeNull();
    // A message id that is not this panel's (the first id with its last digit changed; never the same id).
    const unknown = ids[0]!.replace(/.$/, (last) => (last === '0' ? '1' : '0'));
    expect((await t.app.inject({ method: 'GET', url: `/api/panels/${panel}/messages?before=${unknown}`, headers: lead.session.headers })).statusCode).toBe(400);
  });

  it('opens the discussion with the panel and keeps it readable but closed before and after (409)', async () => {
    const submitted = await submittedPanel(t, lead.session, patientId, orgs.rnd);
    expect((await post(lead, { body: 'Before the panel opens.' }, submitted)).statusCode).toBe(409);
    const drafted = await openPanel(t, lead.session, coordinator.session, patientId, orgs.rnd);
    await transition(t, lead.session, drafted, 'startOutcome');
    expect((await post(lead, { body: 'Still discussing while drafting.' }, drafted)).statusCode).toBe(201);
    await transition(t, lead.session, drafted, 'close', { reason: 'Done.', acknowledgeFewContributions: true });
    const closed = await post(lead, { body: 'After closing.' }, drafted);
    expect(closed.statusCode).toBe(409);
    const readable = await t.app.inject({ method: 'GET', url: `/api/panels/${drafted}/messages`, headers: lead.session.headers });
    expect(readable.json<MessagePage>()).toMatchObject({ canPost: false, threads: [{ root: { body: 'Still discussing while drafting.' } }] });
  });
});
