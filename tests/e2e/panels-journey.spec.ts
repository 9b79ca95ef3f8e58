import type { Browser, Page } from '@playwright/test';
import type { PatientList } from '../../src/modules/patients/patients.contract.ts';
import { minimalPdf } from '../../src/seed/training-attachments.ts';
import { expect, test } from './fixtures.ts';
import { expectNoSeriousAxeViolations } from './support/axe.ts';
import { signInThroughApi } from './support/sign-in.ts';
import { trainingAccount } from './support/training-accounts.ts';

/** A browser of its own for one person, signed in through the API (the journey is about panels, not signing in). */
async function personPage(browser: Browser, account: string): Promise<{ page: Page; csrfToken: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const csrfToken = await signInThroughApi(page.request, trainingAccount(account));
  return { page, csrfToken };
}

async function choose(page: Page, combobox: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: combobox }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Heron's identity and nickname (src/seed/training-patients.ts): none of it may reach a panel member. */
const heronIdentity = ['Heron', 'Jonas', 'Wiesengrund', 'WS-100877', '1987-11-03'];

test('a panel from request to closing: request on a seeded patient, triage, invitation, contribution, closing with one contribution', async ({ browser }) => {
  test.setTimeout(180_000);
  const title = `Adult-onset ataxia ${String(Date.now()).slice(-6)}`;

  // The Waldstadt health professional requests a panel from the patient's page.
  const lead = await personPage(browser, 'hp.waldstadt');
  // A letter in Heron's files whose name identifies the patient: the panel must only ever see the label given to it.
  const { patients } = (await (await lead.page.request.get('/api/patients?q=Heron')).json()) as PatientList;
  const heron = patients.find((p) => p.nickname === 'Heron')!;
  const upload = await lead.page.request.post(`/api/patients/${heron.id}/attachments`, {
    headers: { 'x-csrf-token': lead.csrfToken },
    multipart: { kind: 'report', description: '', file: { name: 'wiesengrund-referral.pdf', mimeType: 'application/pdf', buffer: minimalPdf(['Referral letter (synthetic).']) } },
  });
  expect(upload.status(), await upload.text()).toBe(201);
  await lead.page.goto('/patients');
  await lead.page.getByRole('link', { name: /\(Heron\)$/ }).click();
  await expect(lead.page.getByRole('heading', { level: 1, name: 'Patient Heron' })).toBeVisible();
  await lead.page.getByRole('link', { name: 'Request a panel' }).click();
  await expect(lead.page.getByRole('heading', { level: 1, name: 'Request a panel' })).toBeVisible();
  await expect(lead.page.getByRole('heading', { level: 2, name: 'Step 1 of 4: Patient and network' })).toBeVisible();
  await expect(lead.page.getByRole('combobox', { name: 'Network' })).toHaveValue('ERN-RND');
  // Next without a disease group or type: the page says what is missing and stays.
  await lead.page.getByRole('button', { name: 'Next' }).click();
  await expect(lead.page.getByText('Choose the disease group of this network.')).toBeVisible();
  await choose(lead.page, 'Disease group', 'Ataxia / HSP');
  await lead.page.getByRole('radio', { name: 'Diagnosis' }).check();
  await lead.page.getByRole('radio', { name: 'Urgent', exact: true }).check();
  await expectNoSeriousAxeViolations(lead.page, '/panels/new (step 1)');
  await lead.page.getByRole('button', { name: 'Next' }).click();

  await lead.page.getByRole('textbox', { name: 'Title' }).fill(title);
  await lead.page.getByRole('textbox', { name: 'Clinical question' }).fill('Which genetic testing should follow a negative SCA1-3 repeat analysis?');
  await lead.page.getByRole('button', { name: 'Next' }).click();

  // What the panel sees: two sections of the current record version.
  await expect(lead.page.getByRole('heading', { level: 2, name: 'Step 3 of 4: What the panel sees' })).toBeVisible();
  await lead.page.getByRole('checkbox', { name: 'History' }).check();
  await lead.page.getByRole('checkbox', { name: 'Phenotypic features' }).check();
  await lead.page.getByRole('checkbox', { name: 'Share wiesengrund-referral.pdf' }).check();
  await lead.page.getByRole('textbox', { name: 'Label of wiesengrund-referral.pdf for the panel' }).fill('Referral letter');
  await expectNoSeriousAxeViolations(lead.page, '/panels/new (share step)');
  await lead.page.getByRole('button', { name: 'Next' }).click();
  const review = lead.page.getByRole('list', { name: 'Your request' });
  await expect(review).toContainText('History, Phenotypic features; 1 file');
  await lead.page.getByRole('button', { name: 'Submit the request' }).click();

  // The panel page: awaiting triage, with a deadline.
  await expect(lead.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const facts = lead.page.getByLabel('About this panel');
  await expect(facts).toContainText('Awaiting triage');
  await expect(facts).toContainText('Due ');
  const panelUrl = lead.page.url();
  await expectNoSeriousAxeViolations(lead.page, '/panels/$panelId (lead, awaiting triage)');

  // The ERN-RND coordinator accepts it in triage, forwarding it to the Noordhaven health professional.
  const coordinator = await personPage(browser, 'coordinator.rnd');
  await coordinator.page.goto('/panels');
  const triage = coordinator.page.getByRole('region', { name: 'Requests awaiting triage' });
  await expect(triage.getByRole('article', { name: title })).toBeVisible();
  await expectNoSeriousAxeViolations(coordinator.page, '/panels (coordinator)');
  await triage.getByRole('button', { name: `Accept and forward: “${title}”` }).click();
  const accept = coordinator.page.getByRole('dialog', { name: 'Accept the request and forward it' });
  await accept.getByRole('textbox', { name: 'Name or expertise' }).fill('Vries');
  await accept.getByRole('button', { name: 'Search' }).click();
  await accept.getByRole('checkbox', { name: /Pieter de Vries/ }).check();
  await expect(accept.getByText('Chosen: Dr. Pieter de Vries')).toBeVisible();
  await expectNoSeriousAxeViolations(coordinator.page, '/panels (accept dialog)');
  await accept.getByRole('button', { name: 'Accept and forward' }).click();
  await expect(coordinator.page.getByRole('status').filter({ hasText: `“${title}” was accepted and is open.` })).toBeVisible();
  await expect(triage.getByRole('article', { name: title })).toHaveCount(0);

  // The invitee finds the invitation on the board, accepts it and reads the shared case.
  const member = await personPage(browser, 'hp.noordhaven');
  await member.page.goto('/panels');
  const invitations = member.page.getByRole('region', { name: /invitation/ });
  await invitations.getByRole('link', { name: title }).click();
  await expect(member.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(member.page.getByRole('tabpanel', { name: 'Case' })).toContainText('Accept the invitation to read the case.');
  await expectNoSeriousAxeViolations(member.page, '/panels/$panelId (invitation)');
  await member.page.getByRole('button', { name: 'Accept the invitation' }).click();
  await expect(member.page.getByRole('status').filter({ hasText: 'You joined the panel.' })).toBeVisible();
  const caseView = member.page.getByRole('tabpanel', { name: 'Case' });
  await expect(caseView.getByRole('region', { name: 'Phenotypic features' })).toContainText('Ataxia (HP:0001251)');
  await expect(caseView.getByRole('region', { name: 'History' })).toContainText('Progressive gait unsteadiness');
  // Only what was shared: no laboratory results, genetics or diagnoses of the record.
  await expect(caseView.getByRole('region', { name: 'Laboratory results' })).toHaveCount(0);
  await expect(caseView).not.toContainText('Vitamin E');
  await expect(caseView).not.toContainText('Spinocerebellar ataxia type 1');
  // The shared file downloads under its label, never under the hospital's file name.
  const files = caseView.getByRole('table', { name: 'Files shared with the panel, by their labels' });
  await expect(files.getByRole('row').filter({ hasText: 'Referral letter' })).toBeVisible();
  const downloading = member.page.waitForEvent('download');
  await files.getByRole('link', { name: 'Download Referral letter' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^Referral letter/);
  expect(download.suggestedFilename().toLowerCase()).not.toContain('wiesengrund');

  // A contribution with a coded diagnosis.
  await member.page.getByRole('tab', { name: 'Contributions' }).click();
  const contribution = member.page.getByRole('form', { name: 'My contribution' });
  await contribution.getByRole('textbox', { name: 'Assessment' }).fill('Cerebellar syndrome with a paternal history: consider SCA types beyond 1-3.');
  await contribution.getByRole('button', { name: 'Add a diagnosis by code' }).click();
  await contribution.getByRole('textbox', { name: 'Code of diagnosis 1' }).fill('ORPHA:98756');
  await contribution.getByRole('textbox', { name: 'Name of diagnosis 1' }).fill('Spinocerebellar ataxia type 2');
  await contribution.getByRole('textbox', { name: 'Suggested investigations' }).fill('Exome sequencing with repeat expansion calling.');
  await contribution.getByRole('button', { name: 'Save my contribution' }).click();
  await expect(member.page.getByRole('status').filter({ hasText: 'Your contribution was saved (version 1).' })).toBeVisible();
  await expectNoSeriousAxeViolations(member.page, '/panels/$panelId (member, contributions)');

  // The member never sees the patient's identity, nor the nickname, anywhere on the panel page (every tab is in the page).
  for (const tab of ['Case', 'Contributions', 'Members', 'Discussion', 'Outcome report', 'History']) {
    await member.page.getByRole('tab', { name: tab }).click();
    await expect(member.page.getByRole('tabpanel', { name: tab })).toBeVisible();
  }
  const shown = await member.page.locator('body').textContent();
  for (const identifying of heronIdentity) expect(shown, `the panel page shows "${identifying}"`).not.toContain(identifying);

  // The lead sees the contribution.
  await lead.page.goto(panelUrl);
  await lead.page.getByRole('tab', { name: 'Contributions' }).click();
  const theirs = lead.page.getByRole('article', { name: 'Dr. Pieter de Vries (Member)' });
  await expect(theirs).toContainText('consider SCA types beyond 1-3');
  await expect(theirs).toContainText('Spinocerebellar ataxia type 2 (ORPHA:98756)');

  // Closing with one expert contribution: the warning, and the acknowledgement with a reason are required.
  await lead.page.getByRole('button', { name: 'Close the panel' }).click();
  const closing = lead.page.getByRole('dialog', { name: 'Close the panel' });
  await expect(closing).toContainText('This panel has 1 expert contribution. Panels closed with fewer than 2 do not count in the network\'s monitoring.');
  await closing.getByRole('textbox', { name: 'Why close it' }).fill('The question was answered; the family declined further testing.');
  await closing.getByRole('button', { name: 'Close the panel' }).click();
  await expect(closing.getByText('Tick this to close the panel anyway.')).toBeVisible();
  await expectNoSeriousAxeViolations(lead.page, '/panels/$panelId (closing dialog)');
  await closing.getByRole('checkbox', { name: /I understand that this panel will not count/ }).check();
  await closing.getByRole('button', { name: 'Close the panel' }).click();
  await expect(lead.page.getByRole('status').filter({ hasText: `“${title}” was closed.` })).toBeVisible();
  await expect(facts).toContainText('Closed');
  await lead.page.getByRole('tab', { name: 'History' }).click();
  const history = lead.page.getByRole('list', { name: 'Steps of the panel, oldest first' });
  await expect(history).toContainText('Open → Closed');
  await expect(history).toContainText('Closed with fewer than two expert contributions, acknowledged.');
  await expect(history).toContainText('The question was answered; the family declined further testing.');
});

test('requesting a panel for a patient whose care consent was withdrawn: the refusal is shown and the draft kept', async ({ browser }) => {
  test.setTimeout(90_000);
  const lead = await personPage(browser, 'hp.waldstadt');
  // Otter (seeded with a withdrawn care consent) gets a record version to share, as a clinician would have saved.
  const list = (await (await lead.page.request.get('/api/patients?q=Otter')).json()) as PatientList;
  const otter = list.patients.find((p) => p.nickname === 'Otter')!;
  const record = (await (await lead.page.request.get(`/api/patients/${otter.id}/record`)).json()) as { version: number };
  const saved = await lead.page.request.put(`/api/patients/${otter.id}/record/sections/history`, {
    headers: { 'x-csrf-token': lead.csrfToken },
    data: { expectedVersion: record.version, content: { medicalHistory: 'Developmental delay; ataxic gait since age 3.', familyHistory: '' } },
  });
  expect(saved.status(), await saved.text()).toBe(200);

  await lead.page.goto(`/panels/new?patientId=${otter.id}`);
  await expect(lead.page.getByRole('combobox', { name: 'Patient' })).toHaveValue(`${otter.patientCode} (Otter)`);
  await choose(lead.page, 'Disease group', 'Ataxia / HSP');
  await lead.page.getByRole('radio', { name: 'Diagnosis' }).check();
  await lead.page.getByRole('button', { name: 'Next' }).click();
  await lead.page.getByRole('textbox', { name: 'Title' }).fill('Early-onset ataxia, consent check');
  await lead.page.getByRole('textbox', { name: 'Clinical question' }).fill('Which metabolic work-up is still missing?');
  await lead.page.getByRole('button', { name: 'Next' }).click();
  await lead.page.getByRole('checkbox', { name: 'History' }).check();
  await lead.page.getByRole('button', { name: 'Next' }).click();
  await lead.page.getByRole('button', { name: 'Submit the request' }).click();

  const refusal = lead.page.getByRole('alert').filter({ hasText: 'The request could not be submitted' });
  await expect(refusal).toContainText('care consent is not in force');
  await lead.page.getByRole('link', { name: 'Open the draft request' }).click();
  await expect(lead.page.getByRole('heading', { level: 1, name: 'Early-onset ataxia, consent check' })).toBeVisible();
  await expect(lead.page.getByLabel('About this panel')).toContainText('Draft');
  // The panel page offers Submit only disabled, and says why.
  await expect(lead.page.getByRole('button', { name: 'Submit the request' })).toBeDisabled();
  await expect(lead.page.getByRole('list', { name: 'Steps that cannot be taken yet' })).toContainText("Submit the request: not possible while the patient's care consent is not in force.");
});
