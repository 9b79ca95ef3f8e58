import path from 'node:path';
import type { Config } from '../config/config.ts';
import { ConfigError } from '../config/config.ts';
import { acquireDataDirLock, prepareDataDir } from '../platform/data-dir.ts';
import type { Database } from './database.ts';
import { migratePgliteClient, migratePostgres } from './migrate.ts';
import { openPglite } from './open-pglite.ts';
import { openPostgres } from './open-postgres.ts';

export interface ConnectOptions {
  /** Apply pending migrations (start-up and `cpms migrate` do; `db:status` does not). */
  migrate: boolean;
}

export interface Connection {
  database: Database;
  /** Closes the database and releases the data directory. */
  close(): Promise<void>;
}

export const pgliteFolder = (dataDir: string): string => path.join(dataDir, 'pglite');

function describeConnectError(error: unknown): string {
  const e = error as NodeJS.ErrnoException & { message?: string };
  return e.code ? `${e.code}${e.message ? `: ${e.message}` : ''}` : String(e.message ?? error);
}

/**
 * Opens the configured database: PostgreSQL when DATABASE_URL is set, else the embedded PGlite in
 * the data directory (locked against a second process). Fails with a ConfigError on an unreachable
 * server, so start-up prints one line instead of a stack trace.
 */
export async function connect(config: Config, options: ConnectOptions): Promise<Connection> {
  prepareDataDir(config.dataDir);
  if (config.databaseUrl !== undefined) {
    const url = config.databaseUrl;
    try {
      if (options.migrate) await migratePostgres(url);
      const database = openPostgres({ url });
      await database.query('SELECT 1');
      return { database, close: () => database.close() };
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      const host = new URL(url).host;
      throw new ConfigError('DATABASE_URL', `cannot be used: the database at ${host} (${describeConnectError(error)}).`);
    }
  }
  const lock = acquireDataDirLock(config.dataDir);
  try {
    const { database, client } = await openPglite({ dataDir: pgliteFolder(config.dataDir) });
    if (options.migrate) await migratePgliteClient(client);
    return {
      database,
      async close() {
        try {
          await database.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
