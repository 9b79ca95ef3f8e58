import { expect, pages, test } from './fixtures.ts';

test('the page is served with a strict CSP whose style nonce reaches Mantine', async ({ page }) => {
  const response = await page.goto('/');
  const policy = response?.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("script-src 'self'");
  expect(policy).not.toContain('unsafe-inline');
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce, 'style-src nonce').toBeTruthy();

  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Mantine's injected <style> tags carry this response's nonce (the property: the attribute is hidden).
  const styleNonces = await page.evaluate(() =>
    [...document.querySelectorAll('style')].map((style) => style.nonce),
  );
  expect(styleNonces.length).toBeGreaterThan(0);
  for (const styleNonce of styleNonces) expect(styleNonce).toBe(nonce);
});

test('no page triggers a securitypolicyviolation', async ({ page, cspViolations }) => {
  for (const { path, heading } of pages) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.getByRole('contentinfo')).toContainText('Version');
    expect(await page.evaluate(() => window.__cspViolations), `violations on ${path}`).toEqual([]);
  }
  expect(cspViolations).toEqual([]);
});
