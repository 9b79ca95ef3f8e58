import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureInstallation } from '../modules/system/installation.ts';
import { ManualClock } from '../platform/clock.ts';
import { seed } from '../seed/seed.ts';
import { randomBytes } from 'node:crypto';
import { keysFrom } from '../platform/keys.ts';
import { createScratchDatabase, type ScratchDatabase } from '../testing/scratch-postgres.ts';
import { isEmptyDatabase, restoreBackup, writeBackup } from './backup.ts';
import type { Database } from './database.ts';
import { migratePgliteClient, migratePostgres } from './migrate.ts';
import { openPglite } from './open-pglite.ts';
import { openPostgres } from './open-postgres.ts';
import { hospitals } from './schema/index.ts';

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cpms-backup-'));
cleanup.push(async () => fs.rmSync(folder, { recursive: true, force: true }));

async function freshPglite(): Promise<Database> {
  const { database, client } = await openPglite();
  await migratePgliteClient(client);
  cleanup.push(() => database.close());
  return database;
}

async function freshPostgres(): Promise<Database> {
  const scratch: ScratchDatabase = await createScratchDatabase();
  cleanup.push(() => scratch.drop());
  await migratePostgres(scratch.url);
  const database = openPostgres({ url: scratch.url, poolSize: 2 });
  cleanup.push(() => database.close());
  return database;
}

/** Every application table's rows, as JSON, in a stable order: what must survive the round trip. */
async function contents(database: Database): Promise<Record<string, unknown[]>> {
  const tables = (await database.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  )).map((row) => row.name);
  const result: Record<string, unknown[]> = {};
  for (const table of tables) {
    const rows = await database.db.execute(sql`SELECT to_jsonb(t)::text AS r FROM ${sql.identifier(table)} t`);
    result[table] = (rows as { rows: { r: string }[] }).rows.map((row) => JSON.parse(row.r) as unknown).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
  }
  return result;
}

describe('backup and restore across databases', () => {
  it('round-trips PGlite -> PostgreSQL -> PGlite with every row and value intact', async () => {
    const source = await freshPglite();
    await ensureInstallation(source.db, 'training', new ManualClock('2026-03-01T10:00:00Z'));
    await seed(source.db, 'training', keysFrom(randomBytes(32)), new ManualClock());
    // values that commonly break dumps: quotes, newlines, non-Latin letters, emoji
    await source.db.insert(hospitals).values({ name: "Clinique l'Étoile \"Nord\"\nŁódź ✓ 🧬", city: 'Ω-City', country: 'GR' });
    const original = await contents(source);
    expect(original.hospitals!.length).toBeGreaterThan(5);

    const first = path.join(folder, 'from-pglite.cpms');
    await writeBackup(source, first, '0.1.0', new Date());
    const postgres = await freshPostgres();
    expect(await isEmptyDatabase(postgres)).toBe(true);
    await restoreBackup(postgres, first);
    expect(await contents(postgres)).toEqual(original);

    const second = path.join(folder, 'from-postgres.cpms');
    await writeBackup(postgres, second, '0.1.0', new Date());
    const back = await freshPglite();
    await restoreBackup(back, second);
    expect(await contents(back)).toEqual(original);
  });

  it('changes nothing when the file is truncated', async () => {
    const source = await freshPglite();
    await seed(source.db, 'training', keysFrom(randomBytes(32)), new ManualClock());
    const file = path.join(folder, 'whole.cpms');
    await writeBackup(source, file, '0.1.0', new Date());
    const { gunzipSync, gzipSync } = await import('node:zlib');
    const lines = gunzipSync(fs.readFileSync(file)).toString().trimEnd().split('\n');
    const truncated = path.join(folder, 'truncated.cpms');
    fs.writeFileSync(truncated, gzipSync(lines.slice(0, -3).join('\n')));
    const target = await freshPostgres();
    await expect(restoreBackup(target, truncated)).rejects.toThrow(/incomplete/);
    expect(await isEmptyDatabase(target)).toBe(true);
  });
});
