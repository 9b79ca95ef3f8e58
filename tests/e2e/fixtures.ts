import { test as base, expect } from '@playwright/test';

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

interface CspFixtures {
  /** Every Content Security Policy violation seen in this test, from events and from the console. */
  cspViolations: string[];
}

/**
 * The shared `test`: records every `securitypolicyviolation` event (from the first script on each
 * document) and every console message about the CSP, and fails any test during which one occurred.
 */
export const test = base.extend<CspFixtures>({
  cspViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      // Reported to Node at once, so violations on a page survive the next navigation.
      await page.exposeBinding('__reportCspViolation', (_source, text: string) => {
        violations.push(text);
      });
      await page.addInitScript(() => {
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (event) => {
          const text = `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} on ${event.documentURI}`;
          window.__cspViolations?.push(text);
          void (window as unknown as { __reportCspViolation: (t: string) => Promise<void> }).__reportCspViolation(text);
        });
      });
      page.on('console', (message) => {
        if (message.text().includes('Content Security Policy')) violations.push(`console: ${message.text()}`);
      });
      await use(violations);
      expect(violations, 'Content Security Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** The pages of the app and what shows that each has finished rendering. */
export const pages = [
  { path: '/', heading: 'Virtual consultations for rare diseases' },
  { path: '/networks', heading: 'European Reference Networks', ready: 'ERN-RND' },
  { path: '/system', heading: 'System status', ready: 'Database' },
  { path: '/no-such-page', heading: 'Page not found' },
  { path: '/sign-in', heading: 'Sign in', ready: 'Local account' },
  { path: '/sign-in?error=oidcCancelled', heading: 'Sign in', ready: 'Signing in was cancelled at your identity provider.' },
] as const;
