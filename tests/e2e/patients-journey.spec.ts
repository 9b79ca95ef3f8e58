import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { expectNoSeriousAxeViolations } from './support/axe.ts';
import { signInThroughPage } from './support/sign-in.ts';
import { trainingAccount } from './support/training-accounts.ts';

async function choose(page: Page, scope: ReturnType<Page['getByRole']>, combobox: string, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: combobox }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('a health professional enrols a patient, records a consent and edits the case record', async ({ page }) => {
  test.setTimeout(90_000);
  const suffix = String(Date.now()).slice(-6);
  const nickname = `Plover ${suffix}`;
  await signInThroughPage(page, trainingAccount('hp.waldstadt'));

  // The list of my hospitals' patients, reached from the main navigation.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Patients' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Patients' })).toBeVisible();
  const list = page.getByRole('table', { name: "Your hospitals' patients" });
  await expect(list.getByRole('row').filter({ hasText: 'Kestrel' })).toBeVisible();
  await expectNoSeriousAxeViolations(page, '/patients');

  // Searching by nickname narrows the list; the record number search goes in a POST body.
  await page.getByLabel('Search by nickname or platform id').fill('Kestrel');
  await expect(list.getByRole('row').filter({ hasText: 'Heron' })).toHaveCount(0);
  const byNumber = page.getByRole('form', { name: 'Find by record number' });
  await byNumber.getByLabel('Record number').fill('WS-100231');
  await byNumber.getByRole('button', { name: 'Find' }).click();
  await expect(page.getByRole('table', { name: 'Patient with this record number' }).getByRole('row').filter({ hasText: 'Kestrel' })).toBeVisible();
  expect(page.url()).not.toContain('WS-100231');

  // Enrolment, with care consent given by a legal representative.
  await page.getByRole('link', { name: 'Enrol a patient' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Enrol a patient' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Enrol a patient' });
  await form.getByLabel('Nickname').fill(nickname);
  await choose(page, form, 'Sex', 'Female');
  await form.getByLabel('Given name').fill('Ada');
  await form.getByLabel('Family name').fill('Feldmark');
  await form.getByLabel('Date of birth').fill('2015-05-01');
  await form.getByLabel('Hospital record number').fill(`E2E-${suffix}`);
  await form.getByRole('radio', { name: 'A legal representative' }).check();
  await form.getByLabel('Relation to the patient').fill('mother');
  await form.getByLabel('Form version').fill('care-v3');
  await expectNoSeriousAxeViolations(page, '/patients/new');
  await form.getByRole('button', { name: 'Enrol patient' }).click();

  // The patient's page: platform id, identity, consents, record.
  await expect(page.getByRole('heading', { level: 1, name: `Patient ${nickname}` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Identity' })).toContainText('Feldmark');
  const consents = page.getByRole('table', { name: 'Consents, with withdrawn ones kept' });
  await expect(consents.getByRole('row').filter({ hasText: 'Legal representative (mother)' })).toContainText('Active');

  const consentForm = page.getByRole('form', { name: 'Record a consent' });
  await choose(page, consentForm, 'Consent', 'ERN registries');
  await consentForm.getByLabel('Network or registry').fill('ern-rnd');
  await consentForm.getByLabel('Form version').fill('registry-v1');
  await consentForm.getByRole('button', { name: 'Record consent' }).click();
  await expect(consents.getByRole('row').filter({ hasText: 'ERN registries (ern-rnd)' })).toContainText('Active');

  // Two saves of the history: versions 1 and 2, each in the history list.
  const history = page.getByRole('form', { name: 'Edit history' });
  await history.getByLabel('Medical history').fill('Gait unsteadiness since age 4.');
  await history.getByRole('button', { name: 'Save history' }).click();
  await expect(page.getByText(/^Version 1, saved by Dr\. Lena Brandt/)).toBeVisible();
  await history.getByLabel('Medical history').fill('Gait unsteadiness since age 4; falls since age 6.');
  await history.getByRole('button', { name: 'Save history' }).click();
  await expect(page.getByText(/^Version 2, saved by Dr\. Lena Brandt/)).toBeVisible();
  const versions = page.getByRole('list', { name: 'Versions, newest first' });
  await expect(versions.getByRole('listitem')).toHaveCount(2);
  await expect(versions.getByRole('listitem').first()).toContainText('Version 2');
  await expect(versions.getByRole('listitem').first()).toContainText('History');
  await expectNoSeriousAxeViolations(page, '/patients/$patientId');
});
