import fs from 'node:fs';
import { inject } from 'vitest';
import type { Database } from '../db/database.ts';
import { openPglite } from '../db/open-pglite.ts';
import { openPostgres } from '../db/open-postgres.ts';
import { migratePgliteClient, migratePostgres } from '../db/migrate.ts';
import { createScratchDatabase } from './scratch-postgres.ts';

export const testDatabaseKind = (): 'pglite' | 'postgres' =>
  process.env.CPMS_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

/** A migrated, seeded database for one test file: a PGlite clone of the run's template, or the shared PostgreSQL. */
export async function openTestDatabase(): Promise<Database> {
  if (testDatabaseKind() === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    return openPostgres({ url, poolSize: 4 });
  }
  const template = inject('pgliteTemplate');
  const { database } = await openPglite({ loadDataDir: new Blob([fs.readFileSync(template)]) });
  return database;
}

/**
 * A freshly migrated, empty database of the test's own (a new installation): a new PGlite, or a scratch
 * PostgreSQL database. `close` closes it and drops the scratch database.
 */
export async function openEmptyDatabase(poolSize = 2): Promise<{ database: Database; close: () => Promise<void> }> {
  if (testDatabaseKind() === 'postgres') {
    const scratch = await createScratchDatabase();
    await migratePostgres(scratch.url);
    const database = openPostgres({ url: scratch.url, poolSize });
    return {
      database,
      close: async () => {
        await database.close();
        await scratch.drop();
      },
    };
  }
  const { database, client } = await openPglite();
  await migratePgliteClient(client);
  return { database, close: () => database.close() };
}
