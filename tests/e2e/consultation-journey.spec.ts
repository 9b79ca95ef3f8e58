import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from '@playwright/test';
import type { TrainingAccount } from '../../src/seed/training-accounts.ts';
import { expect, test } from './fixtures.ts';
import { startClockedServer, type ClockedServer } from './support/clocked-server.ts';
import { trainingAccount } from './support/training-accounts.ts';

/*
 * The whole consultation, as the people would do it, each in a browser of their own: a health professional
 * enrols a patient and requests a panel, the coordinator forwards it to two experts, who accept and contribute,
 * the coordinator schedules a meeting, the lead drafts the outcome report, both members approve it, the lead
 * signs it with a fresh authenticator code (the server's clock moves on, so the second factor is asked for
 * again), the PDF downloads and reads right, and the panel closes. On an app of its own with a manual clock.
 */

let server: ClockedServer;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startClockedServer();
});
test.afterAll(async () => {
  await server?.close();
});

const run = promisify(execFile);

async function signedIn(browser: Browser, account: TrainingAccount): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await server.signInThroughPage(page, account);
  return page;
}

async function choose(page: Page, scope: ReturnType<Page['getByRole']>, combobox: string, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: combobox }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Tomorrow's date (YYYY-MM-DD) in Brussels, the training accounts' time zone. */
const tomorrowInBrussels = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date(server.clock.now().getTime() + 86_400_000));

