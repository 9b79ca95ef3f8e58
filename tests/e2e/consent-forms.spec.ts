import fs from 'node:fs';
import type { Download, Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { expectNoSeriousAxeViolations } from './support/axe.ts';
import { signInThroughApi } from './support/sign-in.ts';
import { accounts, trainingAccount } from './support/training-accounts.ts';

/** A minimal PDF whose body carries `text`, so each file is told apart by its bytes. */
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% ${text}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`);

/** Picks a file through a Mantine FileInput (a button that opens the file chooser). */
async function chooseFile(page: Page, input: Locator, name: string, buffer: Buffer): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await input.click();
  await (await chooser).setFiles({ name, mimeType: 'application/pdf', buffer });
}

/** Follows a download link and returns the bytes saved. */
async function downloadOf(page: Page, link: Locator): Promise<Buffer> {
  const download: Promise<Download> = page.waitForEvent('download');
  await link.click();
  return fs.readFileSync(await (await download).path());
}

test('an administrator publishes a model consent form; a health professional downloads it and records a consent with the signed form', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const suffix = String(Date.now()).slice(-6);
  const title = `Photographs consent ${suffix}`;
  const version = `photo-e2e-${suffix}`;
  const model = pdf(`model photographs form ${suffix}`);

  // The administrator publishes the model form for photographs, in English, for every network.
  await signInThroughApi(page.request, accounts.administrator());
  await page.goto('/admin');
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Consent forms' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Model consent forms' })).toBeVisible();
  const publish = page.getByRole('form', { name: 'Publish a model form' });
  await publish.getByRole('combobox', { name: 'Kind of consent' }).click();
  await page.getByRole('option', { name: 'Photographs', exact: true }).click();
  await publish.getByLabel('Language of the form').fill('en');
  await publish.getByLabel('Form version').fill(version);
  await publish.getByLabel('Title').fill(title);
  await chooseFile(page, publish.getByRole('button', { name: 'The form (PDF)' }), 'photographs-model.pdf', model);
  await expectNoSeriousAxeViolations(page, 'the model consent forms page');
  await publish.getByRole('button', { name: 'Publish form' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${title}, version ${version}, was published.` })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: title });
  await expect(row).toContainText('In use');
  await expect(row).toContainText('Every network');

  // A Waldstadt health professional, in a browser of their own, with a newly enrolled patient.
  const hpContext = await browser.newContext();
  try {
    const hpPage = await hpContext.newPage();
    const csrfToken = await signInThroughApi(hpPage.request, trainingAccount('hp.waldstadt'));
    const nickname = `Sandpiper ${suffix}`;
    const careConsent = { givenBy: 'patient', representativeRelation: null, givenOn: '2026-01-05', formVersion: 'care-v3', language: 'en', evidence: 'attestation' };
    const identity = { givenName: 'Ada', familyName: 'Formfield', dateOfBirth: '1990-04-02', recordNumber: `CF-${suffix}`, nationalId: null };
    const enrolled = await hpPage.request.post('/api/patients', { headers: { 'x-csrf-token': csrfToken }, data: { hospitalId: await waldstadtId(hpPage), nickname, sex: 'female', identity, careConsent } });
    expect(enrolled.status(), await enrolled.text()).toBe(201);
    await hpPage.goto(`/patients/${((await enrolled.json()) as { id: string }).id}`);
    await expect(hpPage.getByRole('heading', { level: 1, name: `Patient ${nickname}` })).toBeVisible();

    // The model form for the chosen kind and language is offered for download: the very bytes published.
    const form = hpPage.getByRole('form', { name: 'Record a consent' });
    await form.getByRole('combobox', { name: 'Consent' }).click();
    await hpPage.getByRole('option', { name: 'Photographs', exact: true }).click();
    const modelLink = form.getByRole('link', { name: `Download the model form: ${title}, version ${version}` });
    expect((await downloadOf(hpPage, modelLink)).equals(model)).toBe(true);

    // Signed, scanned, uploaded: the consent is recorded with the signed form as its evidence.
    const signed = pdf(`signed photographs form ${suffix}`);
    await form.getByLabel('Form version').fill(version);
    await form.getByRole('radio', { name: 'Upload the signed form' }).check();
    await chooseFile(hpPage, form.getByRole('button', { name: 'Signed form', exact: true }), 'signed-photographs.pdf', signed);
    await expectNoSeriousAxeViolations(hpPage, 'the consent form with a signed form');
    await form.getByRole('button', { name: 'Record consent' }).click();
    await expect(hpPage.getByRole('status').filter({ hasText: 'The consent was recorded with its signed form.' })).toBeVisible();
    const consents = hpPage.getByRole('table', { name: 'Consents, with withdrawn ones kept' });
    const photographs = consents.getByRole('row').filter({ hasText: 'Photographs' });
    await expect(photographs).toContainText('Active');
    const signedLink = photographs.getByRole('link', { name: 'Download the signed form of the Photographs consent' });
    expect((await downloadOf(hpPage, signedLink)).equals(signed)).toBe(true);

    // The care consent of enrolment was attested; its signed form is attached afterwards.
    const care = consents.getByRole('row').filter({ hasText: 'Care' });
    await expect(care).toContainText('Kept by the hospital');
    await care.getByRole('button', { name: 'Attach the signed form of the Care consent' }).click();
    const dialog = hpPage.getByRole('dialog', { name: 'Attach the signed form' });
    const signedCare = pdf(`signed care form ${suffix}`);
    await chooseFile(hpPage, dialog.getByRole('button', { name: 'Signed form', exact: true }), 'signed-care.pdf', signedCare);
    await expectNoSeriousAxeViolations(hpPage, 'the dialog attaching a signed form');
    await dialog.getByRole('button', { name: 'Attach the signed form' }).click();
    await expect(dialog).toHaveCount(0);
    expect((await downloadOf(hpPage, care.getByRole('link', { name: 'Download the signed form of the Care consent' }))).equals(signedCare)).toBe(true);
    await expect(care.getByRole('button', { name: 'Attach the signed form of the Care consent' })).toHaveCount(0);
    await expectNoSeriousAxeViolations(hpPage, 'the consents with their signed forms');
  } finally {
    await hpContext.close();
  }

  // Retired, the model form is no longer offered to staff.
  await row.getByRole('button', { name: `Retire ${title}, version ${version}` }).click();
  await page.getByRole('dialog', { name: 'Retire a model form' }).getByRole('button', { name: 'Retire' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${title}, version ${version}, was retired.` })).toBeVisible();
  await expect(row).toContainText('Retired');
});

/** Universitätsklinikum Waldstadt's id, from the hospital list. */
async function waldstadtId(page: Page): Promise<string> {
  const response = await page.request.get('/api/hospitals');
  const { hospitals } = (await response.json()) as { hospitals: { id: string; name: string }[] };
  return hospitals.find((h) => h.name === 'Universitätsklinikum Waldstadt')!.id;
}
