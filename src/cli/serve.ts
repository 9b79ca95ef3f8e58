import type { Config } from '../config/config.ts';
import { buildApp } from '../app.ts';
import { connect } from '../db/connect.ts';
import { ensureInstallation } from '../modules/system/installation.ts';
import { systemClock } from '../platform/clock.ts';
import { keysFrom, resolveMasterKey } from '../platform/keys.ts';
import { createBlobStore } from '../storage/create-blob-store.ts';
import { createLogger } from '../platform/logger.ts';
import { appVersion } from '../platform/version.ts';
import { seed } from '../seed/seed.ts';
import { seedTrainingPanels } from '../seed/seed-panels.ts';
import { smtpTransport, startMailWorker } from '../mail/mail-worker.ts';
import { checkpointFile, startCheckpointer } from '../modules/audit/checkpoints.ts';
import { remindMeetings } from '../modules/meetings/meeting-reminders.ts';
import { remindOverdue } from '../modules/panels/overdue-reminders.ts';
import { startPeriodic } from '../platform/periodic.ts';
import { sendDailyDigests } from '../modules/notifications/daily-digest.ts';

const SHUTDOWN_GRACE_MS = 10_000;

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Starts the server and keeps it running until SIGINT or SIGTERM, then stops cleanly. */
export async function serve(config: Config): Promise<void> {
  const startedAt = performance.now();
  const logger = createLogger(config.logLevel);
  const connection = await connect(config, { migrate: true });
  try {
    const clock = systemClock;
    const keys = keysFrom(resolveMasterKey(config.masterKey, config.dataDir));
    const info = await ensureInstallation(connection.database.db, config.environment, clock);
    const blobs = createBlobStore({ dataDir: config.dataDir, s3: config.s3 }, keys);
    if (info.created && config.environment === 'training') {
      const summary = await seed(connection.database.db, 'training', keys, clock, { blobs, publicUrl: config.publicUrl });
      say(`Seeded the training environment: ${summary.erns} networks, ${summary.hospitals} fictional hospitals, ${summary.accounts} training accounts (see README), ${summary.patients} synthetic patients.`);
    }
    const app = await buildApp({ config, database: connection.database, db: connection.database.db, clock, keys, blobs, logger });
    if (info.created && config.environment === 'training') {
      const made = await seedTrainingPanels(app, connection.database.db, clock);
      say(`Seeded ${made} training panels at every stage, from draft to archived (README: following a case).`);
    }
    await app.listen({ host: config.host, port: config.port });
    // Without SMTP, mail waits in the outbox (readable by administrators); with it, a worker delivers.
    const transport = config.smtpUrl ? smtpTransport(config.smtpUrl) : undefined;
    const stopMail = transport
      ? startMailWorker({ db: connection.database.db, clock, transport, from: config.mailFrom, onError: (error) => app.log.error({ err: error }, 'mail delivery failed') })
      : async () => {};
    // Overdue panels remind their lead, at most once per panel and day (idempotent, so every node may run it).
    const reminderDeps = { db: connection.database.db, clock, config };
    const overdue = startPeriodic({ name: 'overdue panel reminders', intervalMs: 60 * 60_000, logger, run: () => remindOverdue(reminderDeps) });
    // Meetings beginning within a day remind their attendees, once per meeting (again after a reschedule).
    const meetingReminders = startPeriodic({ name: 'meeting reminders', intervalMs: 10 * 60_000, logger, run: () => remindMeetings(reminderDeps) });
    // Held notification e-mails go out as one summary per person at their summary hour (claimed SKIP LOCKED: every node may run it).
    const digests = startPeriodic({ name: 'daily notification summaries', intervalMs: 5 * 60_000, logger, run: async () => (await sendDailyDigests(connection.database.db, clock)).summaries });
    // Chain heads are written outside the database, so truncating the audit tail is detectable too.
    const checkpointer = startCheckpointer({ db: connection.database.db, file: checkpointFile(config.dataDir), key: keys.derive('audit-checkpoints'), clock, logger, intervalMs: 5 * 60_000 });

    const where =
      connection.database.kind === 'pglite'
        ? `embedded PostgreSQL (PGlite) in ${config.dataDir}`
        : `PostgreSQL at ${new URL(config.databaseUrl!).host}`;
    say(`Open CPMS ${appVersion} is running in ${config.environment} mode at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (public address ${config.publicUrl})`);
    say(`Database: ${where}. Started in ${Math.round(performance.now() - startedAt)} ms. Press Ctrl-C to stop.`);

    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) process.exit(1); // a second Ctrl-C: do not wait
      stopping = true;
      say(`Stopping (${signal})...`);
      setTimeout(() => {
        process.stderr.write('cpms: did not stop within 10 s; exiting anyway.\n');
        process.exit(1);
      }, SHUTDOWN_GRACE_MS).unref();
      stopMail()
        .then(() => Promise.all([overdue.stop(), meetingReminders.stop(), digests.stop()]))
        .then(() => app.close())
        .then(() => checkpointer.stop())
        .then(() => connection.close())
        .then(() => {
          say('Stopped.');
          process.exit(0);
        })
        .catch((error: unknown) => {
          process.stderr.write(`cpms: error while stopping: ${(error as Error).message}\n`);
          process.exit(1);
        });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  } catch (error) {
    await connection.close();
    throw error;
  }
}
