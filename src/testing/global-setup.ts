import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migratePgliteClient, migratePostgres } from '../db/migrate.ts';
import { openPglite } from '../db/open-pglite.ts';
import { openPostgres } from '../db/open-postgres.ts';
import { ensureInstallation } from '../modules/system/installation.ts';
import { systemClock } from '../platform/clock.ts';
import { seed } from '../seed/seed.ts';
import { randomBytes } from 'node:crypto';
import { keysFrom } from '../platform/keys.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/**
 * Migrates once per test run: on PGlite into a template every test file clones (~0.5 s instead of ~4 s),
 * on PostgreSQL into TEST_DATABASE_URL, which tests share and isolate by their own random ids.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env.CPMS_TEST_DB === 'postgres' || project.config.env?.CPMS_TEST_DB === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    await migratePostgres(url);
    const database = openPostgres({ url, poolSize: 2 });
    try {
      await ensureInstallation(database.db, 'training', systemClock);
      await seed(database.db, 'training', keysFrom(randomBytes(32)), systemClock);
    } finally {
      await database.close();
    }
    project.provide('pgliteTemplate', '');
    return () => {};
  }
  const { database, client } = await openPglite();
  await migratePgliteClient(client);
  await ensureInstallation(database.db, 'training', systemClock);
  await seed(database.db, 'training', keysFrom(randomBytes(32)), systemClock);
  const dump = await client.dumpDataDir('none');
  await database.close();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cpms-template-'));
  const file = path.join(folder, 'template.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  return () => fs.rmSync(folder, { recursive: true, force: true });
}
