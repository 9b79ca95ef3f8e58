import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import * as schema from './schema/index.ts';
import type { Database } from './database.ts';

export interface OpenPostgresOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
}

/** Opens a pool on PostgreSQL >= 15. LISTEN takes its own dedicated client, never a pooled one. */
export function openPostgres(options: OpenPostgresOptions): Database {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    application_name: options.applicationName ?? 'open-cpms',
  });
  // An idle client that loses its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = drizzle({ client: pool, schema });
  const listeners = new Set<pg.Client>();
  return {
    kind: 'postgres',
    db,
    async query(text, params) {
      const result = await pool.query(text, params);
      return result.rows as never;
    },
    async listen(channel, onPayload, onLost) {
      const client = new pg.Client({ connectionString: options.url, application_name: `${options.applicationName ?? 'open-cpms'}-listen` });
      // A dropped LISTEN connection must not crash the process: drop the client and tell the caller, once.
      let ended = false;
      client.on('error', (error) => {
        if (ended) return;
        ended = true;
        listeners.delete(client);
        void client.end().catch(() => undefined);
        onLost?.(error);
      });
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel === channel) onPayload(message.payload ?? '');
      });
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      listeners.add(client);
      return async () => {
        ended = true;
        listeners.delete(client);
        await client.end();
      };
    },
    async close() {
      await Promise.all([...listeners].map((client) => client.end()));
      await pool.end();
    },
  };
}

/** A dedicated single connection, for work that must stay on one session (advisory locks, migration). */
export async function connectDedicated(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: 'open-cpms-admin' });
  await client.connect();
  return client;
}
