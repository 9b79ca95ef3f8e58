import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, notifications, outcomeReports } from '../../db/schema/index.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { approve, draftText, listReports, panelDraftingOutcome, reportCast, reportsUrl, saveDraft, type ReportCast } from '../../../tests/integration/outcome-report-fixtures.ts';
import { accept, invite, openPanel, patientWithRecord, share, someone, writeSection } from '../../../tests/integration/panel-fixtures.ts';
import type { OutcomeReportVersion } from './outcome-reports.contract.ts';

let t: TestApp;
let cast: ReportCast;
beforeAll(async () => {
  t = await createTestApp();
  cast = await reportCast(t);
});
afterAll(async () => {
  await t?.close();
});

const problem = (response: { json: <T>() => T }) => response.json<{ code: string; detail: string; problems?: { path: string; message: string }[] }>();

describe('drafting the outcome report', () => {
  it('is the lead\'s, once the panel drafts its outcome: each save is a revision, and a save on a stale revision is a 409 that changes nothing', async () => {
    const patientId = await patientWithRecord(t, cast.lead.session, cast.orgs.waldstadt);
    const panelId = await openPanel(t, cast.lead.session, cast.coordinator.session, patientId, cast.orgs.rnd);
    expect((await saveDraft(t, cast.lead, panelId, 1, 0)).statusCode, 'not while the discussion is open').toBe(409);
    await t.app.inject({ method: 'POST', url: `/api/panels/${panelId}/transitions/startOutcome`, headers: cast.lead.session.headers, payload: {} });

    const first = await saveDraft(t, cast.lead, panelId, 1, 0, draftText('First conclusion.'));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<OutcomeReportVersion>()).toMatchObject({ version: 1, state: 'draft', revision: 1, recordVersion: 1, draft: { conclusion: 'First conclusion.' }, contentHash: null, approvals: [] });
    const second = await saveDraft(t, cast.lead, panelId, 1, 1, draftText('Second conclusion.'));
    expect(second.json<OutcomeReportVersion>()).toMatchObject({ revision: 2, draft: { conclusion: 'Second conclusion.' } });

    // Someone else's save in between (another tab): both stale attempts are refused and nothing is overwritten.
    for (const stale of [1, 0]) {
      const conflict = await saveDraft(t, cast.lead, panelId, 1, stale, draftText('Overwrite attempt.'));
      expect(conflict.statusCode).toBe(409);
      expect(problem(conflict).detail).toMatch(/changed since you opened it \(now revision 2/);
    }
    const [row] = await t.database.db.select().from(outcomeReports).where(eq(outcomeReports.panelId, panelId));
    expect(row).toMatchObject({ revision: 2, draft: { conclusion: 'Second conclusion.' } });

    // A version that was never started, and a later share of the record: the draft follows the panel's latest share.
    expect((await saveDraft(t, cast.lead, panelId, 2, 0)).statusCode).toBe(404);
    await writeSection(t, cast.lead.session, patientId, 1, 'history', { medicalHistory: 'Updated history.', familyHistory: 'Unremarkable.' });
    await share(t, cast.lead.session, panelId, { recordVersion: 2, sections: ['history'] });
    expect((await saveDraft(t, cast.lead, panelId, 1, 2)).json<OutcomeReportVersion>()).toMatchObject({ revision: 3, recordVersion: 2 });

    const audited = await t.database.db.select({ details: auditEvents.details }).from(auditEvents).where(and(eq(auditEvents.patientId, patientId), eq(auditEvents.action, 'outcomeReport.drafted')));
    expect(audited.map((a) => (a.details as { revision: number }).revision)).toEqual([1, 2, 3]);
  });

  it('checks the diagnosis codes (ORPHA, ICD-10, OMIM) and writes each in one spelling', async () => {
    const { panelId } = await panelDraftingOutcome(t, cast);
    const text = draftText();
    const bad = await saveDraft(t, cast.lead, panelId, 1, 0, { ...text, diagnoses: [...text.diagnoses, { code: 'ORPHA:ninety', label: 'Typo', status: 'excluded' }] });
    expect(bad.statusCode).toBe(422);
    expect(problem(bad).problems).toEqual([{ path: 'body.diagnoses.1.code', message: expect.stringMatching(/not a valid ORPHA code/) as string }]);
    const unknownSystem = await saveDraft(t, cast.lead, panelId, 1, 0, { ...text, diagnoses: [{ code: 'HP:0001251', label: 'Ataxia', status: 'confirmed' }] });
    expect(problem(unknownSystem).problems?.[0]?.path).toBe('body.diagnoses.0.code');
    const good = await saveDraft(t, cast.lead, panelId, 1, 0, {
      ...text,
      diagnoses: [
        { code: 'Orphanet:96', label: 'Ataxia with vitamin E deficiency', status: 'confirmed' },
        { code: 'ICD-10:G11.1', label: 'Early-onset cerebellar ataxia', status: 'suspected' },
        { code: 'OMIM:277460', label: 'AVED', status: 'confirmed' },
      ],
    });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json<OutcomeReportVersion>().draft?.diagnoses.map((d) => d.code)).toEqual(['ORPHA:96', 'ICD10:G11.1', 'OMIM:277460']);
  });

  it('is refused to members (403) and unseen by outsiders (404); invalid input is a 400 only for the lead', async () => {
    const { panelId } = await panelDraftingOutcome(t, cast);
    expect((await saveDraft(t, cast.member, panelId, 1, 0)).statusCode).toBe(403);
    expect((await saveDraft(t, cast.coordinator, panelId, 1, 0)).statusCode).toBe(403);
    expect((await saveDraft(t, cast.colleague, panelId, 1, 0)).statusCode, 'the enrolling hospital reads signed reports, never drafts them').toBe(403);
    expect((await saveDraft(t, cast.outsider, panelId, 1, 0)).statusCode).toBe(404);
    expect((await saveDraft(t, cast.otherCoordinator, panelId, 1, 0)).statusCode).toBe(404);
    const invalid = { method: 'PUT' as const, url: `${reportsUrl(panelId)}/1/draft`, payload: { expectedRevision: -1 } };
    expect((await t.app.inject({ ...invalid, headers: cast.outsider.session.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ ...invalid, headers: cast.lead.session.headers })).statusCode).toBe(400);
    expect((await t.database.db.select().from(outcomeReports).where(eq(outcomeReports.panelId, panelId))).length).toBe(0);
  });
});

