import fs from 'node:fs';
import path from 'node:path';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { migrationsFolder } from '../platform/paths.ts';
import { connectDedicated } from './open-postgres.ts';
import type { Database } from './database.ts';

/** Arbitrary constant naming the migration lock among PostgreSQL advisory locks. */
const MIGRATION_LOCK_KEY = 4_207_311_001;

export interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

export function readJournal(folder = migrationsFolder): JournalEntry[] {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  return journal.entries;
}

/**
 * Applies pending migrations on PostgreSQL, exactly once even when several nodes start together:
 * the advisory lock and the migrator share one dedicated connection (a lock taken through a pool is
 * not held by the connection that migrates).
 */
export async function migratePostgres(url: string, folder = migrationsFolder): Promise<void> {
  const client = await connectDedicated(url);
  try {
    await migrateOnClient(client, folder);
  } finally {
    await client.end();
  }
}

/** Migrates through one connection that holds the advisory lock throughout. */
export async function migrateOnClient(client: pg.Client, folder = migrationsFolder): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    await migratePg(drizzlePg({ client }), { migrationsFolder: folder });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  }
}

/** Applies pending migrations on PGlite; the data directory lock already makes this process the only one. */
export async function migratePgliteClient(client: PGlite, folder = migrationsFolder): Promise<void> {
  await migratePglite(drizzlePglite({ client }), { migrationsFolder: folder });
}

export interface MigrationStatus {
  tag: string;
  applied: boolean;
}

/** Which of this version's migrations the database has applied (by the journal's `when`). */
export async function migrationStatus(database: Database): Promise<MigrationStatus[]> {
  const [exists] = await database.query<{ present: boolean }>(
    "SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present",
  );
  const applied = exists?.present
    ? await database.query<{ created_at: string | number }>('SELECT created_at FROM drizzle.__drizzle_migrations')
    : [];
  const appliedWhen = new Set(applied.map((row) => Number(row.created_at)));
  return readJournal().map((entry) => ({
    tag: entry.tag,
    applied: appliedWhen.has(entry.when),
  }));
}
