import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { expectNoSeriousAxeViolations } from './support/axe.ts';
import { signInThroughPage } from './support/sign-in.ts';
import { totpCode } from './support/totp.ts';
import { accounts } from './support/training-accounts.ts';

/** Picks an option of a Mantine Select by its visible label. */
async function choose(page: Page, label: string, option: string | RegExp): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

test('a newcomer requests access, a coordinator approves it, and the newcomer then sets up an authenticator', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const newcomer = accounts.newcomer();

  // The newcomer has no affiliation: signing in asks for no code, and the home page points to a request.
  await signInThroughPage(page, newcomer);
  const affiliations = page.getByRole('region', { name: 'Your affiliations' });
  await expect(affiliations).toContainText('You have no affiliation yet.');
  await affiliations.getByRole('link', { name: 'Request access' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Request access' })).toBeVisible();
  await choose(page, 'Network', /^ERN-RND/);
  await choose(page, 'Role', 'Health professional');
  await choose(page, 'Hospital', /^Universitätsklinikum Waldstadt/);
  await page.getByLabel('Justification').fill('Consultant neurologist in the Waldstadt ataxia clinic; I present our unsolved cases.');
  await expectNoSeriousAxeViolations(page, 'the access request form');
  await page.getByRole('button', { name: 'Send the request' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Your access requests' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Request sent' })).toBeVisible();
  const request = page.getByRole('row').filter({ hasText: 'ERN-RND' });
  await expect(request).toContainText('Universitätsklinikum Waldstadt');
  await expect(request).toContainText('Waiting for a decision');

  // The coordinator of ERN-RND, in a browser of their own, approves it with a reason.
  const coordinatorContext = await browser.newContext();
  try {
    const coordinatorPage = await coordinatorContext.newPage();
    await signInThroughPage(coordinatorPage, accounts.coordinator());
    await coordinatorPage.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Coordination' }).click();
    await expect(coordinatorPage.getByRole('heading', { level: 1, name: 'Access requests to review' })).toBeVisible();
    const card = coordinatorPage.getByRole('article', { name: 'Request of Dr. Newcomer' });
    await expect(card).toContainText('Consultant neurologist in the Waldstadt ataxia clinic');
    await card.getByRole('button', { name: 'Approve the request of Dr. Newcomer' }).click();
    const dialog = coordinatorPage.getByRole('dialog', { name: 'Approve the access request' });
    await dialog.getByLabel('Reason (optional)').fill('Welcome to ERN-RND; employment known to the network.');
    await expectNoSeriousAxeViolations(coordinatorPage, 'the approval dialog');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await expect(coordinatorPage.getByRole('status')).toHaveText('The request of Dr. Newcomer was approved.');
    await expect(card).toHaveCount(0); // no longer pending
  } finally {
    await coordinatorContext.close();
  }

  // The newcomer reloads: with an affiliation now, the account needs an authenticator before anything else.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Set up your authenticator' })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in\/authenticator\?returnTo=/);
  await expect(page.getByRole('img', { name: 'QR code to add Open CPMS to an authenticator app' })).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'the authenticator set-up');
  const secret = (await page.getByLabel('Key for manual entry').inputValue()).replaceAll(' ', '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await page.getByLabel('Code from the app').fill(await totpCode(secret));
  await page.getByRole('button', { name: 'Finish set-up' }).click();

  const codes = page.getByRole('list', { name: 'Your recovery codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  await expectNoSeriousAxeViolations(page, 'the recovery codes');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Save the codes first, then tick this box.')).toBeVisible();
  await page.getByLabel('I have saved my recovery codes somewhere safe').check();
  await page.getByRole('button', { name: 'Continue' }).click();

  // Back where they were: the request is approved, the affiliation is theirs.
  await expect(page.getByRole('heading', { level: 1, name: 'Your access requests' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'ERN-RND' })).toContainText('Approved');
  await expect(page.getByRole('row').filter({ hasText: 'ERN-RND' })).toContainText('Welcome to ERN-RND');
  const session = await page.request.get('/api/auth/session');
  expect(await session.json()).toMatchObject({ secondFactor: { confirmed: true, enrolled: true, owed: false } });
});
