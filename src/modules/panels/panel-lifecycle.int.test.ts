import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consents, emailOutbox, panelMembers, panels, panelTransitions } from '../../db/schema/index.ts';
import { seededOrganisations } from '../../testing/actors.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { accept, actorBehind, invite, ownErn, patientWithRecord, requestPanel, share, someone, transition, type Someone } from '../../../tests/integration/panel-fixtures.ts';
import { panelActions, panelStatuses, transitionRules, type PanelAction, type PanelStatus, type TransitionActor } from './panel-lifecycle.contract.ts';
import { recordOutcomeSigned } from './outcome-signed.ts';

let t: TestApp;
let orgs: Awaited<ReturnType<typeof seededOrganisations>>;
let lead: Someone;
let coordinator: Someone;
let member: Someone;
let outsider: Someone;
let patientId: string;
beforeAll(async () => {
  t = await createTestApp();
  orgs = await seededOrganisations(t);
  lead = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.waldstadt, ernId: orgs.rnd }]);
  coordinator = await someone(t, [{ role: 'coordinator', ernId: orgs.rnd }]);
  member = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }]);
  outsider = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }]);
  patientId = await patientWithRecord(t, lead.session, orgs.waldstadt);
});
afterAll(async () => {
  await t?.close();
});

const withEverything = { reason: 'Recorded reason.', acknowledgeFewContributions: true };
const attempt = (who: Someone, panelId: string, action: string, body: Record<string, unknown> = withEverything) =>
  t.app.inject({ method: 'POST', url: `/api/panels/${panelId}/transitions/${action}`, headers: who.session.headers, payload: body });

async function snapshot(panelId: string) {
  const [panel] = await t.database.db.select({ status: panels.status, updatedAt: panels.updatedAt }).from(panels).where(eq(panels.id, panelId));
  const [moves] = await t.database.db.select({ n: count() }).from(panelTransitions).where(eq(panelTransitions.panelId, panelId));
  return { ...panel!, transitions: moves!.n };
}

/** Joins the member straight away where the lifecycle has no invitations yet (draft, submitted). */
async function addMember(panelId: string) {
  const now = t.clock.now().toISOString();
  await t.database.db.insert(panelMembers).values({ panelId, personId: member.person.personId, role: 'member', status: 'accepted', invitedBy: lead.person.personId, invitedAt: now, respondedAt: now }).onConflictDoNothing();
}

/** A panel brought to `status` through the API (and the outcome-signed seam), with an accepted member. */
async function panelIn(status: PanelStatus, ernId = orgs.rnd): Promise<string> {
  const panelId = await requestPanel(t, lead.session, { patientId, ernId });
  await share(t, lead.session, panelId, { recordVersion: 1, sections: ['history'] });
  const go = (action: PanelAction, who: Someone = lead) => transition(t, who.session, panelId, action, withEverything);
  if (status === 'draft') return (await addMember(panelId), panelId);
  if (status === 'cancelled') return (await addMember(panelId), await go('cancel'), panelId);
  await go('submit');
  if (status === 'submitted') return (await addMember(panelId), panelId);
  await go('accept', coordinator);
  await invite(t, lead.session, panelId, [member.person.personId]);
  await accept(t, member.session, panelId);
  if (status === 'open') return panelId;
  if (status === 'closed' || status === 'archived') {
    await go('close');
    if (status === 'archived') await go('archive');
    return panelId;
  }
  await go('startOutcome');
  if (status === 'outcomeDrafting') return panelId;
  const actor = await actorBehind(t, lead.session);
  await t.database.db.transaction((tx) => recordOutcomeSigned(tx, t.clock, { panelId, actor, outcomeReportId: '00000000-0000-4000-8000-000000000001', version: 1, contentHash: 'a'.repeat(64), clientAddress: '127.0.0.1', publicUrl: 'https://cpms.test' }));
  return panelId;
}

const actors: Record<'lead' | 'coordinator' | 'member', () => Someone> = { lead: () => lead, coordinator: () => coordinator, member: () => member };
const rolesOf = (who: keyof typeof actors): TransitionActor[] => (who === 'member' ? [] : [who]);

