import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { hpoTerms } from '../../db/schema/index.ts';
import { ManualClock } from '../../platform/clock.ts';
import { openTestDatabase } from '../../testing/test-database.ts';
import { readHpoRelease } from './hpo-release.ts';
import { hpoSearch } from './hpo-search.ts';
import { findHpoTerm } from './hpo-term.ts';
import { importHpoFile } from './import-hpo.ts';
import { OlderReleaseError } from './import-support.ts';
import { inRolledBackTransaction, requireFile, sharedData } from './ontology-test-support.ts';
import { trainingHpoFile } from './training-ontologies.ts';

// The official release from ../shared/data: skipped where it is absent, except in CI, where it must be there.
const release = sharedData('hpo/hp.v2026-01-08.json.gz');
const older = sharedData('hpo/hp.v2025-05-06.json.gz');

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

// In CI a missing file must fail the test, not skip it.
describe.runIf(process.env.CI === 'true' || fs.existsSync(release))('the full HPO release 2026-01-08', () => {
  it('imports, then finds terms by prefix, synonym, id and despite typos; the training subset agrees with it', { timeout: 180_000 }, async () => {
    requireFile(release);
    await inRolledBackTransaction(database.db, async (tx) => {
      const summary = await importHpoFile({ db: tx, clock: new ManualClock(), file: release });
      expect(summary).toMatchObject({ version: '2026-01-08', releaseDate: '2026-01-08', counts: { total: 19_934, edges: 23_765 } });
      expect(await tx.$count(hpoTerms, eq(hpoTerms.obsolete, false))).toBe(19_408);

      const search = hpoSearch(tx);
      const first = async (q: string) => (await search(q, 10))[0];
      expect(await first('seiz')).toMatchObject({ id: 'HP:0001250', label: 'Seizure', matchedSynonym: null, parents: [{ id: 'HP:0012638' }] });
      expect((await first('seiz'))?.definition).toMatch(/^A seizure is an intermittent abnormality/);
      expect(await first('epileptic seizure')).toMatchObject({ id: 'HP:0001250', matchedSynonym: 'Epileptic seizure' });
      expect(await first('grand mal')).toMatchObject({ id: 'HP:0002069', matchedSynonym: 'Grand mal' });
      expect(await first('siezure')).toMatchObject({ id: 'HP:0001250' });
      expect(await first('hypotonai')).toMatchObject({ id: 'HP:0001252' });
      expect(await first('atax')).toMatchObject({ id: 'HP:0001251' });
      expect((await search('leukodys', 10)).map((t) => t.id)).toContain('HP:0002415');
      expect((await search('HP:0001275', 10)).map((t) => t.id)).toEqual(['HP:0001250']);
      expect(await search('a', 10)).toHaveLength(10);

      for (const term of (await readHpoRelease(trainingHpoFile)).terms) {
        const loaded = await findHpoTerm(tx, term.id);
        expect(loaded, term.id).toMatchObject({ label: term.label, obsolete: term.obsolete });
        expect(loaded?.parents.map((p) => p.id).sort(), term.id).toEqual([...term.parents].sort());
      }

      await expect(importHpoFile({ db: tx, clock: new ManualClock(), file: older })).rejects.toBeInstanceOf(OlderReleaseError);
    });
  });
});
