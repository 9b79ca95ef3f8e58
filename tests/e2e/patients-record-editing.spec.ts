import type { CurrentRecord } from '../../src/modules/records/records.contract.ts';
import type { PatientList } from '../../src/modules/patients/patients.contract.ts';
import { expect, test } from './fixtures.ts';
import { expectNoSeriousAxeViolations } from './support/axe.ts';
import { signInThroughApi } from './support/sign-in.ts';
import { trainingAccount } from './support/training-accounts.ts';

test('an assistant adds an HPO feature, and a save after someone else’s change offers to reload', async ({ page }) => {
  test.setTimeout(60_000);
  const csrfToken = await signInThroughApi(page.request, trainingAccount('assistant.waldstadt'));
  const listed = await page.request.get('/api/patients?q=Lynx');
  const lynx = ((await listed.json()) as PatientList).patients.find((p) => p.nickname === 'Lynx');
  expect(lynx, 'the seeded patient Lynx').toBeDefined();
  await page.goto(`/patients/${lynx!.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Patient Lynx' })).toBeVisible();
  const status = page.getByText(/^(Version \d+, saved by|Nothing has been recorded yet)/);
  await expect(status).toBeVisible();
  const before = (await (await page.request.get(`/api/patients/${lynx!.id}/record`)).json()) as CurrentRecord;

  // Phenotypic features: an HPO term picked from the suggestions (label, synonym, definition).
  await page.getByRole('tab', { name: 'Edit phenotypic features' }).click();
  const features = page.getByRole('form', { name: 'Edit phenotypic features' });
  await features.getByRole('combobox', { name: 'Add an HPO term' }).fill('seizure');
  await page.getByRole('option', { name: /^Seizure \(HP:0001250\)/ }).click();
  await expect(features.getByLabel(/^Term id \d+$/).last()).toHaveValue('HP:0001250');
  // A term typed by its id gets its label from the HPO release.
  await features.getByRole('button', { name: 'Add a feature by id' }).click();
  await features.getByLabel(/^Term id \d+$/).last().fill('HP:0001251');
  await features.getByLabel(/^Term id \d+$/).last().blur();
  await expect(features.getByLabel(/^Label \d+$/).last()).toHaveValue('Ataxia');
  await expectNoSeriousAxeViolations(page, 'the features editor');
  await features.getByRole('button', { name: 'Save phenotypic features' }).click();
  await expect(page.getByText(new RegExp(`^Version ${before.version + 1}, saved by Jonas Keller`))).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Seizure (HP:0001250)' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Ataxia (HP:0001251)' })).toBeVisible();

  // Someone else saves meanwhile; this page still holds the older version.
  await page.getByRole('tab', { name: 'Edit diagnoses' }).click();
  const diagnoses = page.getByRole('form', { name: 'Edit diagnoses' });
  const concurrent = await page.request.put(`/api/patients/${lynx!.id}/record/sections/history`, {
    data: { expectedVersion: before.version + 1, content: { medicalHistory: 'Changed elsewhere.', familyHistory: '' } },
    headers: { 'x-csrf-token': csrfToken },
  });
  expect(concurrent.status(), await concurrent.text()).toBe(200);
  // A code pasted with its prefix is split into system and code; an ORPHAcode gets its name from Orphanet.
  await diagnoses.getByRole('button', { name: 'Add a diagnosis by code' }).click();
  await diagnoses.getByLabel(/^Code \d+$/).last().fill('ORPHA:95');
  await expect(diagnoses.getByLabel(/^Code \d+$/).last()).toHaveValue('95');
  await expect(diagnoses.getByRole('combobox', { name: /^Code system \d+$/ }).last()).toHaveValue('Orphanet (ORPHA)');
  await diagnoses.getByLabel(/^Code \d+$/).last().blur();
  await expect(diagnoses.getByLabel(/^Label \d+$/).last()).toHaveValue('Friedreich ataxia');
  await diagnoses.getByRole('button', { name: 'Save diagnoses' }).click();
  const conflict = page.getByRole('alert').filter({ hasText: 'Someone else changed the record' });
  await expect(conflict).toBeVisible();
  await conflict.getByRole('button', { name: 'Reload the record' }).click();
  await expect(page.getByText(new RegExp(`^Version ${before.version + 2}, saved by`))).toBeVisible();
  await expect(page.getByRole('paragraph').filter({ hasText: 'Changed elsewhere.' })).toBeVisible();
  // The editors start afresh from the record as it now is: the alert and the unsaved diagnosis are gone.
  await expect(conflict).toHaveCount(0);
  await expect(diagnoses.getByLabel(/^Code \d+$/)).toHaveCount(0);
});