describe('the panel lifecycle, as a table', () => {
  it('takes every allowed transition by each role allowed to, and records who, when and why', async () => {
    for (const rule of transitionRules.filter((r) => r.via === 'transitions')) {
      for (const role of rule.by) {
        const ernId = rule.triage === false ? await ownErn(t, orgs.waldstadt, { triageRequired: false }) : orgs.rnd;
        const panelId = await panelIn(rule.from, ernId);
        const before = await snapshot(panelId);
        const response = await attempt(actors[role](), panelId, rule.action);
        expect(response.statusCode, `${rule.action} from ${rule.from} by ${role}: ${response.body}`).toBe(200);
        expect(response.json<{ status: string }>().status).toBe(rule.to);
        const after = await snapshot(panelId);
        expect(after.transitions).toBe(before.transitions + 1);
        const [last] = await t.database.db.select().from(panelTransitions).where(and(eq(panelTransitions.panelId, panelId), eq(panelTransitions.action, rule.action)));
        expect(last).toMatchObject({ fromStatus: rule.from, toStatus: rule.to, by: actors[role]().person.personId, reason: 'Recorded reason.' });
        expect(new Date(last!.at).toISOString()).toBe(t.clock.now().toISOString());
      }
    }
  });

  it('refuses every other step (403 for a role that may not, 409 for a state that does not allow it) and changes nothing', async () => {
    const failures: string[] = [];
    for (const status of panelStatuses) {
      const panelId = await panelIn(status);
      const before = await snapshot(panelId);
      for (const action of panelActions) {
        const here = transitionRules.filter((r) => r.action === action && r.from === status && r.triage !== false);
        for (const who of Object.keys(actors) as (keyof typeof actors)[]) {
          const roles = rolesOf(who);
          if (here.some((r) => r.via === 'transitions' && r.by.some((b) => roles.includes(b)))) continue; // allowed: the test above
          const candidates = here.length ? here : transitionRules.filter((r) => r.action === action);
          const expected = candidates.some((r) => r.by.some((b) => roles.includes(b))) ? 409 : 403;
          const response = await attempt(actors[who](), panelId, action);
          if (response.statusCode !== expected) failures.push(`${action} on ${status} by ${who}: expected ${expected}, got ${response.statusCode} ${response.body.slice(0, 160)}`);
        }
        const outside = await attempt(outsider, panelId, action);
        if (outside.statusCode !== 404) failures.push(`${action} on ${status} by an outsider: ${outside.statusCode}`);
      }
      expect(await snapshot(panelId), `nothing changed on the ${status} panel`).toEqual(before);
    }
    expect(failures).toEqual([]);
  });

  it('reaches outcomeSigned only through the outcome report: the endpoint refuses signOutcome even to the lead', async () => {
    const panelId = await panelIn('outcomeDrafting');
    const response = await attempt(lead, panelId, 'signOutcome');
    expect(response.statusCode).toBe(409);
    expect(response.json<{ detail: string }>().detail).toMatch(/outcome report/);
    expect((await snapshot(panelId)).status).toBe('outcomeDrafting');
  });

  it('asks for the reason where a step needs one', async () => {
    const submitted = await panelIn('submitted');
    const response = await attempt(coordinator, submitted, 'returnToDraft', {});
    expect(response.statusCode).toBe(422);
    expect((await attempt(lead, await panelIn('draft'), 'cancel', { reason: '   ' })).statusCode).toBe(422);
    expect((await snapshot(submitted)).status).toBe('submitted');
  });
});

