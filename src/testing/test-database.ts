import fs from 'node:fs';
import { inject } from 'vitest';
import type { Database } from '../db/database.ts';
import { openPglite } from '../db/open-pglite.ts';
import { openPostgres } from '../db/open-postgres.ts';

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
