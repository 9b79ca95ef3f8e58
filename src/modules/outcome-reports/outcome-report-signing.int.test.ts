import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { and, desc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STEP_UP_WINDOW_MS } from '../../access/actor.ts';
import { auditEvents, emailOutbox, notifications, outcomeReports, panels, panelTransitions, people } from '../../db/schema/index.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { approve, blobFiles, draftApproveSign, draftText, listReports, panelDraftingOutcome, pdfText, reportCast, reportsUrl, saveDraft, sign, stepUp, type ReportCast } from '../../../tests/integration/outcome-report-fixtures.ts';
import { someone, transition } from '../../../tests/integration/panel-fixtures.ts';
import { OutcomeReportContent } from './outcome-report-content.contract.ts';
import type { OutcomeReportVersion, Verification } from './outcome-reports.contract.ts';
import { reportHash } from './report-hash.ts';

let t: TestApp;
let cast: ReportCast;
beforeAll(async () => {
  t = await createTestApp();
  cast = await reportCast(t);
});
afterAll(async () => {
  await t?.close();
});

const problemOf = (response: { json: <T>() => T }) => response.json<{ code: string; detail: string; problems?: { path: string }[] }>();
const panelStatus = async (panelId: string) => (await t.database.db.select({ status: panels.status }).from(panels).where(eq(panels.id, panelId)))[0]!.status;
const reportRow = async (panelId: string, version = 1) => (await t.database.db.select().from(outcomeReports).where(and(eq(outcomeReports.panelId, panelId), eq(outcomeReports.version, version))))[0]!;
const download = (who: ReportCast['lead'], panelId: string, version: number) => t.app.inject({ method: 'GET', url: `${reportsUrl(panelId)}/${version}/pdf`, headers: who.session.headers });

