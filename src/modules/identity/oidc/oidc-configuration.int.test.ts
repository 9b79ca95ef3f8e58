import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformSettings } from '../../../db/schema/index.ts';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import type { AuthOptionsResponse } from './oidc.contract.ts';

/** A provider that cannot be reached: nothing listens on port 1. */
const unreachable = {
  CPMS_OIDC_ISSUER: 'https://127.0.0.1:1',
  CPMS_OIDC_CLIENT_ID: 'open-cpms',
  CPMS_OIDC_CLIENT_SECRET: 'not-used-because-discovery-fails',
  CPMS_OIDC_DISPLAY_NAME: 'Test Login',
};

let bare: TestApp;
let configured: TestApp;
beforeAll(async () => {
  bare = await createTestApp();
  configured = await createTestApp({ env: unreachable });
});
afterAll(async () => {
  await bare?.close();
  await configured?.close();
});

describe('without an identity provider', () => {
  it('says so in GET /api/auth/options and has no OIDC routes', async () => {
    const options = (await bare.app.inject({ method: 'GET', url: '/api/auth/options' })).json<AuthOptionsResponse>();
    expect(options.oidc).toBeNull();
    expect(typeof options.localAccounts).toBe('boolean');
    expect((await bare.app.inject({ method: 'GET', url: '/api/auth/oidc/start' })).statusCode).toBe(404);
    expect((await bare.app.inject({ method: 'GET', url: '/api/auth/oidc/callback' })).statusCode).toBe(404);
  });
});

// The setting is platform-wide: change it only in this file's own PGlite copy, never in a shared PostgreSQL.
it.runIf(process.env.CPMS_TEST_DB === 'pglite')('says whether local accounts are switched on', async () => {
  const options = async () => (await bare.app.inject({ method: 'GET', url: '/api/auth/options' })).json<AuthOptionsResponse>();
  expect(await options()).toMatchObject({ localAccounts: true });
  const off = { localAccountsEnabled: false, updatedAt: bare.clock.now().toISOString() };
  await bare.database.db.insert(platformSettings).values({ singleton: 1, ...off }).onConflictDoUpdate({ target: platformSettings.singleton, set: off });
  expect(await options()).toMatchObject({ localAccounts: false });
});

describe('with an identity provider', () => {
  it('names it in GET /api/auth/options, for the sign-in button', async () => {
    const options = (await configured.app.inject({ method: 'GET', url: '/api/auth/options' })).json<AuthOptionsResponse>();
    expect(options.oidc).toEqual({ displayName: 'Test Login' });
  });

  it('sends the browser back to the sign-in page with a code while the provider cannot be reached', async () => {
    const response = await configured.app.inject({ method: 'GET', url: '/api/auth/oidc/start?returnTo=%2Fcases' });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/sign-in?error=oidcUnavailable');
    expect(response.cookies.find((c) => c.name === 'cpms_oidc_state')).toBeUndefined();
  });
});
