import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { diseaseGroups, erns, hospitals, people } from '../../src/db/schema/index.ts';
import type { TrainingAccount } from '../../src/seed/training-accounts.ts';
import { expect, test } from './fixtures.ts';
import AxeBuilder from '@axe-core/playwright';
import { startClockedServer, type ClockedServer } from './support/clocked-server.ts';
import { trainingAccount } from './support/training-accounts.ts';

/**
 * Signing needs a second factor confirmed within the last 5 minutes. To show the person being asked for a fresh
 * code without waiting 5 minutes, this spec runs the app in the test process with a manual clock and moves it on.
 */
let server: ClockedServer;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startClockedServer();
});
test.afterAll(async () => {
  await server?.close();
});
const codeFor = (account: TrainingAccount) => server.codeFor(account);
const apiSession = (account: TrainingAccount) => server.apiSession(account);
const call = <T>(headers: Record<string, string>, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => server.call<T>(headers, method, url, payload);
const signInThroughPage = (page: Page, account: TrainingAccount) => server.signInThroughPage(page, account);

/** axe on the outcome report's part of the page (the shell and the rest of the panel page are other specs' business). */
async function expectAccessibleOutcomeReport(page: Page, where: string, part = 'section[aria-labelledby="outcome-report-heading"]'): Promise<void> {
  const results = await new AxeBuilder({ page }).include(part).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.impact} ${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `serious or critical axe violations in the outcome report (${where})`).toEqual([]);
  expect(results.passes.some((rule) => rule.id === 'color-contrast'), `colour contrast checked (${where})`).toBe(true);
}

/** The outcome report's own part of the panel page (the page has its own status line too). */
const outcomeRegion = (page: Page) => page.getByRole('region', { name: 'Outcome report', exact: true });

