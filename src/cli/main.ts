import { Command } from 'commander';
import { loadConfig } from '../config/config.ts';
import { appVersion } from '../platform/version.ts';
import { auditCheckpointCommand, auditVerifyCommand } from './audit-commands.ts';
import { buildWebIfStale } from './build-web.ts';
import { backupCommand, dbStatusCommand, migrateCommand, restoreCommand, seedCommand } from './database-commands.ts';
import { runCommand } from './fail.ts';
import { ontologyImportCommand, ontologyStatusCommand } from './ontology-commands.ts';
import { serve } from './serve.ts';
import { totpCodeCommand } from './totp-code.ts';
import { connect } from '../db/connect.ts';
import { remindMeetings } from '../modules/meetings/meeting-reminders.ts';
import { remindOverdue } from '../modules/panels/overdue-reminders.ts';
import { systemClock } from '../platform/clock.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);

const program = new Command()
  .name('cpms')
  .description('Open CPMS: virtual consultations of the European Reference Networks')
  .version(appVersion)
  .showHelpAfterError();

program
  .command('serve')
  .description('start the server (API and web app); PORT, CPMS_ENV, CPMS_DATA_DIR, DATABASE_URL configure it')
  .option('--build-web', 'build the web app first when it is missing or out of date')
  .action((options: { buildWeb?: boolean }) =>
    runCommand(async () => {
      const config = loadConfig();
      if (options.buildWeb) buildWebIfStale(say);
      await serve(config);
    }),
  );

program
  .command('migrate')
  .description('apply pending database migrations and exit')
  .action(() => runCommand(() => migrateCommand(loadConfig())));

program
  .command('db:status')
  .description('show the database, its environment and which migrations are applied')
  .action(() => runCommand(() => dbStatusCommand(loadConfig())));

program
  .command('seed')
  .description('add reference data (and, in training, the synthetic training data) that is missing')
  .action(() => runCommand(() => seedCommand(loadConfig())));

program
  .command('backup')
  .description('write a consistent backup of the whole database to <file> (works on PGlite and PostgreSQL)')
  .argument('<file>', 'backup file to create (gzipped JSON lines)')
  .action((file: string) => runCommand(() => backupCommand(loadConfig(), file)));

program
  .command('restore')
  .description('restore a backup into an empty database (PGlite or PostgreSQL, either way round)')
  .argument('<file>', 'backup file written by "cpms backup"')
  .action((file: string) => runCommand(() => restoreCommand(loadConfig(), file)));

program
  .command('audit:verify')
  .description('check every audit chain and the signed checkpoints; names the first broken link and exits 1 if any')
  .option('--checkpoints <file>', 'checkpoint file or exported log lines to check against (default: $CPMS_DATA_DIR/audit/checkpoints.jsonl)')
  .action((options: { checkpoints?: string }) => runCommand(() => auditVerifyCommand(loadConfig(), options)));

program
  .command('audit:checkpoint')
  .description('write a signed checkpoint of every audit chain head now (the server also does so every 5 minutes)')
  .action(() => runCommand(() => auditCheckpointCommand(loadConfig())));

program
  .command('totp:code')
  .description('print the current authenticator code for a TOTP secret (for scripts using training accounts)')
  .argument('<secret>', 'base32 secret, e.g. from the README\'s training accounts')
  .action((secret: string) => runCommand(() => totpCodeCommand(secret)));

program
  .command('panels:remind')
  .description('queue a reminder to the lead of every overdue panel (at most one per panel and day; the server also does this every hour)')
  .action(() =>
    runCommand(async () => {
      const config = loadConfig();
      const connection = await connect(config, { migrate: true });
      try {
        const sent = await remindOverdue({ db: connection.database.db, clock: systemClock, config });
        say(`Queued ${sent} overdue panel reminder${sent === 1 ? '' : 's'}.`);
      } finally {
        await connection.close();
      }
    }),
  );

program
  .command('meetings:remind')
  .description('queue the reminder of every meeting beginning within a day (once per meeting; the server also does this every 10 minutes)')
  .action(() =>
    runCommand(async () => {
      const config = loadConfig();
      const connection = await connect(config, { migrate: true });
      try {
        const sent = await remindMeetings({ db: connection.database.db, clock: systemClock, config });
        say(`Queued ${sent} meeting reminder${sent === 1 ? '' : 's'}.`);
      } finally {
        await connection.close();
      }
    }),
  );

const ontology = program.command('ontology').description('reference ontologies: the HPO and Orphanet');

ontology
  .command('import')
  .description('load a release (again): hpo <hp.json[.gz]>, or orphanet <folder of ORPHApacket_*.json | JSON-lines bundle[.gz]>; nothing used in records is lost')
  .argument('<ontology>', 'hpo or orphanet')
  .argument('<source>', 'the release file or folder')
  .option('--allow-older', 'import a release older than the loaded one')
  .action((name: string, source: string, options: { allowOlder?: boolean }) => runCommand(() => ontologyImportCommand(loadConfig(), name, source, options)));

ontology
  .command('status')
  .description('which HPO and Orphanet releases are loaded')
  .action(() => runCommand(() => ontologyStatusCommand(loadConfig())));

await program.parseAsync(process.argv);
