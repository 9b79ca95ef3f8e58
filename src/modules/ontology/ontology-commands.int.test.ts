import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CommandError } from '../../cli/fail.ts';
import { ontologyImportCommand, ontologyStatusCommand } from '../../cli/ontology-commands.ts';
import { loadConfig, type Config } from '../../config/config.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../testing/scratch-postgres.ts';
import { testDatabaseKind } from '../../testing/test-database.ts';
import { trainingHpoFile, trainingOrphanetFolder } from './training-ontologies.ts';

// `cpms ontology import|status` on a database of their own: a fresh data directory (PGlite) or a scratch
// database (PostgreSQL), as a new installation would be.
let config: Config;
let scratch: ScratchDatabase | undefined;
beforeAll(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpms-ontology-cli-'));
  if (testDatabaseKind() === 'postgres') scratch = await createScratchDatabase();
  config = loadConfig({ CPMS_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...(scratch ? { DATABASE_URL: scratch.url } : {}) });
});
afterAll(async () => {
  await scratch?.drop();
  if (config) fs.rmSync(config.dataDir, { recursive: true, force: true });
});

async function output(command: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await command();
  } finally {
    spy.mockRestore();
  }
  return lines.join('');
}

describe('cpms ontology', () => {
  it('imports a release, says what it loaded, and can run again for the same or a new release', { timeout: 120_000 }, async () => {
    await expect(ontologyStatusCommand(config)).rejects.toThrow(/not fully migrated; run "cpms migrate" first/);
    // The import migrates a new database, as the server would.
    const first = await output(() => ontologyImportCommand(config, 'hpo', trainingHpoFile));
    expect(first).toMatch(/^Imported HPO release open-cpms-training-1 into .+ in \d+\.\d s:\n/);
    expect(first).toContain('  70 terms: 70 added, 0 updated, 0 unchanged, 0 newly obsolete (kept, marked obsolete)\n  72 parent links,');
    expect(await output(() => ontologyImportCommand(config, 'hpo', trainingHpoFile))).toContain('70 terms: 0 added, 0 updated, 70 unchanged');
    const orphanet = await output(() => ontologyImportCommand(config, 'orphanet', trainingOrphanetFolder));
    expect(orphanet).toContain('Imported Orphanet release open-cpms-training-1 (Open CPMS training subset)');
    expect(orphanet).toContain('20 disorders: 20 added');
    expect(await output(() => ontologyStatusCommand(config))).toMatch(/^HPO: release open-cpms-training-1 from hp\.training\.json, imported .+ \(70 entries\)\nOrphanet: release open-cpms-training-1 from orphanet, imported .+ \(20 entries\)\n$/);
  });

  it('refuses an unknown ontology, a missing file and a file that is not a release, in one line', { timeout: 60_000 }, async () => {
    await expect(ontologyImportCommand(config, 'omim', trainingHpoFile)).rejects.toThrow(new CommandError('Unknown ontology "omim": use "hpo" (hp.json) or "orphanet" (ORPHApackets).'));
    await expect(ontologyImportCommand(config, 'hpo', path.join(config.dataDir, 'nothing.json'))).rejects.toThrow(/nothing\.json: cannot be read \(ENOENT/);
    await expect(ontologyImportCommand(config, 'orphanet', path.join(config.dataDir, 'nothing'))).rejects.toThrow(/nothing does not exist/);
    await expect(ontologyImportCommand(config, 'hpo', path.join(trainingOrphanetFolder, 'ORPHApacket_95.json'))).rejects.toThrow(/not an HPO release in OBO Graphs JSON form/);
    await expect(ontologyImportCommand(config, 'orphanet', trainingHpoFile)).rejects.toBeInstanceOf(CommandError);
  });
});
