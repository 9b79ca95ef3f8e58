import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium, never a downloaded browser (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1).
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const port = Number(process.env.E2E_PORT ?? 18080);
const baseURL = `http://127.0.0.1:${port}`;
/**
 * A fresh data directory per run: the server seeds it, and no run sees another's data. Workers load
 * this file too and inherit the runner's environment, so only the runner creates it; it is removed
 * when the runner exits, after the server has stopped.
 */
function freshDataDir(): string {
  const inherited = process.env.CPMS_E2E_DATA_DIR;
  if (inherited) return inherited;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpms-e2e-'));
  process.env.CPMS_E2E_DATA_DIR = dir;
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
const dataDir = freshDataDir();

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  // The training accounts are shared and a TOTP step is accepted once per account: in CI one worker, so no two
  // specs race for the same account's codes (and its sign-in throttle); locally two, for speed.
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 30_000,
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    command: 'node bin/cpms.js serve',
    url: `${baseURL}/api/health`,
    env: { PORT: String(port), CPMS_DATA_DIR: dataDir, CPMS_ENV: 'training', LOG_LEVEL: 'warn' },
    timeout: 120_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 }, // lets the server release its data directory
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
