import fs from 'node:fs';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Database, Db, Tx } from './database.ts';
import { readJournal } from './migrate.ts';

/**
 * A logical backup that either database can restore: every table's rows as JSON (to_jsonb), read in one
 * repeatable-read snapshot, written as gzipped JSON lines with a header and a closing line that proves
 * the file complete. Restoring uses jsonb_populate_recordset, so types round-trip exactly on PGlite and
 * PostgreSQL alike.
 */
export const BACKUP_FORMAT = 'open-cpms-backup';
const FORMAT_VERSION = 1;
const BATCH = 500;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  appVersion: string;
  createdAt: string;
  source: Database['kind'];
  migrations: string[];
  tables: string[];
}

interface BackupEnd {
  end: true;
  rows: Record<string, number>;
}

export class BackupError extends Error {
  override name = 'BackupError';
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** Application tables in foreign-key order (referenced tables first). */
async function tablesInDependencyOrder(tx: Db | Tx): Promise<string[]> {
  const tables = rowsOf<{ name: string }>(
    await tx.execute(sql`SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`),
  ).map((row) => row.name);
  const edges = rowsOf<{ child: string; parent: string }>(
    await tx.execute(sql`SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND c.relname <> p.relname`),
  );
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (table: string) => {
    if (ordered.includes(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const edge of edges) if (edge.child === table) visit(edge.parent);
    ordered.push(table);
  };
  tables.forEach(visit);
  return ordered;
}

async function appliedMigrations(tx: Db | Tx): Promise<string[]> {
  const rows = rowsOf<{ created_at: string | number }>(
    await tx.execute(sql`SELECT created_at FROM drizzle.__drizzle_migrations ORDER BY created_at`),
  );
  const byWhen = new Map(readJournal().map((entry) => [entry.when, entry.tag]));
  return rows.map((row) => byWhen.get(Number(row.created_at)) ?? `unknown-${row.created_at}`);
}

export async function writeBackup(database: Database, file: string, appVersion: string, now: Date): Promise<BackupEnd> {
  const temporary = `${file}.partial`;
  const out = new PassThrough();
  const written = pipeline(out, zlib.createGzip(), fs.createWriteStream(temporary, { mode: 0o600 }));
  const write = (line: string) => (out.write(`${line}\n`) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', r)));
  const end: BackupEnd = { end: true, rows: {} };
  try {
    await database.db.transaction(
      async (tx) => {
        const tables = await tablesInDependencyOrder(tx);
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          formatVersion: FORMAT_VERSION,
          appVersion,
          createdAt: now.toISOString(),
          source: database.kind,
          migrations: await appliedMigrations(tx),
          tables,
        };
        await write(JSON.stringify(header));
        for (const table of tables) {
          let count = 0;
          await tx.execute(sql`DECLARE backup_rows NO SCROLL CURSOR FOR SELECT to_jsonb(t)::text AS r FROM ${sql.identifier(table)} t`);
          for (;;) {
            const batch = rowsOf<{ r: string }>(await tx.execute(sql.raw(`FETCH ${BATCH} FROM backup_rows`)));
            for (const row of batch) await write(`{"t":${JSON.stringify(table)},"r":${row.r}}`);
            count += batch.length;
            if (batch.length < BATCH) break;
          }
          await tx.execute(sql`CLOSE backup_rows`);
          end.rows[table] = count;
        }
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    await write(JSON.stringify(end));
    out.end();
    await written;
    fs.renameSync(temporary, file);
    return end;
  } catch (error) {
    out.destroy();
    await written.catch(() => {});
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/** Reads the header line only, to check a backup before touching the target. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()) });
  try {
    for await (const line of lines) {
      const header = JSON.parse(line) as BackupHeader;
      if (header.format !== BACKUP_FORMAT) break;
      if (header.formatVersion !== FORMAT_VERSION) throw new BackupError(`${file} has backup format ${header.formatVersion}; this version reads format ${FORMAT_VERSION}.`);
      return header;
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
  } finally {
    lines.close();
  }
  throw new BackupError(`${file} is not an Open CPMS backup.`);
}

/** True when no application table holds a row (a freshly created or freshly migrated database). */
export async function isEmptyDatabase(database: Database): Promise<boolean> {
  const tables = await tablesInDependencyOrder(database.db);
  for (const table of tables) {
    const rows = rowsOf<{ one: number }>(await database.db.execute(sql`SELECT 1 AS one FROM ${sql.identifier(table)} LIMIT 1`));
    if (rows.length > 0) return false;
  }
  return true;
}

async function insertableColumns(tx: Tx, table: string): Promise<string[]> {
  return rowsOf<{ name: string }>(
    await tx.execute(sql`SELECT column_name AS name FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = ${table} AND is_generated = 'NEVER' ORDER BY ordinal_position`),
  ).map((row) => row.name);
}

async function insertBatch(tx: Tx, table: string, columns: string[], rows: string[]): Promise<void> {
  const list = sql.join(columns.map((c) => sql.identifier(c)), sql`, `);
  await tx.execute(sql`INSERT INTO ${sql.identifier(table)} (${list}) OVERRIDING SYSTEM VALUE
    SELECT ${list} FROM jsonb_populate_recordset(NULL::${sql.identifier(table)}, ${`[${rows.join(',')}]`}::jsonb)`);
}

/** Moves every sequence past the restored rows, so new rows do not collide. */
async function resetSequences(tx: Tx): Promise<void> {
  const sequences = rowsOf<{ table_name: string; column_name: string; seq: string }>(
    await tx.execute(sql`SELECT table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) AS seq
      FROM information_schema.columns WHERE table_schema = 'public'
      AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL`),
  );
  for (const s of sequences) {
    await tx.execute(sql`SELECT setval(${s.seq}, COALESCE((SELECT max(${sql.identifier(s.column_name)}) FROM ${sql.identifier(s.table_name)}), 0) + 1, false)`);
  }
}

/**
 * Restores a backup into a migrated, empty database in one transaction: a truncated or damaged file
 * changes nothing.
 */
export async function restoreBackup(database: Database, file: string): Promise<BackupEnd> {
  return database.db.transaction(async (tx) => {
    // Opened here and iterated at once: readline drops lines emitted before iteration starts.
    const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
    let header: BackupHeader | undefined;
    let end: BackupEnd | undefined;
    const counts: Record<string, number> = {};
    const columns = new Map<string, string[]>();
    let pending: { table: string; rows: string[] } | undefined;
    const flush = async () => {
      if (!pending || pending.rows.length === 0) return;
      let cols = columns.get(pending.table);
      if (!cols) {
        cols = await insertableColumns(tx, pending.table);
        if (cols.length === 0) throw new BackupError(`The backup holds rows for table "${pending.table}", which this version does not have.`);
        columns.set(pending.table, cols);
      }
      await insertBatch(tx, pending.table, cols, pending.rows);
      counts[pending.table] = (counts[pending.table] ?? 0) + pending.rows.length;
      pending.rows = [];
    };
    try {
      for await (const line of lines) {
        if (end) throw new BackupError('The backup has data after its end marker.');
        if (!header) {
          header = JSON.parse(line) as BackupHeader;
          continue;
        }
        if (line.startsWith('{"t":')) {
          const tableEnd = line.indexOf('","r":');
          const table = JSON.parse(line.slice(5, tableEnd + 1)) as string;
          if (pending?.table !== table) {
            await flush();
            pending = { table, rows: [] };
          }
          pending.rows.push(line.slice(tableEnd + 6, -1));
          if (pending.rows.length >= BATCH) await flush();
          continue;
        }
        await flush();
        end = JSON.parse(line) as BackupEnd;
      }
    } catch (error) {
      if (error instanceof BackupError) throw error;
      throw new BackupError(`The backup file is damaged (${(error as Error).message}); nothing was restored.`);
    }
    if (!end?.end) throw new BackupError('The backup file is incomplete (no end marker); nothing was restored.');
    for (const [table, expected] of Object.entries(end.rows)) {
      if ((counts[table] ?? 0) !== expected) {
        throw new BackupError(`The backup file is inconsistent: table ${table} should hold ${expected} rows; nothing was restored.`);
      }
    }
    await resetSequences(tx);
    return end;
  });
}
