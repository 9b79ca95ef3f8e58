import type { Browser, Locator, Page } from '@playwright/test';
import { minimalPdf } from '../../src/seed/training-attachments.ts';
import { expect, test } from './fixtures.ts';
import { expectNoSeriousAxeViolations } from './support/axe.ts';
import { signInThroughPage } from './support/sign-in.ts';
import { trainingAccount } from './support/training-accounts.ts';

async function personPage(browser: Browser, account: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInThroughPage(page, trainingAccount(account));
  return page;
}

/** Picks a file through the file chooser that a click on the (Mantine) file input opens, as a person does. */
async function chooseFile(page: Page, input: Locator, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await input.click();
  await (await chooser).setFiles(file);
}

const phenopacket = {
  id: 'e2e-referral',
  phenotypicFeatures: [{ type: { id: 'HP:0001250', label: 'Seizure' } }],
  metaData: { createdBy: 'e2e', phenopacketSchemaVersion: '2.0' },
};

test('a referrer refers a patient with a phenopacket and a file; the centre asks, the referrer answers, the centre accepts and the patient appears there', async ({ browser }) => {
  test.setTimeout(120_000);
  const nickname = `Godwit ${Date.now().toString(36).toUpperCase()}`;

  // The referrer picks the network, reads its guide, picks a proposed centre and writes the referral.
  const referrer = await personPage(browser, 'referrer');
  await referrer.goto('/referrals');
  await referrer.getByRole('link', { name: 'Refer a patient' }).click();
  await expect(referrer.getByRole('heading', { level: 1, name: 'Refer a patient' })).toBeVisible();
  await referrer.getByRole('combobox', { name: 'Network' }).click();
  await referrer.getByRole('option', { name: /^ERN-RND/ }).click();
  await expect(referrer.getByText(/This network covers:/)).toBeVisible();
  await referrer.getByRole('radio', { name: /Universitätsklinikum Waldstadt/ }).check();
  await referrer.getByLabel('Nickname').fill(nickname);
  await referrer.getByRole('combobox', { name: 'Sex' }).click();
  await referrer.getByRole('option', { name: 'Female', exact: true }).click();
  await referrer.getByLabel('Given name').fill('Aurélie');
  await referrer.getByLabel('Family name').fill('Tavares');
  await referrer.getByLabel('Date of birth').fill('2014-05-06');
  await referrer.getByLabel('Hospital record number').fill(`KT-${Date.now()}`);
  await referrer.getByLabel('Clinical question').fill('Which diagnosis explains seizures with an unsteady gait?');
  await referrer.getByLabel('Case summary').fill('Girl of 12, seizures since 9, unsteady gait since 10.');
  await referrer.getByRole('combobox', { name: 'Add an HPO term' }).fill('ataxia');
  await referrer.getByRole('option', { name: /Ataxia \(HP:0001251\)/ }).click();
  await expect(referrer.getByRole('button', { name: 'Remove Ataxia' })).toBeVisible();
  await chooseFile(referrer, referrer.getByRole('button', { name: 'Phenopacket (optional)' }), { name: 'case.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(phenopacket)) });
  await expect(referrer.getByText('Read: case.json')).toBeVisible();
  await chooseFile(referrer, referrer.getByRole('button', { name: 'Attachment (optional)' }), { name: 'letter.pdf', mimeType: 'application/pdf', buffer: minimalPdf(['referral letter']) });
  await referrer.getByLabel('Consent given on').fill('2026-01-10');
  await referrer.getByLabel('I confirm that the patient (or their legal representative) agreed to this referral').check();
  await expectNoSeriousAxeViolations(referrer, 'the referral form');
  await referrer.getByRole('button', { name: 'Send the referral' }).click();
  // sending, then uploading the file, on a machine shared with other work: a generous wait, not a timing claim
  await expect(referrer.getByRole('heading', { level: 1, name: /^Referral R-/ })).toBeVisible({ timeout: 30_000 });
  await expect(referrer.getByText('Sent', { exact: true }).first()).toBeVisible();
  await expect(referrer.getByRole('link', { name: 'letter.pdf' })).toBeVisible();
  await expect(referrer.getByText(/Identity:/)).toHaveCount(0);
  const referralUrl = referrer.url();

  // The centre finds it in its queue, sees the identity, and asks for more information.
  const centre = await personPage(browser, 'hp.waldstadt');
  await centre.goto('/referrals');
  await centre.getByRole('row', { name: new RegExp(nickname) }).getByRole('link').click();
  await expect(centre.getByText(/Identity: Aurélie Tavares/)).toBeVisible();
  await centre.getByRole('textbox', { name: 'Write a message' }).fill('Has an EEG been done?');
  await centre.getByLabel('This asks the referring clinician for more information').check();
  await centre.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(centre.getByText('More information requested', { exact: true }).first()).toBeVisible();

  // The referrer answers in the thread.
  await referrer.goto(referralUrl);
  await expect(referrer.getByText('Has an EEG been done?')).toBeVisible();
  await referrer.getByRole('textbox', { name: 'Write a message' }).fill('Yes: generalised spike-wave discharges.');
  await referrer.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(referrer.getByText('Under review', { exact: true }).first()).toBeVisible();

  // The centre accepts: the patient is enrolled there with the referral's phenotype.
  await centre.reload();
  await expect(centre.getByText('Yes: generalised spike-wave discharges.')).toBeVisible();
  await expectNoSeriousAxeViolations(centre, 'the referral page of the centre');
  await centre.getByRole('button', { name: 'Accept and enrol' }).click();
  await expect(centre.getByText('The patient is enrolled at your centre')).toBeVisible({ timeout: 30_000 });
  await centre.getByRole('link', { name: 'Open the patient (request a panel from there)' }).click();
  await expect(centre.getByRole('heading', { level: 1, name: `Patient ${nickname}` })).toBeVisible();
  await expect(centre.getByText('Seizure').first()).toBeVisible();
  await expect(centre.getByText('Ataxia').first()).toBeVisible();

  // The referrer follows the status; the patient itself stays out of reach.
  await referrer.goto(referralUrl);
  await expect(referrer.getByText('Accepted', { exact: true }).first()).toBeVisible();
  const patientPath = new URL(centre.url()).pathname;
  const refused = await referrer.request.get(`/api${patientPath}`);
  expect(refused.status()).toBe(404);
});
