import { request as playwrightRequest } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { signInThroughApi } from './support/sign-in.ts';
import { accounts } from './support/training-accounts.ts';

test('another session can be ended from the sessions page, then all of them', async ({ page, baseURL }) => {
  const researcher = accounts.sessions();
  await signInThroughApi(page.request, researcher);
  const elsewhere = await playwrightRequest.newContext({ baseURL, userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/140.0' });
  try {
    await signInThroughApi(elsewhere, researcher);
    await page.goto('/sessions');
    await expect(page.getByRole('heading', { level: 1, name: 'Sessions' })).toBeVisible();
    const other = page.getByRole('row').filter({ hasText: 'Firefox on Windows' });
    await expect(other).toHaveCount(1);

    await other.getByRole('button', { name: /^End the session on Firefox on Windows/ }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The session was ended.' })).toBeVisible();
    await expect(other).toHaveCount(0);
    expect((await elsewhere.get('/api/auth/session')).status()).toBe(401);

    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign out everywhere?' });
    await dialog.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    expect((await page.request.get('/api/auth/session')).status()).toBe(401);
  } finally {
    await elsewhere.dispose();
  }
});
