import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from '../fixtures.ts';

/** All of axe's rules, colour contrast included; serious and critical findings fail the test. */
export async function expectNoSeriousAxeViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(report, `serious or critical axe violations on ${where}`).toEqual([]);
  expect(results.passes.some((rule) => rule.id === 'color-contrast'), `colour contrast checked on ${where}`).toBe(true);
}
