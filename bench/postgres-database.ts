// A throwaway PostgreSQL database per run, created and dropped through the admin URL.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const CONNECT_TIMEOUT_MS = 3_000;

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: adminUrl,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: 'open-cpms-bench',
  });
  client.on('error', () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The server's version when PostgreSQL answers at adminUrl; otherwise the reason it does not. */
export async function probePostgres(adminUrl: string): Promise<{ version: string } | { unreachable: string }> {
  try {
    return await withAdmin(adminUrl, async (client) => {
      const result = await client.query<{ server_version: string }>('SHOW server_version');
      return { version: `PostgreSQL ${result.rows[0]?.server_version ?? '?'}` };
    });
  } catch (error) {
    return { unreachable: (error as Error).message || String(error) };
  }
}

export interface ThrowawayDatabase {
  name: string;
  url: string;
  create(): Promise<void>;
  /** Drops the database if it exists, disconnecting whoever is still connected. */
  drop(): Promise<void>;
}

/** Names a throwaway database; nothing is created until create(), so drop() can be registered first. */
export function throwawayDatabase(adminUrl: string): ThrowawayDatabase {
  const name = `cpms_bench_${String(process.pid)}_${randomBytes(3).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const identifier = pg.escapeIdentifier(name);
  return {
    name,
    url: url.toString(),
    create: async () => {
      await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${identifier}`));
    },
    drop: async () => {
      // WITH (FORCE) needs PostgreSQL 13; the project requires 15.
      await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${identifier} WITH (FORCE)`));
    },
  };
}
