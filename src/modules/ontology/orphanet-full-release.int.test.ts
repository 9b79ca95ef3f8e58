import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { ManualClock } from '../../platform/clock.ts';
import { openTestDatabase } from '../../testing/test-database.ts';
import { importOrphanetSource } from './import-orphanet.ts';
import { inRolledBackTransaction, requireFile, sharedData } from './ontology-test-support.ts';
import { findOrphanetDisorder } from './orphanet-disorder.ts';
import { readOrphanetRelease } from './orphanet-release.ts';
import { orphanetSearch } from './orphanet-search.ts';
import { trainingOrphanetFolder } from './training-ontologies.ts';

// All 9,960 ORPHApackets from ../shared/data: skipped where absent, except in CI, where they must be there.
const release = sharedData('orphanet/orphapackets.2025-12-09.jsonl.gz');

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

// In CI a missing file must fail the test, not skip it.
describe.runIf(process.env.CI === 'true' || fs.existsSync(release))('the full Orphanet release 2025-12-09', () => {
  it('imports every packet and finds disorders by name, synonym and code; the training subset agrees with it', { timeout: 180_000 }, async () => {
    requireFile(release);
    await inRolledBackTransaction(database.db, async (tx) => {
      const summary = await importOrphanetSource({ db: tx, clock: new ManualClock(), source: release });
      expect(summary).toMatchObject({ version: '2025-12-09', releaseDate: '2025-12-09', detail: '1.3.42 / 4.1.8 [2025-03-03]', counts: { total: 9_960, edges: 19_481 } });

      const search = orphanetSearch(tx);
      expect((await search('Friedreich', 10))[0]).toEqual({ code: 'ORPHA:95', label: 'Friedreich ataxia', disorderType: 'Disease', matchedSynonym: null });
      expect((await search('huntington', 10))[0]?.code).toBe('ORPHA:399');
      expect((await search('azorean', 10))[0]).toMatchObject({ code: 'ORPHA:98757', matchedSynonym: 'Azorean disease of the nervous system' });
      expect((await search('ORPHA:95', 10)).map((d) => d.label)).toEqual(['Friedreich ataxia']);
      const friedreich = await findOrphanetDisorder(tx, 95);
      expect(friedreich?.parents.map((p) => p.code)).toEqual(expect.arrayContaining(['ORPHA:98098', 'ORPHA:68385']));
      expect(friedreich?.definition).not.toMatch(/</); // Orphanet's <i> markup is removed

      for (const disorder of (await readOrphanetRelease(trainingOrphanetFolder)).disorders) {
        const loaded = await findOrphanetDisorder(tx, disorder.code);
        expect(loaded, `ORPHA:${disorder.code}`).toMatchObject({ label: disorder.label, disorderType: disorder.disorderType, active: true });
        expect(loaded?.synonyms, `ORPHA:${disorder.code}`).toEqual(expect.arrayContaining(disorder.synonyms));
      }
    });
  });
});
