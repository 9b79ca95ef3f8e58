import { randomBytes } from 'node:crypto';
import type { SessionInfo } from '../../src/modules/identity/identity.contract.ts';
import { startTestOidcProvider, TEST_PROVIDER_CA_FILE, type TestOidcProvider } from '../../src/testing/oidc-provider.ts';
import { expect, test } from './fixtures.ts';
import { freePort, startAppServer, type AppServer } from './support/oidc-app-server.ts';

// The provider's certificate is self-signed: the app server trusts it (NODE_EXTRA_CA_CERTS), Chromium is told to.
test.use({ ignoreHTTPSErrors: true });

let provider: TestOidcProvider;
let app: AppServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  const client = { client_id: 'open-cpms-e2e', client_secret: randomBytes(24).toString('base64url') };
  provider = await startTestOidcProvider({
    clients: [{ ...client, redirect_uris: [`http://127.0.0.1:${port}/api/auth/oidc/callback`] }],
    accounts: { 'ada.example': { email: 'ada.example@test.open-cpms.invalid', email_verified: true, name: 'Dr Ada Example' } },
    trustInProcess: false,
  });
  app = await startAppServer(port, {
    CPMS_OIDC_ISSUER: provider.issuer,
    CPMS_OIDC_CLIENT_ID: client.client_id,
    CPMS_OIDC_CLIENT_SECRET: client.client_secret,
    CPMS_OIDC_DISPLAY_NAME: 'Test Login',
    NODE_EXTRA_CA_CERTS: TEST_PROVIDER_CA_FILE,
  });
});

test.afterAll(async () => {
  await app?.stop();
  await provider?.stop();
});

test('signs in at the identity provider and comes back signed in, where the person was going', async ({ page }) => {
  await page.goto(`${app.url}/sign-in?returnTo=%2Fnetworks`);
  await page.getByRole('link', { name: 'Sign in with Test Login' }).click();

  await expect(page.getByRole('heading', { name: 'Test identity provider' })).toBeVisible();
  await page.getByLabel('Username').fill('ada.example');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page).toHaveURL(`${app.url}/networks`);
  await expect(page.getByRole('button', { name: /Dr Ada Example/ })).toBeVisible();
  const session = await page.request.get(`${app.url}/api/auth/session`);
  expect((await session.json()) as SessionInfo).toMatchObject({ person: { displayName: 'Dr Ada Example' }, method: 'oidc' });
});
