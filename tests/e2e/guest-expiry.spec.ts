import { expect, test } from './fixtures.ts';
import { signInThroughPage } from './support/sign-in.ts';
import { trainingAccount } from './support/training-accounts.ts';

test('a guest expert has their guest role while the account is valid, and nothing once it has expired', async ({ page, browser }) => {
  await signInThroughPage(page, trainingAccount('guest.valid'));
  const valid = page.getByRole('region', { name: 'Your affiliations' });
  await expect(valid.getByRole('listitem')).toHaveText([/Guest expert · ERN-RND/]);

  // The seeded expired guest: the account still signs in, but holds nothing any more.
  const context = await browser.newContext();
  const expiredPage = await context.newPage();
  await signInThroughPage(expiredPage, trainingAccount('guest.expired'));
  const expired = expiredPage.getByRole('region', { name: 'Your affiliations' });
  await expect(expired.getByText(/You have no affiliation yet/)).toBeVisible();
  await expect(expiredPage.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Access requests' })).toBeVisible();
  const session = await expiredPage.request.get('/api/auth/session');
  expect((await session.json()) as { affiliations: unknown[] }).toMatchObject({ affiliations: [] });
  expect((await expiredPage.request.get('/api/audit/events')).status()).toBe(403);
  await context.close();
});