describe('signing the outcome report', () => {
  it('needs the lead with a recent second factor, then freezes the revision, stores its hash and PDF and moves the panel to outcomeSigned', async () => {
    const { panelId, patientId } = await panelDraftingOutcome(t, cast);
    const saved = await saveDraft(t, cast.lead, panelId, 1, 0, draftText('Zażółć gęślą jaźń: AVED is the most likely diagnosis.'));
    expect(saved.statusCode).toBe(200);

    // Hours after sign-in, the second factor is no longer recent: a 403 of its own kind, before any validation.
    t.clock.advance(STEP_UP_WINDOW_MS + 60_000);
    const notRecent = await sign(t, cast.lead, panelId, 1, { expectedRevision: 1 });
    expect(notRecent.statusCode).toBe(403);
    expect(problemOf(notRecent)).toMatchObject({ code: 'stepUpRequired', detail: expect.stringMatching(/fresh code/) as string });
    expect(notRecent.headers['content-type']).toContain('application/problem+json');
    const invalidWithoutStepUp = await t.app.inject({ method: 'POST', url: `${reportsUrl(panelId)}/1/signature`, headers: cast.lead.session.headers, payload: {} });
    expect(problemOf(invalidWithoutStepUp).code).toBe('stepUpRequired');
    // A member cannot sign, however recent their second factor.
    await stepUp(t, cast.member);
    const byMember = await sign(t, cast.member, panelId, 1, { expectedRevision: 1 });
    expect(byMember.statusCode).toBe(403);
    expect(problemOf(byMember).code).toBe('forbidden');
    expect((await sign(t, cast.outsider, panelId, 1, { expectedRevision: 1 })).statusCode).toBe(404);
    expect(await panelStatus(panelId)).toBe('outcomeDrafting');
    expect((await reportRow(panelId)).signedAt).toBeNull();

    // A wrong code does not step up; a fresh one does.
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/second-factor', headers: cast.lead.session.headers, payload: { code: '000000' } });
    expect(wrong.statusCode).toBe(422);
    expect(problemOf(await sign(t, cast.lead, panelId, 1, { expectedRevision: 1 })).code).toBe('stepUpRequired');
    await stepUp(t, cast.lead);

    // Now the remaining checks answer: a stale revision (409), a member who has not approved (422 until acknowledged).
    const stale = await sign(t, cast.lead, panelId, 1, { expectedRevision: 2 });
    expect(stale.statusCode).toBe(409);
    const unapproved = await sign(t, cast.lead, panelId, 1, { expectedRevision: 1 });
    expect(unapproved.statusCode).toBe(422);
    expect(problemOf(unapproved).problems?.[0]?.path).toBe('body.acknowledgeMissingApprovals');
    expect((await approve(t, cast.member, panelId, 1, 1, 'Agreed.')).statusCode).toBe(200);

    const signed = await sign(t, cast.lead, panelId, 1, { expectedRevision: 1 });
    expect(signed.statusCode, signed.body).toBe(200);
    const view = signed.json<OutcomeReportVersion>();
    expect(view).toMatchObject({ version: 1, state: 'signed', revision: 1, draft: null, signedBy: { personId: cast.lead.person.personId, displayName: 'Dr. Łucja Wrzosowska' } });
    const content = OutcomeReportContent.parse(view.content);
    expect(view.contentHash).toBe(reportHash(content));
    expect(content).toMatchObject({
      panel: { id: panelId, ern: expect.stringContaining('RND') as string, type: 'diagnosis' },
      patient: { sex: 'female', ageBand: expect.stringMatching(/years/) as string },
      recordVersion: 1,
      conclusion: 'Zażółć gęślą jaźń: AVED is the most likely diagnosis.',
      contributors: [
        { name: 'Dr. Łucja Wrzosowska', role: 'lead', hospital: 'Universitätsklinikum Waldstadt' },
        { name: 'Prof. Anke de Vries', role: 'member', hospital: 'Academisch Ziekenhuis Noordhaven', country: 'NL' },
      ],
      approvals: [{ name: 'Prof. Anke de Vries', role: 'member' }],
      version: 1,
      amendmentReason: null,
      signedBy: { name: 'Dr. Łucja Wrzosowska', hospital: 'Universitätsklinikum Waldstadt' },
      environment: 'training',
    });
    // Pseudonymous by construction: the identity the fixture enrolled appears nowhere in what was signed.
    expect(JSON.stringify(content)).not.toMatch(/Fixture-|PFREC-|Panel fixture|2014-03-27/);

    // The frozen row and the panel moved in the same transaction, with the lifecycle's own transition row.
    const row = await reportRow(panelId);
    expect(row).toMatchObject({ contentHash: view.contentHash, signedBy: cast.lead.person.personId });
    expect(reportHash(OutcomeReportContent.parse(row.signedContent))).toBe(row.contentHash);
    expect(await panelStatus(panelId)).toBe('outcomeSigned');
    const [move] = await t.database.db.select().from(panelTransitions).where(and(eq(panelTransitions.panelId, panelId), eq(panelTransitions.action, 'signOutcome')));
    expect(move).toMatchObject({ fromStatus: 'outcomeDrafting', toStatus: 'outcomeSigned', by: cast.lead.person.personId });
    const audits = await t.database.db.select({ action: auditEvents.action, details: auditEvents.details }).from(auditEvents).where(and(eq(auditEvents.patientId, patientId), eq(auditEvents.action, 'outcomeReport.signed')));
    expect(audits).toEqual([{ action: 'outcomeReport.signed', details: expect.objectContaining({ version: 1, contentHash: view.contentHash, approvals: 1, withoutApprovalOf: 0 }) as unknown }]);

    // The PDF: encrypted at rest, decrypted on download, its text naming the conclusion and the hash of the signed content.
    const stored = await readFile((await blobFiles(t)).find((file) => file.endsWith(row.pdfBlobKey!))!);
    expect(stored.includes(Buffer.from('%PDF'))).toBe(false);
    const pdf = await download(cast.lead, panelId, 1);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(`outcome-report-${content.patient.patientCode}-v1.pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('Zażółć gęślą jaźń: AVED is the most likely diagnosis.');
    expect(text).toContain(`SHA-256 ${reportHash(content)}`);
    expect(text).toContain('Prof. Anke de Vries');

    // Frozen: no more drafting, approving or signing of version 1.
    expect((await saveDraft(t, cast.lead, panelId, 1, 1)).statusCode).toBe(409);
    expect((await approve(t, cast.member, panelId, 1, 1)).statusCode).toBe(409);
    expect((await sign(t, cast.lead, panelId, 1, { expectedRevision: 1 })).statusCode).toBe(409);
  });

  it('signs without every approval when the lead acknowledges it, and the report says who approved (nobody)', async () => {
    const { panelId } = await panelDraftingOutcome(t, cast);
    await saveDraft(t, cast.lead, panelId, 1, 0);
    await stepUp(t, cast.lead);
    const signed = await sign(t, cast.lead, panelId, 1, { expectedRevision: 1, acknowledgeMissingApprovals: true });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json<OutcomeReportVersion>().content?.approvals).toEqual([]);
    expect(await pdfText((await download(cast.lead, panelId, 1)).rawPayload)).toContain('No member approved the signed text before the signature.');
  });

  it('refuses an incomplete draft (422) and a panel that is not drafting its outcome (409)', async () => {
    const { panelId } = await panelDraftingOutcome(t, cast);
    await saveDraft(t, cast.lead, panelId, 1, 0, { ...draftText(), conclusion: '' });
    await stepUp(t, cast.lead);
    const incomplete = await sign(t, cast.lead, panelId, 1, { expectedRevision: 1, acknowledgeMissingApprovals: true });
    expect(incomplete.statusCode).toBe(422);
    expect(problemOf(incomplete).problems?.map((p) => p.path)).toEqual(['draft.conclusion']);
    await saveDraft(t, cast.lead, panelId, 1, 1);
    await transition(t, cast.lead.session, panelId, 'resumeDiscussion');
    expect((await sign(t, cast.lead, panelId, 1, { expectedRevision: 2, acknowledgeMissingApprovals: true })).statusCode).toBe(409);
    expect(await panelStatus(panelId)).toBe('open');
  });

  it('leaves neither a signed row nor a moved panel nor a blob when the signing transaction fails at its last step', async () => {
    const { panelId, patientId } = await panelDraftingOutcome(t, cast);
    await saveDraft(t, cast.lead, panelId, 1, 0);
    await stepUp(t, cast.lead);
    // The database refuses the lifecycle's transition row for this panel: the very last write of the signature.
    const name = `fail_sign_${randomUUID().replaceAll('-', '')}`;
    await t.database.query(`create function ${name}() returns trigger language plpgsql as $$ begin if new.panel_id = '${panelId}' and new.to_status = 'outcomeSigned' then raise exception 'refused by test'; end if; return new; end $$`);
    await t.database.query(`create trigger ${name} before insert on panel_transitions for each row execute function ${name}()`);
    const blobsBefore = await blobFiles(t);
    try {
      const failed = await sign(t, cast.lead, panelId, 1, { expectedRevision: 1, acknowledgeMissingApprovals: true });
      expect(failed.statusCode).toBe(500);
    } finally {
      await t.database.query(`drop trigger ${name} on panel_transitions`);
      await t.database.query(`drop function ${name}()`);
    }
    const row = await reportRow(panelId);
    expect(row).toMatchObject({ signedAt: null, signedContent: null, contentHash: null, pdfBlobKey: null, revision: 1 });
    expect(await panelStatus(panelId)).toBe('outcomeDrafting');
    expect(await blobFiles(t)).toEqual(blobsBefore);
    expect(await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.patientId, patientId), eq(auditEvents.action, 'outcomeReport.signed')))).toEqual([]);

    // Nothing was half-done: the same signature goes through once the database accepts it.
    const signed = await sign(t, cast.lead, panelId, 1, { expectedRevision: 1, acknowledgeMissingApprovals: true });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(await blobFiles(t)).toHaveLength(blobsBefore.length + 1);
  });

  it('delivers the signed report to the requester with a content-free e-mail when another lead signed it', async () => {
    const sentinel = `SENTINEL-${randomUUID().slice(0, 8)}`;
    const { panelId, patientId } = await panelDraftingOutcome(t, cast);
    const newLead = await someone(t, [{ role: 'healthProfessional', hospitalId: cast.orgs.noordhaven, ernId: cast.orgs.rnd }], 'Dr New Lead');
    const reassigned = await t.app.inject({ method: 'POST', url: `/api/panels/${panelId}/lead`, headers: cast.coordinator.session.headers, payload: { personId: newLead.person.personId } });
    expect(reassigned.statusCode, reassigned.body).toBe(200);
    expect((await saveDraft(t, cast.lead, panelId, 1, 0)).statusCode, 'the former lead no longer drafts').toBe(403);
    await saveDraft(t, newLead, panelId, 1, 0, draftText(sentinel));
    await stepUp(t, newLead);
    expect((await sign(t, newLead, panelId, 1, { expectedRevision: 1, acknowledgeMissingApprovals: true })).statusCode).toBe(200);

    const [requester] = await t.database.db.select({ email: people.email }).from(people).where(eq(people.id, cast.lead.person.personId));
    const mails = await t.database.db.select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, requester!.email), like(emailOutbox.subject, '%outcome report%'))).orderBy(desc(emailOutbox.createdAt));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.bodyText).toContain(`/patients/${patientId}`);
    const [patientCode] = await t.database.query<{ patient_code: string }>('select patient_code from patients where id = $1', [patientId]);
    const panel = (await t.database.db.select({ title: panels.title, question: panels.clinicalQuestion }).from(panels).where(eq(panels.id, panelId)))[0]!;
    for (const secret of [sentinel, patientCode!.patient_code, panel.title, panel.question, 'AVED', 'vitamin']) {
      expect(`${mails[0]!.subject}\n${mails[0]!.bodyText}`).not.toContain(secret);
    }
    // In the inbox: the requester (still a member) and the other member; not the new lead who signed.
    const told = await t.database.db.select({ personId: notifications.personId }).from(notifications).where(and(eq(notifications.panelId, panelId), eq(notifications.kind, 'outcomeSigned')));
    expect(told.map((n) => n.personId).sort()).toEqual([cast.lead.person.personId, cast.member.person.personId].sort());
  });
});

describe('amending a signed report', () => {
  it('is a new signed version, also after closing: the panel does not move and the earlier version stays readable', async () => {
    const { panelId } = await panelDraftingOutcome(t, cast);
    const first = await draftApproveSign(t, cast, panelId);
    expect((await t.app.inject({ method: 'POST', url: `${reportsUrl(panelId)}/amendments`, headers: cast.member.session.headers, payload: { reason: 'Member tries.' } })).statusCode).toBe(403);
    await transition(t, cast.lead.session, panelId, 'close', { reason: 'Outcome delivered.', acknowledgeFewContributions: true });
    const transitionsBefore = await t.database.db.select().from(panelTransitions).where(eq(panelTransitions.panelId, panelId));

    const amend = (reason: string) => t.app.inject({ method: 'POST', url: `${reportsUrl(panelId)}/amendments`, headers: cast.lead.session.headers, payload: { reason } });
    expect((await amend('')).statusCode).toBe(400);
    const started = await amend('The vitamin E level came back low.');
    expect(started.statusCode, started.body).toBe(201);
    expect(started.json<OutcomeReportVersion>()).toMatchObject({ version: 2, state: 'draft', revision: 1, amendmentReason: 'The vitamin E level came back low.', draft: { conclusion: first.content!.conclusion } });
    expect((await amend('Another one.')).statusCode, 'one open amendment at a time').toBe(409);

    const second = await draftApproveSign(t, cast, panelId, 2, draftText('AVED confirmed by a low serum vitamin E.'));
    expect(second).toMatchObject({ version: 2, state: 'signed', amendmentReason: 'The vitamin E level came back low.' });
    expect(second.contentHash).not.toBe(first.contentHash);
    expect(await panelStatus(panelId)).toBe('closed');
    expect(await t.database.db.select().from(panelTransitions).where(eq(panelTransitions.panelId, panelId))).toEqual(transitionsBefore);

    const list = await listReports(t, cast.member, panelId);
    expect(list.versions.map((v) => [v.version, v.state, v.contentHash])).toEqual([
      [2, 'signed', second.contentHash],
      [1, 'signed', first.contentHash],
    ]);
    const v1 = await pdfText((await download(cast.member, panelId, 1)).rawPayload);
    expect(v1).toContain(first.content!.conclusion);
    expect(v1).toContain(first.contentHash);
    const v2 = await pdfText((await download(cast.member, panelId, 2)).rawPayload);
    expect(v2).toContain('AVED confirmed by a low serum vitamin E.');
    expect(v2).toContain('The vitamin E level came back low.');

    // A printout's hash: the older version is recognised, and the reader learns it has been amended since.
    const verify = (hash: string) => t.app.inject({ method: 'GET', url: `${reportsUrl(panelId)}/verification?hash=${hash}`, headers: cast.coordinator.session.headers });
    expect((await verify(first.contentHash!.toUpperCase())).json<Verification>()).toMatchObject({ matches: true, version: 1, latestVersion: 2, signedBy: 'Dr. Łucja Wrzosowska' });
    expect((await verify('0'.repeat(64))).json<Verification>()).toMatchObject({ matches: false, version: null, latestVersion: 2 });
    expect((await verify('not-a-hash')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: `${reportsUrl(panelId)}/verification?hash=${first.contentHash}`, headers: cast.outsider.session.headers })).statusCode).toBe(404);
  });
});