describe('submitting and triage', () => {
  it('refuses to submit without care consent or without a share, and to accept once consent is withdrawn', async () => {
    const ownPatient = await patientWithRecord(t, lead.session, orgs.waldstadt);
    const unshared = await requestPanel(t, lead.session, { patientId: ownPatient, ernId: orgs.rnd });
    const noShare = await attempt(lead, unshared, 'submit', {});
    expect(noShare.statusCode).toBe(409);
    expect(noShare.json<{ detail: string }>().detail).toMatch(/what of the record/);

    const draft = await requestPanel(t, lead.session, { patientId: ownPatient, ernId: orgs.rnd });
    await share(t, lead.session, draft, { recordVersion: 1, sections: ['history'] });
    const submitted = await requestPanel(t, lead.session, { patientId: ownPatient, ernId: orgs.rnd });
    await share(t, lead.session, submitted, { recordVersion: 1, sections: ['history'] });
    await transition(t, lead.session, submitted, 'submit');

    const [care] = await t.database.db.select({ id: consents.id }).from(consents).where(and(eq(consents.patientId, ownPatient), eq(consents.kind, 'care')));
    await t.app.inject({ method: 'POST', url: `/api/patients/${ownPatient}/consents/${care!.id}/withdrawal`, headers: lead.session.headers, payload: { withdrawnOn: '2026-01-01', note: null } });

    const before = await snapshot(draft);
    const refused = await attempt(lead, draft, 'submit', {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ detail: string }>().detail).toMatch(/care consent/);
    expect(await snapshot(draft)).toEqual(before);
    expect((await attempt(coordinator, submitted, 'accept', {})).statusCode).toBe(409);
    expect((await snapshot(submitted)).status).toBe('submitted');
  });

  it('goes straight to open where the ERN does not triage, with the deadline its urgency sets', async () => {
    const ernId = await ownErn(t, orgs.waldstadt, { triageRequired: false });
    const panelId = await requestPanel(t, lead.session, { patientId, ernId, urgency: 'urgent' });
    await share(t, lead.session, panelId, { recordVersion: 1, sections: ['history'] });
    const opened = await transition(t, lead.session, panelId, 'submit');
    expect(opened).toMatchObject({ status: 'open', overdue: false });
    expect(new Date((opened as unknown as { deadlineAt: string }).deadlineAt).toISOString()).toBe(new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString());
  });

  it('lets a coordinator return a request with a question, and accept it once resubmitted, forwarding it to experts', async () => {
    const panelId = await panelIn('submitted');
    const triaged = await t.app.inject({ method: 'GET', url: '/api/panels/triage-queue', headers: coordinator.session.headers });
    expect(triaged.json<{ panels: { id: string }[] }>().panels.map((p) => p.id)).toContain(panelId);
    const triageMail = await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.recipientId, coordinator.person.personId));
    expect(triageMail.some((m) => m.subject.includes('awaits triage'))).toBe(true);

    const returned = await transition(t, coordinator.session, panelId, 'returnToDraft', { reason: 'Please share the MRI report as well.' });
    expect(returned).toMatchObject({ status: 'draft', deadlineAt: null });
    const view = (await t.app.inject({ method: 'GET', url: `/api/panels/${panelId}`, headers: lead.session.headers })).json<{ transitions: { action: string; reason: string | null; by: { personId: string } }[] }>();
    expect(view.transitions.at(-1)).toMatchObject({ action: 'returnToDraft', reason: 'Please share the MRI report as well.', by: { personId: coordinator.person.personId } });
    const leadMail = await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.recipientId, lead.person.personId));
    expect(leadMail.some((m) => m.subject.includes('returned with a question') && m.bodyText.includes(`/panels/${panelId}`))).toBe(true);
    expect(leadMail.every((m) => !m.bodyText.includes('Please share the MRI'))).toBe(true);

    await transition(t, lead.session, panelId, 'submit');
    const expert = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.sainteAurore, ernId: orgs.erknet }]);
    const accepted = await transition(t, coordinator.session, panelId, 'accept', { invite: { personIds: [expert.person.personId] } });
    expect(accepted.status).toBe('open');
    const invitee = (await t.app.inject({ method: 'GET', url: `/api/panels/${panelId}`, headers: expert.session.headers })).json<{ myInvitation: { role: string } }>();
    expect(invitee.myInvitation).toMatchObject({ role: 'member' });
    const invitation = await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.recipientId, expert.person.personId));
    expect(invitation).toHaveLength(1);
    expect(invitation[0]!.bodyText).toContain(`${t.config.publicUrl}/panels/${panelId}`);
  });
});
