import AxeBuilder from '@axe-core/playwright';
import { expect, pages, test } from './fixtures.ts';

// All of axe's rules run, colour contrast included; serious and critical findings fail the test.
for (const { path, heading, ...rest } of pages) {
  test(`${path} has no serious accessibility violation`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    if ('ready' in rest) await expect(page.getByText(rest.ready, { exact: true }).first()).toBeVisible();
    await expect(page.getByRole('region', { name: 'Environment' })).toBeVisible();

    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const report = serious.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
    expect(report, 'serious or critical axe violations').toEqual([]);
    expect(results.passes.some((rule) => rule.id === 'color-contrast')).toBe(true);
  });
}
