import { eq } from 'drizzle-orm';
import type { Environment } from '../../config/config.ts';
import type { Db } from '../../db/database.ts';
import { installation } from '../../db/schema/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { appVersion } from '../../platform/version.ts';

export class EnvironmentMismatchError extends Error {
  constructor(databaseEnvironment: Environment, requested: Environment) {
    super(
      `This database was created as a ${databaseEnvironment} database and cannot be started in ${requested} mode. ` +
        (requested === 'production'
          ? 'Training data and training passwords must never reach production: use a new, empty database.'
          : 'Use a separate database for training (unset DATABASE_URL, or point CPMS_DATA_DIR elsewhere).'),
    );
    this.name = 'EnvironmentMismatchError';
  }
}

export interface InstallationInfo {
  installationId: string;
  environment: Environment;
  createdAt: string;
  /** True when this call created the database's record, i.e. the database was empty. */
  created: boolean;
}

/**
 * Records the environment when the database is first used and refuses the other environment ever after.
 * Safe when several nodes start at once: the insert is a no-op for all but one.
 */
export async function ensureInstallation(db: Db, environment: Environment, clock: Clock): Promise<InstallationInfo> {
  const inserted = await db
    .insert(installation)
    .values({ singleton: 1, environment, createdAt: clock.now().toISOString(), createdByVersion: appVersion })
    .onConflictDoNothing()
    .returning();
  const row = inserted[0] ?? (await db.select().from(installation).where(eq(installation.singleton, 1)))[0];
  if (!row) throw new Error('installation record missing after insert');
  if (row.environment !== environment) throw new EnvironmentMismatchError(row.environment, environment);
  return {
    installationId: row.installationId,
    environment: row.environment,
    createdAt: row.createdAt,
    created: inserted.length > 0,
  };
}

export async function readInstallation(db: Db): Promise<{ environment: Environment; createdAt: string } | undefined> {
  const [row] = await db.select().from(installation).where(eq(installation.singleton, 1));
  return row;
}
