import type { Page } from '@playwright/test';
import type { HealthResponse } from '../../src/modules/system/system.contract.ts';
import { expect, test } from './fixtures.ts';

test('the keyboard alone reaches the system status page, which reports the database', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // The tab order: skip link, product name (home), then the main navigation in order.
  const expectedOrder = [
    page.getByRole('link', { name: 'Skip to main content' }),
    page.getByRole('banner').getByRole('link', { name: 'Open CPMS — home' }),
    page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Home' }),
    page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Networks' }),
    page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'System status' }),
  ];
  for (const link of expectedOrder) {
    await page.keyboard.press('Tab');
    await expect(link).toBeFocused();
  }
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/system$/);
  // Focus follows the navigation to the new page's heading.
  await expect(page.getByRole('heading', { level: 1, name: 'System status' })).toBeFocused();
  const facts = await readDescriptionListWhenShown(page);
  expect(facts.get('Status')).toMatch(/^ok\b/);
  expect(facts.get('Database')).toMatch(/^pglite\b/);
  expect(facts.get('Environment')).toMatch(/^training\b/);
});

test('an unavailable database is reported as such, not as a failure to load', async ({ page }) => {
  await page.route('/api/health', async (route) => {
    const health = (await (await route.fetch()).json()) as HealthResponse;
    await route.fulfill({ status: 503, json: { ...health, status: 'unavailable' } });
  });
  await page.goto('/system');

  const facts = await readDescriptionListWhenShown(page);
  expect(facts.get('Status')).toMatch(/^unavailable\b/);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

/** The health description list as term -> value, read through the term and definition roles. */
async function readDescriptionListWhenShown(page: Page): Promise<Map<string, string>> {
  await expect(page.getByRole('term')).toHaveText(['Status', 'Database', 'Version', 'Environment']);
  const terms = await page.getByRole('term').allInnerTexts();
  const values = await page.getByRole('definition').allInnerTexts();
  expect(values).toHaveLength(terms.length);
  return new Map(terms.map((term, index) => [term.trim(), values[index]?.trim() ?? '']));
}
