import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../app.ts';
import { loadConfig, type Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import { randomBytes } from 'node:crypto';
import { ManualClock } from '../platform/clock.ts';
import { keysFrom, type Keys } from '../platform/keys.ts';
import type { BlobStore } from '../storage/blob-store.ts';
import { createBlobStore } from '../storage/create-blob-store.ts';
import { loggerOptions } from '../platform/logger.ts';
import { openTestDatabase } from './test-database.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  clock: ManualClock;
  config: Config;
  keys: Keys;
  blobs: BlobStore;
  /** Every line the app logged, for tests that prove what never reaches logs. */
  logLines: string[];
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Folder with a built web app (index.html); defaults to a tiny fixture page. */
  webRoot?: string;
  /** Registers extra routes before the app is ready (tests of the HTTP plumbing). */
  register?: (app: FastifyInstance) => void;
}

function fixtureWebRoot(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cpms-web-'));
  fs.mkdirSync(path.join(folder, 'assets'));
  fs.writeFileSync(
    path.join(folder, 'index.html'),
    '<!doctype html><html><head><meta name="csp-nonce" content="__CSP_NONCE__"><script type="module" src="/assets/app.js"></script></head><body></body></html>',
  );
  fs.writeFileSync(path.join(folder, 'assets', 'app.js'), 'console.log("fixture");');
  return folder;
}

/** The real HTTP app on the test database, with a manual clock and captured logs. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpms-test-'));
  const config = loadConfig({ CPMS_DATA_DIR: dataDir, LOG_LEVEL: 'info', ...options.env });
  const database = await openTestDatabase();
  const clock = new ManualClock();
  const keys = keysFrom(randomBytes(32));
  const blobs = createBlobStore({ dataDir }, keys);
  const logLines: string[] = [];
  const logger = pino(loggerOptions('info'), { write: (line: string) => void logLines.push(line) });
  const webRoot = options.webRoot ?? fixtureWebRoot();
  let app: FastifyInstance;
  try {
    app = await buildApp({ config, database, db: database.db, clock, keys, blobs, logger, webRoot });
    options.register?.(app);
    await app.ready();
  } catch (error) {
    await database.close();
    throw error;
  }
  return {
    app,
    database,
    clock,
    config,
    keys,
    blobs,
    logLines,
    async close() {
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (options.webRoot === undefined) fs.rmSync(webRoot, { recursive: true, force: true });
    },
  };
}
