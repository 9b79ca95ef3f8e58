import type { Locator, Page } from '@playwright/test';
import type { TrainingAccount } from '../../src/seed/training-accounts.ts';
import { expect, test } from './fixtures.ts';
import { expectNoSeriousAxeViolations } from './support/axe.ts';
import { signInThroughApi } from './support/sign-in.ts';
import { accounts } from './support/training-accounts.ts';

interface SignedInPage {
  path: string;
  heading: string;
  /** What shows that the page has its data. */
  ready: (page: Page) => Locator;
}

const visits: { who: string; account: () => TrainingAccount; pages: SignedInPage[] }[] = [
  {
    who: 'a health professional',
    account: accounts.member,
    pages: [
      { path: '/profile', heading: 'Your profile', ready: (p) => p.getByRole('combobox', { name: 'Time zone' }) },
      { path: '/sessions', heading: 'Sessions', ready: (p) => p.getByText('This session', { exact: true }) },
      { path: '/access-requests', heading: 'Your access requests', ready: (p) => p.getByText('You have not requested access yet.') },
      { path: '/access-requests/new', heading: 'Request access', ready: (p) => p.getByRole('combobox', { name: 'Network' }) },
      { path: '/admin', heading: 'Not available to you', ready: (p) => p.getByText('This page is for people with another role.') },
    ],
  },
  {
    who: 'a hospital representative',
    account: accounts.representative,
    pages: [{ path: '/coordination/access-requests', heading: 'Access requests to review', ready: (p) => p.getByRole('combobox', { name: 'Status' }) }],
  },
  {
    who: 'a coordinator',
    account: accounts.otherCoordinator,
    pages: [
      { path: '/coordination/access-requests', heading: 'Access requests to review', ready: (p) => p.getByRole('combobox', { name: 'Network' }) },
      { path: '/coordination/settings', heading: 'Network settings', ready: (p) => p.getByRole('switch', { name: 'Hospitals confirm employment' }) },
    ],
  },
  {
    who: 'a platform administrator',
    account: accounts.administrator,
    pages: [
      { path: '/admin', heading: 'Administration', ready: (p) => p.getByRole('link', { name: 'Open People' }) },
      { path: '/admin/erns', heading: 'Network settings', ready: (p) => p.getByRole('combobox', { name: 'Network' }) },
      { path: '/admin/hospitals', heading: 'Hospitals', ready: (p) => p.getByRole('rowheader', { name: 'Universitätsklinikum Waldstadt' }) },
      { path: '/admin/people', heading: 'People', ready: (p) => p.getByRole('article', { name: 'Dr. Lena Brandt' }) },
      { path: '/admin/settings', heading: 'Platform settings', ready: (p) => p.getByRole('switch', { name: 'Local accounts may sign in' }) },
      { path: '/admin/consent-forms', heading: 'Model consent forms', ready: (p) => p.getByRole('form', { name: 'Publish a model form' }) },
      { path: '/audit', heading: 'Audit trail', ready: (p) => p.getByRole('table', { name: 'Audit events, newest first' }) },
    ],
  },
  {
    who: 'a data-protection officer',
    account: accounts.dataProtectionOfficer,
    pages: [{ path: '/audit', heading: 'Audit trail', ready: (p) => p.getByText(/\d+ events? shown/) }],
  },
];

for (const { who, account, pages } of visits) {
  test(`the pages of ${who} have no serious accessibility violation`, async ({ page }) => {
    test.setTimeout(20_000 * pages.length); // axe on every page: seconds each on a busy machine
    await signInThroughApi(page.request, account());
    for (const { path, heading, ready } of pages) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(ready(page).first()).toBeVisible();
      await expectNoSeriousAxeViolations(page, path);
    }
  });
}
