import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { FastifyInstance } from 'fastify';
import { generate } from 'otplib';
import pino from 'pino';
import { buildApp } from '../../../src/app.ts';
import { loadConfig } from '../../../src/config/config.ts';
import type { Database } from '../../../src/db/database.ts';
import { migratePgliteClient } from '../../../src/db/migrate.ts';
import { openPglite } from '../../../src/db/open-pglite.ts';
import { ensureInstallation } from '../../../src/modules/system/installation.ts';
import { ManualClock } from '../../../src/platform/clock.ts';
import { keysFrom } from '../../../src/platform/keys.ts';
import { webDistFolder } from '../../../src/platform/paths.ts';
import { seed } from '../../../src/seed/seed.ts';
import type { TrainingAccount } from '../../../src/seed/training-accounts.ts';
import { createBlobStore } from '../../../src/storage/create-blob-store.ts';
import { expect } from '../fixtures.ts';
import { freePort } from './oidc-app-server.ts';
import { fillPasswordForm } from './sign-in.ts';

/**
 * The real app (built web app, training seed, PGlite) in the test process with a manual clock, for specs that
 * must move time on — e.g. past the 5 minutes after which signing asks for the second factor again.
 * Authenticator codes are computed for the server's time.
 */
export interface ClockedServer {
  url: string;
  app: FastifyInstance;
  database: Database;
  clock: ManualClock;
  /** An authenticator code for the server's clock, one step after any code used before (codes never work twice). */
  codeFor(account: TrainingAccount): Promise<string>;
  /** Signs in through the API (in-process) for a spec's set-up; returns the headers of that session. */
  apiSession(account: TrainingAccount): Promise<Record<string, string>>;
  /** One API request in-process; fails the test unless it succeeds. */
  call<T>(headers: Record<string, string>, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object): Promise<T>;
  /** The person signs in on the sign-in page, typing the code their authenticator shows (for the server's time). */
  signInThroughPage(page: Page, account: TrainingAccount): Promise<void>;
  close(): Promise<void>;
}

export async function startClockedServer(): Promise<ClockedServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpms-e2e-clocked-'));
  // A copy of the built app: another build replacing dist/web meanwhile cannot pull assets from under this server.
  const webRoot = path.join(dataDir, 'web');
  fs.cpSync(webDistFolder, webRoot, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = loadConfig({ CPMS_DATA_DIR: dataDir, CPMS_ENV: 'training', CPMS_PUBLIC_URL: url, PORT: String(port), LOG_LEVEL: 'warn' });
  const clock = new ManualClock(new Date());
  const keys = keysFrom(randomBytes(32));
  const { database, client } = await openPglite();
  await migratePgliteClient(client);
  await ensureInstallation(database.db, 'training', clock);
  const blobs = createBlobStore({ dataDir }, keys);
  await seed(database.db, 'training', keys, clock, { blobs });
  const app = await buildApp({ config, database, db: database.db, clock, keys, blobs, logger: pino({ level: 'warn' }), webRoot });
  await app.listen({ host: '127.0.0.1', port });

  const codeFor = async (account: TrainingAccount) => {
    clock.advance(30_000);
    return generate({ secret: account.totpSecret!, epoch: Math.floor(clock.now().getTime() / 1000) });
  };
  return {
    url,
    app,
    database,
    clock,
    codeFor,
    async apiSession(account) {
      const signIn = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: account.email, password: account.password } });
      const cookie = signIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const headers = { cookie, 'x-csrf-token': signIn.json<{ csrfToken: string }>().csrfToken };
      const confirmed = await app.inject({ method: 'POST', url: '/api/auth/second-factor', headers, payload: { code: await codeFor(account) } });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      return headers;
    },
    async call<T>(headers: Record<string, string>, method: 'GET' | 'POST' | 'PUT', requestUrl: string, payload?: object): Promise<T> {
      const response = await app.inject({ method, url: requestUrl, headers, ...(payload ? { payload } : {}) });
      expect(response.statusCode, `${method} ${requestUrl}: ${response.body}`).toBeLessThan(300);
      return (response.body ? response.json() : undefined) as T;
    },
    async signInThroughPage(page, account) {
      await page.goto(`${url}/sign-in`);
      await fillPasswordForm(page, account);
      await expect(page.getByRole('heading', { level: 1, name: 'Confirm it is you' })).toBeVisible();
      await page.getByLabel('Authentication code').fill(await codeFor(account));
      await page.getByRole('button', { name: 'Confirm' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Confirm it is you' })).toHaveCount(0);
    },
    async close() {
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
