import { createBlobStore } from '../storage/create-blob-store.ts';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/config.ts';
import { BackupError, isEmptyDatabase, readBackupHeader, restoreBackup, writeBackup } from '../db/backup.ts';
import { connect, type Connection } from '../db/connect.ts';
import { migrationStatus, readJournal } from '../db/migrate.ts';
import { ensureInstallation, readInstallation } from '../modules/system/installation.ts';
import { systemClock } from '../platform/clock.ts';
import { keysFrom, resolveMasterKey } from '../platform/keys.ts';
import { appVersion } from '../platform/version.ts';
import { seed } from '../seed/seed.ts';
import { CommandError } from './fail.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);

const describe = (config: Config) =>
  config.databaseUrl ? `PostgreSQL at ${new URL(config.databaseUrl).host}` : `PGlite in ${config.dataDir}`;

async function withConnection(config: Config, migrate: boolean, work: (connection: Connection) => Promise<void>): Promise<void> {
  const connection = await connect(config, { migrate });
  try {
    await work(connection);
  } finally {
    await connection.close();
  }
}

export const migrateCommand = (config: Config) =>
  withConnection(config, true, async ({ database }) => {
    const status = await migrationStatus(database);
    say(`${describe(config)}: ${status.filter((m) => m.applied).length} of ${status.length} migrations applied.`);
  });

export const dbStatusCommand = (config: Config) =>
  withConnection(config, false, async ({ database }) => {
    const status = await migrationStatus(database);
    const pending = status.filter((m) => !m.applied);
    let installation;
    try {
      installation = await readInstallation(database.db);
    } catch {
      installation = undefined; // not migrated yet
    }
    say(`Database: ${describe(config)} (${database.kind})`);
    say(`Environment: ${installation ? `${installation.environment}, created ${installation.createdAt}` : 'not initialised yet'}`);
    say(`Migrations: ${status.length - pending.length} applied, ${pending.length} pending`);
    for (const m of status) say(`  ${m.applied ? 'applied ' : 'PENDING '} ${m.tag}`);
  });

export const seedCommand = (config: Config) =>
  withConnection(config, true, async ({ database }) => {
    await ensureInstallation(database.db, config.environment, systemClock);
    const keys = keysFrom(resolveMasterKey(config.masterKey, config.dataDir));
    const summary = await seed(database.db, config.environment, keys, systemClock, { blobs: createBlobStore({ dataDir: config.dataDir, s3: config.s3 }, keys), publicUrl: config.publicUrl });
    say(
      `Seeded ${config.environment === 'training' ? 'training and reference' : 'reference'} data: added ${summary.erns} networks, ` +
        `${summary.diseaseGroups} disease groups, ${summary.hospitals} hospitals, ${summary.memberships} memberships, ${summary.accounts} accounts, ${summary.patients} patients.`,
    );
  });

export const backupCommand = (config: Config, file: string) =>
  withConnection(config, false, async ({ database }) => {
    const target = path.resolve(file);
    if (fs.existsSync(target)) throw new CommandError(`${target} already exists; choose a new file name.`);
    const pending = (await migrationStatus(database)).filter((m) => !m.applied);
    if (pending.length > 0) throw new CommandError('The database is not fully migrated; run "cpms migrate" first.');
    const end = await writeBackup(database, target, appVersion, systemClock.now());
    const total = Object.values(end.rows).reduce((a, b) => a + b, 0);
    say(`Backup of ${describe(config)} written to ${target}: ${Object.keys(end.rows).length} tables, ${total} rows.`);
  });

export const restoreCommand = async (config: Config, file: string) => {
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new CommandError(`${source} does not exist.`);
  const header = await readBackupHeader(source).catch((error: unknown) => {
    throw new CommandError((error as Error).message);
  });
  const known = readJournal().map((entry) => entry.tag);
  if (header.migrations.join() !== known.join()) {
    throw new CommandError(
      `The backup was taken at a different schema version (${header.migrations.length} migrations, this version has ${known.length}); restore it with Open CPMS ${header.appVersion}.`,
    );
  }
  await withConnection(config, false, async ({ database }) => {
    if (!(await isEmptyDatabase(database).catch(() => true))) {
      throw new CommandError(`The target database (${describe(config)}) is not empty; restore only into a new, empty database.`);
    }
  });
  await withConnection(config, true, async ({ database }) => {
    if (!(await isEmptyDatabase(database))) throw new CommandError(`The target database (${describe(config)}) is not empty.`);
    try {
      const end = await restoreBackup(database, source);
      const total = Object.values(end.rows).reduce((a, b) => a + b, 0);
      say(`Restored ${total} rows from ${source} (taken ${header.createdAt} on ${header.source}) into ${describe(config)}.`);
    } catch (error) {
      if (error instanceof BackupError) throw new CommandError(error.message);
      throw error;
    }
  });
};
