import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import * as schema from './schema/index.ts';
import type { Database } from './database.ts';

/**
 * The extensions every PGlite open must pass (a table using one fails to insert otherwise).
 * A new extension goes here and into a custom migration.
 */
const extensions = { pg_trgm };

export interface OpenPgliteOptions {
  /** Folder of the database files; absent means in memory. The caller holds the data directory lock. */
  dataDir?: string;
  /** A dump from `dumpDataDir()` to start from (tests clone a migrated template this way). */
  loadDataDir?: Blob;
}

/** Opens PGlite with the guards DESIGN.md lists: extensions, parent folders, small shared buffers. */
export async function openPglite(options: OpenPgliteOptions = {}): Promise<{ database: Database; client: PGlite }> {
  if (options.dataDir !== undefined) fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
  const client = await PGlite.create({
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir !== undefined ? { loadDataDir: options.loadDataDir } : {}),
    extensions,
    postgresqlconf: ['shared_buffers = 16MB'],
  });
  const db = drizzle({ client, schema });
  const database: Database = {
    kind: 'pglite',
    db,
    async query(text, params) {
      const result = await client.query<Record<string, unknown>>(text, params);
      return result.rows as never;
    },
    async listen(channel, onPayload) {
      const unlisten = await client.listen(channel, onPayload);
      return () => unlisten();
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
  return { database, client };
}