test('a consultation from enrolment to a signed outcome report and a closed panel', async ({ page: lead, browser }) => {
  test.setTimeout(360_000);
  const suffix = String(Date.now()).slice(-6);
  const nickname = `Curlew ${suffix}`;
  const title = `Childhood ataxia with neuropathy ${suffix}`;
  const leadAccount = trainingAccount('hp.waldstadt');
  const experts = [
    { account: trainingAccount('hp.noordhaven'), name: 'Dr. Pieter de Vries', search: 'Vries', assessment: 'Ataxia with a sensory neuropathy and high CK: consider AVED and abetalipoproteinaemia.' },
    { account: trainingAccount('guest.valid'), name: 'Dr. Erik Lindqvist', search: 'Lindqvist', assessment: 'Agree; check vitamin E and the lipid profile before a gene panel.' },
  ];

  // 1. The health professional enrols the patient, with care consent, and writes the history.
  await server.signInThroughPage(lead, leadAccount);
  await lead.goto(`${server.url}/patients`);
  await lead.getByRole('link', { name: 'Enrol a patient' }).click();
  const enrol = lead.getByRole('form', { name: 'Enrol a patient' });
  await enrol.getByLabel('Nickname').fill(nickname);
  await choose(lead, enrol, 'Sex', 'Male');
  await enrol.getByLabel('Given name').fill('Anton');
  await enrol.getByLabel('Family name').fill(`Journeyman-${suffix}`);
  await enrol.getByLabel('Date of birth').fill('2013-02-11');
  await enrol.getByLabel('Hospital record number').fill(`E2E-J-${suffix}`);
  await enrol.getByRole('radio', { name: 'A legal representative' }).check();
  await enrol.getByLabel('Relation to the patient').fill('father');
  await enrol.getByLabel('Form version').fill('care-v3');
  await enrol.getByRole('button', { name: 'Enrol patient' }).click();
  await expect(lead.getByRole('heading', { level: 1, name: `Patient ${nickname}` })).toBeVisible();
  const history = lead.getByRole('form', { name: 'Edit history' });
  await history.getByLabel('Medical history').fill('Progressive gait ataxia since age 5, areflexia, reduced vibration sense.');
  await history.getByRole('button', { name: 'Save history' }).click();
  await expect(lead.getByText(/^Version 1, saved by Dr\. Lena Brandt/)).toBeVisible();

  // 2. ... and requests a panel from the patient's page, sharing the history.
  await lead.getByRole('link', { name: 'Request a panel' }).click();
  await expect(lead.getByRole('combobox', { name: 'Network' })).toHaveValue('ERN-RND');
  await lead.getByRole('combobox', { name: 'Disease group' }).click();
  await lead.getByRole('option', { name: 'Ataxia / HSP', exact: true }).click();
  await lead.getByRole('radio', { name: 'Diagnosis' }).check();
  await lead.getByRole('radio', { name: 'Routine', exact: true }).check();
  await lead.getByRole('button', { name: 'Next' }).click();
  await lead.getByRole('textbox', { name: 'Title' }).fill(title);
  await lead.getByRole('textbox', { name: 'Clinical question' }).fill('Which diagnosis explains the ataxia with neuropathy, and which tests come first?');
  await lead.getByRole('button', { name: 'Next' }).click();
  await lead.getByRole('checkbox', { name: 'History' }).check();
  await lead.getByRole('button', { name: 'Next' }).click();
  await lead.getByRole('button', { name: 'Submit the request' }).click();
  await expect(lead.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(lead.getByLabel('About this panel')).toContainText('Awaiting triage');
  const panelUrl = lead.url();

  // 3. The coordinator accepts it in triage and forwards it to two experts (one a guest expert).
  const coordinator = await signedIn(browser, trainingAccount('coordinator.rnd'));
  await coordinator.goto(`${server.url}/panels`);
  const triage = coordinator.getByRole('region', { name: 'Requests awaiting triage' });
  await triage.getByRole('button', { name: `Accept and forward: “${title}”` }).click();
  const forward = coordinator.getByRole('dialog', { name: 'Accept the request and forward it' });
  for (const expert of experts) {
    await forward.getByRole('textbox', { name: 'Name or expertise' }).fill(expert.search);
    await forward.getByRole('button', { name: 'Search' }).click();
    await forward.getByRole('checkbox', { name: new RegExp(expert.name.replace('Dr. ', '')) }).check();
    await expect(forward.getByText(/^Chosen: /)).toContainText(expert.name);
  }
  await forward.getByRole('button', { name: 'Accept and forward' }).click();
  await expect(coordinator.getByRole('status').filter({ hasText: `“${title}” was accepted and is open.` })).toBeVisible();

  // 4. Each expert accepts the invitation, reads the case and contributes.
  const members: Page[] = [];
  for (const expert of experts) {
    const member = await signedIn(browser, expert.account);
    members.push(member);
    await member.goto(panelUrl);
    await member.getByRole('button', { name: 'Accept the invitation' }).click();
    await expect(member.getByRole('status').filter({ hasText: 'You joined the panel.' })).toBeVisible();
    await expect(member.getByRole('tabpanel', { name: 'Case' }).getByRole('region', { name: 'History' })).toContainText('areflexia');
    await member.getByRole('tab', { name: 'Contributions' }).click();
    const contribution = member.getByRole('form', { name: 'My contribution' });
    await contribution.getByRole('textbox', { name: 'Assessment' }).fill(expert.assessment);
    await contribution.getByRole('textbox', { name: 'Suggested investigations' }).fill('Serum vitamin E, lipid profile, CK.');
    await contribution.getByRole('button', { name: 'Save my contribution' }).click();
    await expect(member.getByRole('status').filter({ hasText: 'Your contribution was saved (version 1).' })).toBeVisible();
  }

  // 5. The coordinator schedules a meeting with the panel on its agenda.
  await coordinator.goto(`${server.url}/meetings`);
  await coordinator.getByRole('link', { name: 'Schedule a meeting' }).click();
  const schedule = coordinator.getByRole('form', { name: 'Schedule a meeting' });
  await schedule.getByRole('textbox', { name: 'Title' }).fill(`Case conference ${suffix}`);
  await schedule.getByLabel('Starts').fill(`${tomorrowInBrussels()}T15:00`);
  await schedule.getByRole('checkbox', { name: `Put “${title}” on the agenda` }).check();
  await schedule.getByRole('button', { name: 'Schedule the meeting' }).click();
  await expect(coordinator.getByRole('article', { name: `Item 1: ${title}` })).toBeVisible();
  await members[0]!.goto(`${server.url}/meetings`);
  await expect(members[0]!.getByRole('link', { name: `Case conference ${suffix}` })).toBeVisible();

  // 6. The lead moves the panel to outcome drafting and drafts the report.
  await lead.goto(panelUrl);
  await lead.getByRole('button', { name: 'Start the outcome report' }).click();
  await lead.getByRole('dialog', { name: 'Start the outcome report' }).getByRole('button', { name: 'Start the outcome report' }).click();
  await expect(lead.getByRole('status').filter({ hasText: `The outcome report of “${title}” can now be drafted.` })).toBeVisible();
  const conclusion = 'Ataxia with vitamin E deficiency is the most likely diagnosis (reviewed by two experts).';
  await lead.getByRole('tab', { name: 'Outcome report' }).click();
  const editor = lead.getByRole('form', { name: 'Edit the draft of version 1' });
  await editor.getByRole('textbox', { name: 'Summary' }).fill('Childhood-onset ataxia with a sensory neuropathy; two experts contributed.');
  await editor.getByRole('textbox', { name: 'Conclusion' }).fill(conclusion);
  await editor.getByRole('button', { name: 'Add a diagnosis' }).click();
  await editor.getByRole('textbox', { name: 'Code 1' }).fill('ORPHA:96');
  await editor.getByRole('textbox', { name: 'Diagnosis 1' }).fill('Ataxia with vitamin E deficiency');
  await editor.getByRole('textbox', { name: 'Investigations' }).fill('Serum vitamin E and lipid profile; TTPA sequencing if low.');
  await editor.getByRole('button', { name: 'Save draft' }).click();
  const outcome = lead.getByRole('region', { name: 'Outcome report', exact: true });
  await expect(outcome.getByRole('status')).toContainText('Version 1 saved as revision 1');

  // 7. Both members approve this revision.
  for (const member of members) {
    await member.goto(panelUrl);
    await member.getByRole('tab', { name: 'Outcome report' }).click();
    await expect(member.getByText(conclusion)).toBeVisible();
    await member.getByRole('form', { name: 'Approve revision 1' }).getByRole('button', { name: 'Approve revision 1' }).click();
    await expect(member.getByRole('region', { name: 'Outcome report', exact: true }).getByRole('status')).toContainText('You approved revision 1.');
  }

  // 8. Minutes later the lead signs: the second factor is asked for again, and a fresh code signs.
  server.clock.advance(6 * 60_000);
  await lead.goto(panelUrl);
  await lead.getByRole('tab', { name: 'Outcome report' }).click();
  await expect(lead.getByText('Every member has approved revision 1.')).toBeVisible();
  await lead.getByRole('button', { name: 'Sign version 1 (revision 1)' }).click();
  const signing = lead.getByRole('dialog', { name: 'Sign version 1' });
  await signing.getByRole('button', { name: 'Sign version 1' }).click();
  await expect(signing.getByRole('alert')).toContainText('Confirm it is you');
  await signing.getByRole('textbox', { name: 'Authentication code' }).fill(await server.codeFor(leadAccount));
  await signing.getByRole('button', { name: 'Confirm and sign' }).click();
  await expect(outcome.getByRole('status')).toContainText('Version 1 is signed.');

  // 9. The PDF: the pseudonym only, both approvers, the conclusion and the content hash shown on the page.
  const signed = lead.getByRole('article', { name: 'Version 1' });
  const hash = (await signed.locator('code').innerText()).trim();
  const downloading = lead.waitForEvent('download');
  await signed.getByRole('link', { name: 'Download PDF of version 1' }).click();
  const file = path.join(os.tmpdir(), `cpms-e2e-journey-${suffix}.pdf`);
  await (await downloading).saveAs(file);
  try {
    const text = (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout.replace(/\s+/g, ' ');
    expect(text).toContain(`SHA-256 ${hash}`);
    expect(text).toContain(conclusion);
    for (const expert of experts) expect(text).toContain(expert.name);
    expect(text).not.toContain('Journeyman');
    expect(text).not.toContain(nickname);
  } finally {
    fs.rmSync(file, { force: true });
  }

  // 10. The lead closes the panel: two expert contributions, so it counts in the network's monitoring.
  await lead.getByRole('button', { name: 'Close the panel' }).click();
  const closing = lead.getByRole('dialog', { name: 'Close the panel' });
  await expect(closing).not.toContainText('do not count');
  await closing.getByRole('button', { name: 'Close the panel' }).click();
  await expect(lead.getByRole('status').filter({ hasText: `“${title}” was closed.` })).toBeVisible();
  await expect(lead.getByLabel('About this panel')).toContainText('Closed');
});