async function openOutcomeTab(page: Page, panelId: string): Promise<void> {
  await page.goto(`${server.url}/panels/${panelId}`);
  await page.getByRole('tab', { name: 'Outcome report' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Outcome report' })).toBeVisible();
}

/** A panel on a fresh Waldstadt patient, through the API: requested, shared, accepted, the Noordhaven expert joined and contributed, outcome drafting started. */
async function panelDraftingOutcome(lead: TrainingAccount, member: TrainingAccount): Promise<{ panelId: string; patientId: string }> {
  const db = server.database.db;
  const [waldstadt] = await db.select({ id: hospitals.id }).from(hospitals).where(eq(hospitals.name, 'Universitätsklinikum Waldstadt'));
  const [rnd] = await db.select({ id: erns.id }).from(erns).where(eq(erns.code, 'ern-rnd'));
  const [group] = await db.select({ id: diseaseGroups.id }).from(diseaseGroups).where(eq(diseaseGroups.ernId, rnd!.id)).limit(1);
  const [memberPerson] = await db.select({ id: people.id }).from(people).where(eq(people.email, member.email));
  const leadHeaders = await apiSession(lead);
  const coordinatorHeaders = await apiSession(trainingAccount('coordinator.rnd'));
  const memberHeaders = await apiSession(member);

  const careConsent = { givenBy: 'patient', representativeRelation: null, givenOn: '2026-01-01', formVersion: 'care-2025-1', language: 'de', evidence: 'attestation' };
  const identity = { givenName: 'Outcome', familyName: 'Journey', dateOfBirth: '2014-03-27', recordNumber: `E2E-OR-${Date.now()}`, nationalId: null };
  const { id: patientId } = await call<{ id: string }>(leadHeaders, 'POST', '/api/patients', { hospitalId: waldstadt!.id, careConsent, nickname: 'Sandpiper', sex: 'female', identity });
  await call(leadHeaders, 'PUT', `/api/patients/${patientId}/record/sections/history`, { expectedVersion: 0, content: { medicalHistory: 'Progressive gait ataxia since age 4.', familyHistory: 'Unremarkable.' } });
  const { id: panelId } = await call<{ id: string }>(leadHeaders, 'POST', '/api/panels', {
    patientId,
    ernId: rnd!.id,
    diseaseGroupId: group?.id ?? null,
    type: 'diagnosis',
    urgency: 'routine',
    title: 'Childhood-onset ataxia, outcome journey',
    clinicalQuestion: 'Which diagnosis explains the ataxia, and what should follow?',
  });
  await call(leadHeaders, 'POST', `/api/panels/${panelId}/shares`, { recordVersion: 1, sections: ['history'], attachments: [] });
  await call(leadHeaders, 'POST', `/api/panels/${panelId}/transitions/submit`, {});
  await call(coordinatorHeaders, 'POST', `/api/panels/${panelId}/transitions/accept`, {});
  await call(leadHeaders, 'POST', `/api/panels/${panelId}/invitations`, { personIds: [memberPerson!.id] });
  await call(memberHeaders, 'POST', `/api/panels/${panelId}/invitation/acceptance`);
  await call(memberHeaders, 'PUT', `/api/panels/${panelId}/contributions/mine`, { expectedVersion: 0, assessment: 'Consistent with a recessive ataxia.', suggestedDiagnoses: [{ code: 'ORPHA:96', label: 'Ataxia with vitamin E deficiency' }], suggestedInvestigations: 'Serum vitamin E.', freeText: '' });
  await call(leadHeaders, 'POST', `/api/panels/${panelId}/transitions/startOutcome`, {});
  return { panelId, patientId };
}

const run = promisify(execFile);

test('the lead drafts, a member approves, the lead signs with a fresh authenticator code and downloads the PDF', async ({ page: lead, browser }) => {
  test.setTimeout(120_000);
  const leadAccount = trainingAccount('hp.waldstadt');
  const memberAccount = trainingAccount('hp.noordhaven');
  const { panelId, patientId } = await panelDraftingOutcome(leadAccount, memberAccount);
  const conclusion = 'Ataxia with vitamin E deficiency is the most likely diagnosis (Łódź panel, Ærø review).';

  // The lead drafts version 1.
  await signInThroughPage(lead, leadAccount);
  await openOutcomeTab(lead, panelId);
  const editor = lead.getByRole('form', { name: 'Edit the draft of version 1' });
  await editor.getByRole('textbox', { name: 'Summary' }).fill('The panel reviewed the shared history; one expert contributed.');
  await editor.getByRole('textbox', { name: 'Conclusion' }).fill(conclusion);
  await editor.getByRole('button', { name: 'Add a diagnosis' }).click();
  await editor.getByRole('textbox', { name: 'Code 1' }).fill('ORPHA:96');
  await editor.getByRole('textbox', { name: 'Diagnosis 1' }).fill('Ataxia with vitamin E deficiency');
  await editor.getByRole('textbox', { name: 'Investigations' }).fill('Serum vitamin E.');
  await editor.getByRole('button', { name: 'Save draft' }).click();
  await expect(outcomeRegion(lead).getByRole('status')).toContainText('Version 1 saved as revision 1');
  await expect(lead.getByText('Waiting for approval of revision 1: Dr. Pieter de Vries.')).toBeVisible();
  await expectAccessibleOutcomeReport(lead, 'the lead drafting');

  // A member reads the draft and approves this revision.
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await signInThroughPage(member, memberAccount);
  await openOutcomeTab(member, panelId);
  await expect(member.getByText(conclusion)).toBeVisible();
  await expect(member.getByRole('form', { name: 'Edit the draft of version 1' })).toHaveCount(0);
  const approval = member.getByRole('form', { name: 'Approve revision 1' });
  await approval.getByRole('textbox', { name: 'Comment (optional)' }).fill('Agreed.');
  await approval.getByRole('button', { name: 'Approve revision 1' }).click();
  await expect(outcomeRegion(member).getByRole('status')).toContainText('You approved revision 1.');
  await expectAccessibleOutcomeReport(member, 'a member approving');

  // Minutes later the lead signs: the server asks for the second factor again, and the lead types a fresh code.
  server.clock.advance(6 * 60_000);
  await openOutcomeTab(lead, panelId);
  const approvals = lead.getByRole('table', { name: 'Who approved which revision' });
  await expect(approvals.getByRole('row').filter({ hasText: 'Dr. Pieter de Vries' })).toContainText('Revision 1');
  await expect(lead.getByText('Every member has approved revision 1.')).toBeVisible();
  await lead.getByRole('button', { name: 'Sign version 1 (revision 1)' }).click();
  const dialog = lead.getByRole('dialog', { name: 'Sign version 1' });
  await dialog.getByRole('button', { name: 'Sign version 1' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Confirm it is you');
  await expectAccessibleOutcomeReport(lead, 'the signing dialog asking for a code', '[role="dialog"]');
  await dialog.getByRole('textbox', { name: 'Authentication code' }).fill('000000');
  await dialog.getByRole('button', { name: 'Confirm and sign' }).click();
  await expect(dialog.getByText('That code is not right', { exact: false })).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Authentication code' }).fill(await codeFor(leadAccount));
  await dialog.getByRole('button', { name: 'Confirm and sign' }).click();
  await expect(outcomeRegion(lead).getByRole('status')).toContainText('Version 1 is signed.');
  await expect(dialog).toHaveCount(0);

  // The signed version: its hash on the page, the PDF with the same hash and the conclusion.
  const signed = lead.getByRole('article', { name: 'Version 1' });
  await expect(signed).toContainText('Signed by Dr. Lena Brandt');
  await expect(signed).toContainText('Dr. Pieter de Vries');
  const hash = (await signed.locator('code').innerText()).trim();
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  const downloading = lead.waitForEvent('download');
  await signed.getByRole('link', { name: 'Download PDF of version 1' }).click();
  const download = await downloading;
  const file = path.join(os.tmpdir(), `cpms-e2e-outcome-${Date.now()}.pdf`);
  await download.saveAs(file);
  try {
    const text = (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout;
    expect(text).toContain(`SHA-256 ${hash}`);
    expect(text.replace(/\s+/g, ' ')).toContain(conclusion);
  } finally {
    fs.rmSync(file, { force: true });
  }
  await expectAccessibleOutcomeReport(lead, 'signed');

  // The panel has moved on, and the enrolling hospital finds the signed report on the patient's page.
  await lead.goto(`${server.url}/patients/${patientId}`);
  const reports = lead.getByRole('table', { name: "Signed outcome reports of this patient's panels, newest first" });
  await expect(reports.getByRole('row').filter({ hasText: 'Childhood-onset ataxia, outcome journey' })).toContainText('Version 1');
  await expect(reports.getByRole('link', { name: 'Download PDF of Childhood-onset ataxia, outcome journey, version 1' })).toBeVisible();

  await memberContext.close();
});
