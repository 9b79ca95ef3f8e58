import { expect, test } from './fixtures.ts';

test('the networks page lists the 24 ERNs with their disease groups', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Networks' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'European Reference Networks' })).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(24);
  await expect(page.getByText('24 networks')).toBeVisible();

  const rnd = page.getByRole('article', { name: 'ERN-RND' });
  await expect(rnd.getByRole('heading', { level: 2, name: 'ERN-RND' })).toBeVisible();
  await expect(rnd.getByRole('listitem').filter({ hasText: 'Ataxia / HSP' })).toBeVisible();
});

test('a failed request shows what went wrong and can be retried', async ({ page }) => {
  await page.route('/api/erns', (route) =>
    route.fulfill({
      status: 500,
      contentType: 'application/problem+json',
      body: JSON.stringify({ title: 'Internal Server Error', status: 500, detail: 'Something went wrong on our side.' }),
    }),
  );
  await page.goto('/networks');

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The information could not be loaded');
  await expect(alert).toContainText('Something went wrong on our side.');

  await page.unroute('/api/erns');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('article')).toHaveCount(24);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
