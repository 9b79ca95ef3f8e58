import type { HealthResponse } from '../../src/modules/system/system.contract.ts';
import { expect, test } from './fixtures.ts';

test('home page shows the training banner, the main navigation and the running version', async ({ page, request }) => {
  const health = (await (await request.get('/api/health')).json()) as HealthResponse;
  expect(health.environment).toBe('training');

  await page.goto('/');

  await expect(page).toHaveTitle(/Open CPMS/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const banner = page.getByRole('region', { name: 'Environment' });
  await expect(banner).toContainText('Training environment — synthetic data only');
  await expect(page.getByRole('heading', { level: 1, name: 'Virtual consultations for rare diseases' })).toBeVisible();

  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByRole('link')).toHaveText(['Home', 'Networks', 'System status']);
  await expect(nav.getByRole('link', { name: 'Home' })).toHaveAttribute('aria-current', 'page');

  const footer = page.getByRole('contentinfo');
  await expect(footer).toContainText(`Version ${health.version}`);
});

test('a production installation shows no training banner', async ({ page }) => {
  await page.route('/api/health', async (route) => {
    const health = (await (await route.fetch()).json()) as HealthResponse;
    await route.fulfill({ json: { ...health, environment: 'production' } });
  });
  await page.goto('/');

  await expect(page.getByRole('contentinfo')).toContainText('Version');
  await expect(page.getByRole('region', { name: 'Environment' })).toHaveCount(0);
  await expect(page.getByText('Training environment')).toHaveCount(0);
});

test('the skip link moves focus to the main content', async ({ page }) => {
  await page.goto('/networks');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await page.keyboard.press('Tab');
  const skipLink = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skipLink).toBeFocused();
  await expect(skipLink).toBeInViewport();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('main')).toBeFocused();
  await expect(page).toHaveURL(/\/networks$/);
});
