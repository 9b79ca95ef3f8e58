import { expect, test } from './fixtures.ts';
import { signInThroughApi } from './support/sign-in.ts';
import { accounts } from './support/training-accounts.ts';

test('an administrator adds a hospital and makes it a member of a network', async ({ page }) => {
  await signInThroughApi(page.request, accounts.administrator());
  await page.goto('/admin');
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Hospitals' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hospitals' })).toBeFocused();

  const name = `Klinikum Probestadt ${Date.now()}`;
  const form = page.getByRole('form', { name: 'Add a hospital' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('City').fill('Probestadt');
  await form.getByRole('combobox', { name: 'Country' }).fill('Austria');
  await page.getByRole('option', { name: 'Austria' }).click();
  await form.getByRole('button', { name: 'Add hospital' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${name} was added.` })).toBeVisible();

  const row = page.getByRole('row').filter({ hasText: name });
  await row.getByRole('button', { name: `Memberships of ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Memberships of ${name}` });
  await expect(dialog).toContainText('Not a member of any network.');
  await dialog.getByRole('combobox', { name: 'Network' }).fill('ERN-RND');
  await page.getByRole('option', { name: 'ERN-RND' }).click();
  await dialog.getByRole('button', { name: 'Set membership' }).click();
  await expect(dialog.getByRole('button', { name: 'End the membership in ERN-RND' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(row).toContainText('ERN-RND');
});

test('an administrator filters the audit trail by action', async ({ page }) => {
  await signInThroughApi(page.request, accounts.administrator());
  await page.goto('/audit');
  await expect(page.getByRole('table', { name: 'Audit events, newest first' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Action' }).fill('session.signIn');
  await page.getByRole('option', { name: 'session.signIn', exact: true }).click();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  const actions = page.getByRole('table', { name: 'Audit events, newest first' }).getByRole('rowheader');
  await expect(actions.first()).toHaveText('session.signIn');
  expect(new Set(await actions.allInnerTexts())).toEqual(new Set(['session.signIn']));
});
