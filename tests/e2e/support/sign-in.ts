import type { APIRequestContext, Page } from '@playwright/test';
import type { z } from 'zod';
import type { SignInResponse } from '../../../src/modules/identity/identity.contract.ts';
import type { TrainingAccount } from '../../../src/seed/training-accounts.ts';
import { expect } from '../fixtures.ts';
import { withFreshCode } from './totp.ts';

/** Signs in the way a person does: the sign-in page, then the code from the authenticator when one is asked. */
export async function signInThroughPage(page: Page, account: TrainingAccount, path = '/sign-in'): Promise<void> {
  await page.goto(path);
  await fillPasswordForm(page, account);
  if (!account.totpSecret) return;
  await expect(page.getByRole('heading', { level: 1, name: 'Confirm it is you' })).toBeVisible();
  await enterAuthenticatorCode(page, account.totpSecret);
}

export async function fillPasswordForm(page: Page, account: TrainingAccount): Promise<void> {
  const form = page.getByRole('form', { name: 'Local account' });
  await form.getByLabel('E-mail address').fill(account.email);
  await form.getByRole('textbox', { name: 'Password', exact: true }).fill(account.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

/** Types codes into the second-factor page until one is accepted (see withFreshCode). */
export async function enterAuthenticatorCode(page: Page, secret: string): Promise<void> {
  const heading = page.getByRole('heading', { level: 1, name: 'Confirm it is you' });
  await withFreshCode(secret, async (code) => {
    await page.getByLabel('Authentication code').fill(code);
    await page.getByRole('button', { name: 'Confirm' }).click();
    const outcome = await Promise.race([
      heading.waitFor({ state: 'detached' }).then(() => 'accepted' as const),
      page.getByRole('alert').filter({ hasText: 'The code was not accepted' }).waitFor().then(() => 'refused' as const),
    ]);
    return outcome === 'accepted';
  });
}

/**
 * Signs in through the API in the page's browser context (same cookie jar), for tests about a page
 * rather than about signing in. Returns the session's CSRF token.
 */
export async function signInThroughApi(request: APIRequestContext, account: TrainingAccount): Promise<string> {
  const response = await request.post('/api/auth/sign-in', { data: { email: account.email, password: account.password } });
  expect(response.status(), await response.text()).toBe(200);
  const { next, csrfToken } = (await response.json()) as z.infer<typeof SignInResponse>;
  if (next === 'secondFactor' && account.totpSecret) {
    await withFreshCode(account.totpSecret, async (code) => {
      const answer = await request.post('/api/auth/second-factor', { data: { code }, headers: { 'x-csrf-token': csrfToken } });
      if (answer.status() === 422) return false;
      expect(answer.status(), await answer.text()).toBe(200);
      return true;
    });
  }
  return csrfToken;
}
