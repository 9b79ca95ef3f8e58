import { expect, test } from './fixtures.ts';
import { fillPasswordForm, enterAuthenticatorCode } from './support/sign-in.ts';
import { accounts } from './support/training-accounts.ts';

test('a health professional signs in with an authenticator code, sees their affiliation and sessions, and signs out', async ({ page }) => {
  const hp = accounts.healthProfessional();
  await page.goto('/');
  await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();

  await fillPasswordForm(page, hp);
  await expect(page.getByRole('heading', { level: 1, name: 'Confirm it is you' })).toBeVisible();
  await enterAuthenticatorCode(page, hp.totpSecret!);

  // Home, signed in: the name in the header, the affiliation on the page.
  await expect(page).toHaveURL(/\/$/);
  const accountMenu = page.getByRole('banner').getByRole('button', { name: /Dr\. Lena Brandt/ });
  await expect(accountMenu).toBeVisible();
  const affiliations = page.getByRole('region', { name: 'Your affiliations' });
  await expect(affiliations.getByRole('listitem')).toHaveText(['Health professional · Universitätsklinikum Waldstadt · ERN-RND']);
  await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Access requests' })).toBeVisible();

  // Sessions, from the account menu: this one is marked.
  await accountMenu.click();
  await page.getByRole('menuitem', { name: 'Sessions' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sessions' })).toBeFocused();
  const current = page.getByRole('row').filter({ hasText: 'This session' });
  await expect(current).toHaveCount(1);
  await expect(current).toHaveAttribute('aria-current', 'true');
  await expect(current).toContainText('Local account');

  // Sign out (a POST that needs the session's CSRF token): the sign-in page says so; the pages are closed again.
  await accountMenu.click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'You have signed out.' })).toBeVisible();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
  expect((await page.request.get('/api/auth/session')).status()).toBe(401);

  await page.goto('/sessions');
  await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Fsessions$/);
});
