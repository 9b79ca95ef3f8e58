import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { blobFolder } from '../../src/storage/filesystem-backend.ts';
import { seededOrganisations, totpCode, type SignedIn } from '../../src/testing/actors.ts';
import type { TestApp } from '../../src/testing/test-app.ts';
import { accept, contribute, invite, openPanel, patientWithRecord, someone, transition, type Someone } from './panel-fixtures.ts';
import type { OutcomeReportDraft, OutcomeReportList, OutcomeReportVersion } from '../../src/modules/outcome-reports/outcome-reports.contract.ts';

/** The people of one outcome-report test file, around ERN-RND and Waldstadt (the enrolling hospital). */
export async function reportCast(t: TestApp) {
  const orgs = await seededOrganisations(t);
  return {
    orgs,
    lead: await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.waldstadt, ernId: orgs.rnd }], 'Dr. Łucja Wrzosowska'),
    coordinator: await someone(t, [{ role: 'coordinator', ernId: orgs.rnd }], 'Coordinator Rnd'),
    member: await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }], 'Prof. Anke de Vries'),
    /** Another health professional of the enrolling hospital, not on any panel. */
    colleague: await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.waldstadt, ernId: orgs.rnd }], 'Dr Colleague Waldstadt'),
    /** A health professional of another hospital in the same ERN, not on the panel. */
    outsider: await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }], 'Dr Outsider'),
    /** A coordinator of another ERN. */
    otherCoordinator: await someone(t, [{ role: 'coordinator', ernId: orgs.erknet }], 'Coordinator Erknet'),
  };
}
export type ReportCast = Awaited<ReturnType<typeof reportCast>>;

/** A panel brought to outcome drafting through the API: the member accepted and contributed; the lead started the outcome. */
export async function panelDraftingOutcome(t: TestApp, cast: ReportCast): Promise<{ panelId: string; patientId: string }> {
  const patientId = await patientWithRecord(t, cast.lead.session, cast.orgs.waldstadt);
  const panelId = await openPanel(t, cast.lead.session, cast.coordinator.session, patientId, cast.orgs.rnd);
  await invite(t, cast.lead.session, panelId, [cast.member.person.personId]);
  await accept(t, cast.member.session, panelId);
  await contribute(t, cast.member.session, panelId);
  await transition(t, cast.lead.session, panelId, 'startOutcome');
  return { panelId, patientId };
}

export const draftText = (conclusion = 'Ataxia with vitamin E deficiency is the most likely diagnosis.'): OutcomeReportDraft => ({
  summary: 'The panel reviewed the shared history; two experts contributed.',
  conclusion,
  diagnoses: [{ code: 'ORPHA:96', label: 'Ataxia with vitamin E deficiency', status: 'suspected' }],
  recommendations: { investigations: 'Serum vitamin E.', treatment: 'Vitamin E supplementation if confirmed.', followUp: 'Review in 6 months.' },
});

export const reportsUrl = (panelId: string) => `/api/panels/${panelId}/outcome-reports`;

export const saveDraft = (t: TestApp, who: Someone, panelId: string, version: number, expectedRevision: number, draft: OutcomeReportDraft = draftText()) =>
  t.app.inject({ method: 'PUT', url: `${reportsUrl(panelId)}/${version}/draft`, headers: who.session.headers, payload: { expectedRevision, ...draft } });

export const approve = (t: TestApp, who: Someone, panelId: string, version: number, revision: number, comment?: string) =>
  t.app.inject({ method: 'POST', url: `${reportsUrl(panelId)}/${version}/approvals`, headers: who.session.headers, payload: { revision, ...(comment ? { comment } : {}) } });

export const sign = (t: TestApp, who: Someone, panelId: string, version: number, body: { expectedRevision: number; acknowledgeMissingApprovals?: boolean }) =>
  t.app.inject({ method: 'POST', url: `${reportsUrl(panelId)}/${version}/signature`, headers: who.session.headers, payload: body });

export const listReports = async (t: TestApp, who: Someone, panelId: string) => {
  const response = await t.app.inject({ method: 'GET', url: reportsUrl(panelId), headers: who.session.headers });
  if (response.statusCode !== 200) throw new Error(`GET outcome reports: ${response.statusCode} ${response.body}`);
  return response.json<OutcomeReportList>();
};

/** Confirms the second factor again (step-up) with a fresh code. */
export async function stepUp(t: TestApp, who: Someone): Promise<void> {
  const response = await t.app.inject({ method: 'POST', url: '/api/auth/second-factor', headers: who.session.headers, payload: { code: await totpCode(t, who.person.totpSecret!) } });
  if (response.statusCode !== 200) throw new Error(`step-up: ${response.statusCode} ${response.body}`);
}

/** Drafts, has the member approve and signs a version (stepping up first); returns the signed version. */
export async function draftApproveSign(t: TestApp, cast: ReportCast, panelId: string, version = 1, draft = draftText()): Promise<OutcomeReportVersion> {
  const current = (await listReports(t, cast.lead, panelId)).versions.find((v) => v.version === version);
  const saved = await saveDraft(t, cast.lead, panelId, version, current?.revision ?? 0, draft);
  if (saved.statusCode !== 200) throw new Error(`draft: ${saved.statusCode} ${saved.body}`);
  const { revision } = saved.json<OutcomeReportVersion>();
  const approved = await approve(t, cast.member, panelId, version, revision);
  if (approved.statusCode !== 200) throw new Error(`approve: ${approved.statusCode} ${approved.body}`);
  await stepUp(t, cast.lead);
  const signed = await sign(t, cast.lead, panelId, version, { expectedRevision: revision });
  if (signed.statusCode !== 200) throw new Error(`sign: ${signed.statusCode} ${signed.body}`);
  return signed.json<OutcomeReportVersion>();
}

const run = promisify(execFile);

/** The text of a PDF as pdftotext (poppler-utils) reads it. */
export async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cpms-report-pdf-'));
  try {
    const file = path.join(dir, 'report.pdf');
    await writeFile(file, pdf);
    return (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Every stored blob file of the test app (the filesystem blob store under its data directory). */
export async function blobFiles(t: TestApp): Promise<string[]> {
  const root = blobFolder(t.config.dataDir);
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && !e.parentPath.includes('.incoming')).map((e) => path.join(e.parentPath, e.name));
}

export type { SignedIn, Someone };
