import type { ProfileResponse } from '../../src/modules/identity/identity.contract.ts';
import { expect, test } from './fixtures.ts';
import { signInThroughApi } from './support/sign-in.ts';
import { accounts } from './support/training-accounts.ts';

test('the profile is edited with labelled fields, saved, and kept', async ({ page }) => {
  await signInThroughApi(page.request, accounts.profile());
  await page.goto('/profile');
  await expect(page.getByRole('heading', { level: 1, name: 'Your profile' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Your affiliations' })).toContainText('Guest expert · ERN-RND');

  await page.getByLabel('Title', { exact: true }).fill('Prof. Dr.');
  await page.getByLabel('Specialty').fill('Neurogenetics');
  await page.getByRole('combobox', { name: 'Languages you consult in' }).fill('Swedish');
  await page.getByRole('option', { name: 'Swedish (sv)' }).click();
  await page.getByRole('combobox', { name: 'Thematic areas' }).click();
  await page.getByRole('option', { name: 'Ataxia / HSP' }).click();
  await page.getByRole('combobox', { name: 'Time zone' }).fill('Europe/Stockholm');
  await page.getByRole('option', { name: 'Europe/Stockholm' }).click();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your profile was saved.' })).toBeVisible();

  await page.reload();
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Prof. Dr.');
  await expect(page.getByLabel('Specialty')).toHaveValue('Neurogenetics');
  await expect(page.getByRole('combobox', { name: 'Time zone' })).toHaveValue('Europe/Stockholm');
  const saved = (await (await page.request.get('/api/me/profile')).json()) as ProfileResponse;
  expect(saved).toMatchObject({ title: 'Prof. Dr.', specialty: 'Neurogenetics', timeZone: 'Europe/Stockholm' });
  expect(saved.languages).toContain('sv');
  expect(saved.diseaseGroupIds).toHaveLength(1);
});
