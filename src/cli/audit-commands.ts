import path from 'node:path';
import type { Config } from '../config/config.ts';
import { connect, type Connection } from '../db/connect.ts';
import { migrationStatus } from '../db/migrate.ts';
import { checkpointFile, writeCheckpoint } from '../modules/audit/checkpoints.ts';
import { verifyAuditChains, type AuditVerification, type PartitionVerification } from '../modules/audit/verify-chains.ts';
import { systemClock } from '../platform/clock.ts';
import { keysFrom, resolveMasterKey } from '../platform/keys.ts';
import { createLogger } from '../platform/logger.ts';
import { CommandError } from './fail.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);

const describe = (config: Config) =>
  config.databaseUrl ? `PostgreSQL at ${new URL(config.databaseUrl).host}` : `PGlite in ${config.dataDir}`;

/** Opens the database without migrating: checking the audit must not change the database it checks. */
async function withMigratedDatabase(config: Config, work: (connection: Connection) => Promise<void>): Promise<void> {
  const connection = await connect(config, { migrate: false });
  try {
    if ((await migrationStatus(connection.database)).some((m) => !m.applied)) {
      throw new CommandError('The database is not fully migrated; run "cpms migrate" first.');
    }
    await work(connection);
  } finally {
    await connection.close();
  }
}

const checkpointKey = (config: Config): Buffer => keysFrom(resolveMasterKey(config.masterKey, config.dataDir)).derive('audit-checkpoints');

function describePartition(p: PartitionVerification): string {
  const checkpointed = p.checkpointedSeq === undefined ? '' : `, checkpointed to seq ${p.checkpointedSeq}`;
  if (!p.broken) return `  ok      ${p.partition}: ${p.verified} events${checkpointed}`;
  return `  BROKEN  ${p.partition} at seq ${p.broken.seq}: ${p.broken.reason} (${p.verified} events verified before it${checkpointed})`;
}

function report(result: AuditVerification): void {
  for (const partition of result.partitions) say(describePartition(partition));
  const log = result.checkpoints;
  if (!log) return;
  if (!log.found) say(`Checkpoints: none yet in ${log.file}; a dropped tail cannot be detected until one is written.`);
  else say(`Checkpoints: ${log.valid} valid in ${log.file}${log.newestAt ? `, newest ${log.newestAt}` : ''}.`);
  for (const problem of log.problems) say(`  BROKEN  checkpoint line ${problem.line}: ${problem.reason}`);
}

function failureOf(result: AuditVerification): string {
  const broken = result.partitions.filter((p) => p.broken);
  const problems = result.checkpoints?.problems ?? [];
  const first = broken[0]?.broken;
  const parts = [
    first ? `first broken link: partition ${first.partition}, seq ${first.seq} (${first.reason})` : undefined,
    broken.length > 1 ? `${broken.length} partitions broken in all` : undefined,
    problems[0] ? `checkpoint file line ${problems[0].line}: ${problems[0].reason}` : undefined,
  ];
  return `The audit trail does not verify: ${parts.filter(Boolean).join('; ')}.`;
}

/**
 * `cpms audit:verify [--checkpoints <file>]`: walks every chain and checks it against the checkpoints
 * (the data directory's file by default; a log export carrying checkpoint lines works too).
 */
export const auditVerifyCommand = (config: Config, options: { checkpoints?: string | undefined } = {}) =>
  withMigratedDatabase(config, async ({ database }) => {
    const file = options.checkpoints ? path.resolve(options.checkpoints) : checkpointFile(config.dataDir);
    say(`Verifying the audit chains in ${describe(config)}...`);
    const result = await verifyAuditChains(database.db, { checkpoints: { file, key: checkpointKey(config) } });
    report(result);
    if (!result.ok) throw new CommandError(failureOf(result));
    const events = result.partitions.reduce((sum, p) => sum + p.verified, 0);
    say(`All ${result.partitions.length} audit chains verify (${events} events).`);
  });

/** `cpms audit:checkpoint`: writes a signed checkpoint of every chain head now. */
export const auditCheckpointCommand = (config: Config) =>
  withMigratedDatabase(config, async ({ database }) => {
    const file = checkpointFile(config.dataDir);
    const logger = createLogger(config.logLevel);
    const checkpoint = await writeCheckpoint({ db: database.db, file, key: checkpointKey(config), clock: systemClock, logger });
    say(`Checkpointed ${checkpoint.heads.length} audit chain heads at ${checkpoint.at} to ${file}.`);
  });
