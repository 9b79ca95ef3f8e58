import type { Config } from '../config/config.ts';
import { connect } from '../db/connect.ts';
import { migrationStatus } from '../db/migrate.ts';
import { importHpoFile } from '../modules/ontology/import-hpo.ts';
import { latestRelease, OlderReleaseError, type ImportSummary } from '../modules/ontology/import-support.ts';
import { importOrphanetSource } from '../modules/ontology/import-orphanet.ts';
import { SourceError } from '../modules/ontology/read-source.ts';
import { EnvironmentMismatchError, readInstallation } from '../modules/system/installation.ts';
import { systemClock } from '../platform/clock.ts';
import { CommandError } from './fail.ts';

// `cpms ontology import hpo|orphanet <source>` and `cpms ontology status`.

const say = (line: string) => process.stdout.write(`${line}\n`);
const count = (n: number) => n.toLocaleString('en');
const describe = (config: Config) => (config.databaseUrl ? `PostgreSQL at ${new URL(config.databaseUrl).host}` : `PGlite in ${config.dataDir}`);
const ontologies = { hpo: 'HPO', orphanet: 'Orphanet' } as const;

function report(summary: ImportSummary, where: string): void {
  const { counts } = summary;
  const entries = summary.ontology === 'hpo' ? 'terms' : 'disorders';
  const retired = summary.ontology === 'hpo' ? 'newly obsolete (kept, marked obsolete)' : 'no longer listed (kept, marked inactive)';
  say(`Imported ${ontologies[summary.ontology]} release ${summary.version}${summary.detail ? ` (${summary.detail})` : ''} into ${where} in ${summary.seconds.toFixed(1)} s:`);
  say(`  ${count(counts.total)} ${entries}: ${count(counts.added)} added, ${count(counts.updated)} updated, ${count(counts.unchanged)} unchanged, ${count(counts.retired)} ${retired}`);
  say(`  ${count(counts.edges)} parent links, ${count(counts.names)} searchable names and synonyms`);
}

/** Imports a release; refuses a database created for the other environment, as the server would. */
export async function ontologyImportCommand(config: Config, ontology: string, source: string, options: { allowOlder?: boolean } = {}): Promise<void> {
  if (ontology !== 'hpo' && ontology !== 'orphanet') throw new CommandError(`Unknown ontology "${ontology}": use "hpo" (hp.json) or "orphanet" (ORPHApackets).`);
  const connection = await connect(config, { migrate: true });
  try {
    const installation = await readInstallation(connection.database.db);
    if (installation && installation.environment !== config.environment) throw new EnvironmentMismatchError(installation.environment, config.environment);
    const db = connection.database.db;
    const summary =
      ontology === 'hpo'
        ? await importHpoFile({ db, clock: systemClock, file: source, allowOlder: options.allowOlder })
        : await importOrphanetSource({ db, clock: systemClock, source, allowOlder: options.allowOlder });
    report(summary, describe(config));
  } catch (error) {
    if (error instanceof SourceError || error instanceof OlderReleaseError) throw new CommandError(error.message);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CommandError(`${source} does not exist.`);
    throw error;
  } finally {
    await connection.close();
  }
}

/** Which release of each ontology is loaded, and what its import did. */
export async function ontologyStatusCommand(config: Config): Promise<void> {
  const connection = await connect(config, { migrate: false });
  try {
    if ((await migrationStatus(connection.database)).some((m) => !m.applied)) throw new CommandError('The database is not fully migrated; run "cpms migrate" first.');
    for (const ontology of ['hpo', 'orphanet'] as const) {
      const release = await latestRelease(connection.database.db, ontology);
      say(
        release
          ? `${ontologies[ontology]}: release ${release.version} from ${release.source}, imported ${release.importedAt} (${count(release.counts.total)} entries)`
          : `${ontologies[ontology]}: no release loaded`,
      );
    }
  } finally {
    await connection.close();
  }
}