describe('approving the draft', () => {
  it('records who approved which revision; a new revision asks again; a stale approval is a 409', async () => {
    const { panelId, patientId } = await panelDraftingOutcome(t, cast);
    const guest = await someone(t, [{ role: 'healthProfessional', hospitalId: cast.orgs.sainteAurore, ernId: cast.orgs.rnd }], 'Dr Guest-Like Member');
    await invite(t, cast.lead.session, panelId, [guest.person.personId]);
    await accept(t, guest.session, panelId);
    const invitee = await someone(t, [{ role: 'healthProfessional', hospitalId: cast.orgs.sainteAurore, ernId: cast.orgs.rnd }], 'Dr Not Yet');
    await invite(t, cast.lead.session, panelId, [invitee.person.personId]);

    await saveDraft(t, cast.lead, panelId, 1, 0);
    let list = await listReports(t, cast.lead, panelId);
    expect(list.pendingApprovals.map((p) => p.displayName).sort()).toEqual(['Dr Guest-Like Member', 'Prof. Anke de Vries']);
    expect(list.can).toMatchObject({ editDraft: true, sign: true, approve: true, amend: false, startDraft: false });

    const approved = await approve(t, cast.member, panelId, 1, 1, 'Agreed; add the vitamin E level when known.');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<OutcomeReportVersion>().approvals).toEqual([
      { person: { personId: cast.member.person.personId, displayName: 'Prof. Anke de Vries' }, role: 'member', revision: 1, approvedAt: expect.any(String) as string, comment: 'Agreed; add the vitamin E level when known.' },
    ]);
    expect((await approve(t, cast.member, panelId, 1, 1)).statusCode, 'approving again is harmless').toBe(200);
    expect((await approve(t, guest, panelId, 1, 2)).statusCode, 'a revision that does not exist yet').toBe(409);

    await saveDraft(t, cast.lead, panelId, 1, 1, draftText('Changed after the approval.'));
    const stale = await approve(t, guest, panelId, 1, 1);
    expect(stale.statusCode).toBe(409);
    expect(problem(stale).detail).toMatch(/now revision 2/);
    list = await listReports(t, cast.lead, panelId);
    expect(list.pendingApprovals.map((p) => p.displayName).sort(), 'the new revision asks everyone again').toEqual(['Dr Guest-Like Member', 'Prof. Anke de Vries']);

    expect((await approve(t, guest, panelId, 1, 2)).statusCode).toBe(200);
    expect((await approve(t, cast.member, panelId, 1, 2)).statusCode).toBe(200);
    list = await listReports(t, cast.lead, panelId);
    expect(list.pendingApprovals).toEqual([]);
    expect(list.versions[0]!.approvals.map((a) => [a.person.displayName, a.revision])).toEqual([
      ['Dr Guest-Like Member', 2],
      ['Prof. Anke de Vries', 2],
      ['Prof. Anke de Vries', 1],
    ]);

    // Members read the draft; the invitee must accept first; the coordinator reads signed versions only.
    expect((await listReports(t, cast.member, panelId)).versions[0]!.draft?.conclusion).toBe('Changed after the approval.');
    expect((await t.app.inject({ method: 'GET', url: reportsUrl(panelId), headers: invitee.session.headers })).statusCode).toBe(403);
    expect((await approve(t, invitee, panelId, 1, 2)).statusCode).toBe(403);
    const coordinatorView = await listReports(t, cast.coordinator, panelId);
    expect(coordinatorView).toMatchObject({ access: 'reader', versions: [], pendingApprovals: [] });
    expect((await approve(t, cast.coordinator, panelId, 1, 2)).statusCode).toBe(403);
    expect((await approve(t, cast.outsider, panelId, 1, 2)).statusCode).toBe(404);

    const audited = await t.database.db.select({ actorId: auditEvents.actorId }).from(auditEvents).where(and(eq(auditEvents.patientId, patientId), eq(auditEvents.action, 'outcomeReport.approved')));
    expect(audited.length).toBe(4);

    // The inbox asks each member once for the version, not at every saved revision; never the lead, who drafted it.
    const asked = await t.database.db.select({ personId: notifications.personId }).from(notifications).where(and(eq(notifications.panelId, panelId), eq(notifications.kind, 'outcomeApprovalRequested')));
    expect(asked.map((n) => n.personId).sort()).toEqual([cast.member.person.personId, guest.person.personId].sort());
  });
});
