import { expect, test } from './fixtures.ts';
import { expectNoSeriousAxeViolations } from './support/axe.ts';
import { enterAuthenticatorCode, fillPasswordForm } from './support/sign-in.ts';
import { accounts } from './support/training-accounts.ts';

test('a wrong password is refused with the server\'s explanation, announced as an alert', async ({ page }) => {
  await page.goto('/sign-in');
  await fillPasswordForm(page, { ...accounts.member(), email: `nobody-${Date.now()}@training.open-cpms.eu`, password: 'not the password' });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('You are not signed in');
  await expect(alert).toContainText('The e-mail address or the password is not right.');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
});

test('empty fields are named before anything is sent', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('form', { name: 'Local account' }).getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Enter your e-mail address.')).toBeVisible();
  await expect(page.getByText('Enter your password.')).toBeVisible();
});

test('a signed-out visit to a signed-in page goes to sign-in and comes back afterwards', async ({ page }) => {
  await page.goto('/profile');
  await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Fprofile$/);
  const assistant = accounts.assistant();
  await fillPasswordForm(page, assistant);
  await expect(page).toHaveURL(/\/sign-in\/second-factor\?returnTo=%2Fprofile$/);
  await enterAuthenticatorCode(page, assistant.totpSecret!);
  await expect(page.getByRole('heading', { level: 1, name: 'Your profile' })).toBeVisible();
  await expect(page).toHaveURL(/\/profile$/);
});

test('the identity provider\'s button appears when one is configured, and keeps where the person was going', async ({ page }) => {
  await page.route('/api/auth/options', (route) => route.fulfill({ json: { oidc: { displayName: 'EU Login' }, localAccounts: false } }));
  await page.goto('/sign-in?returnTo=%2Fsessions');
  const button = page.getByRole('link', { name: 'Sign in with EU Login' });
  await expect(button).toHaveAttribute('href', '/api/auth/oidc/start?returnTo=%2Fsessions');
  await expect(page.getByRole('form', { name: 'Local account' })).toHaveCount(0);
});

test('a return address off this site is ignored', async ({ page }) => {
  await page.route('/api/auth/options', (route) => route.fulfill({ json: { oidc: { displayName: 'EU Login' }, localAccounts: true } }));
  await page.goto('/sign-in?returnTo=%2F%2Fevil.example%2F');
  await expect(page.getByRole('link', { name: 'Sign in with EU Login' })).toHaveAttribute('href', '/api/auth/oidc/start?returnTo=%2F');
});

test('the code step refuses a wrong code, and offers a recovery code instead', async ({ page }) => {
  await page.goto('/sign-in');
  await fillPasswordForm(page, accounts.secondFactorOnly());
  await expect(page.getByRole('heading', { level: 1, name: 'Confirm it is you' })).toBeVisible();
  await expectNoSeriousAxeViolations(page, '/sign-in/second-factor');

  // Signed in with the password only: the header offers nothing but signing out.
  await page.getByRole('banner').getByRole('button', { name: /Dr\. Camille Moreau/ }).click();
  await expect(page.getByRole('menuitem')).toHaveText(['Sign out']);
  await page.keyboard.press('Escape');

  await page.getByLabel('Authentication code').fill('000000');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('alert')).toContainText('That code is not right');

  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await expect(page.getByLabel('Recovery code')).toBeFocused();
  await page.getByLabel('Recovery code').fill('aaaa-bbbb-cccc');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('alert')).toContainText('That recovery code is not right or was already used.');

  // The signed-in pages stay closed until the code is given.
  await page.goto('/profile');
  await expect(page).toHaveURL(/\/sign-in\/second-factor\?returnTo=%2Fprofile$/);
});
