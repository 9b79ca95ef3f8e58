import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Tx } from '../../db/database.ts';
import { ManualClock } from '../../platform/clock.ts';
import { openTestDatabase } from '../../testing/test-database.ts';
import { readHpoRelease, type HpoRelease, type HpoTermEntry } from './hpo-release.ts';
import { hpoSearch } from './hpo-search.ts';
import { findHpoTerm } from './hpo-term.ts';
import { importHpoFile, importHpoRelease } from './import-hpo.ts';
import { latestRelease, OlderReleaseError } from './import-support.ts';
import { inRolledBackTransaction } from './ontology-test-support.ts';
import { trainingHpoFile } from './training-ontologies.ts';

const clock = new ManualClock();
let database: Database;
let training: HpoRelease;
beforeAll(async () => {
  database = await openTestDatabase();
  training = await readHpoRelease(trainingHpoFile);
});
afterAll(async () => {
  await database?.close();
});

const ids = (refs: { id: string }[]) => refs.map((r) => r.id);

/** The training subset changed the way a new HPO release changes things. */
function changedRelease(): HpoRelease {
  const progressiveAtaxia: HpoTermEntry = { id: 'HP:0002073', label: 'Progressive cerebellar ataxia', definition: null, comment: null, obsolete: false, replacedBy: null, synonyms: [], parents: ['HP:0001251'], altIds: [] };
  const terms = training.terms
    .filter((t) => t.id !== 'HP:0002317') // Unsteady gait: no longer listed
    .map((t) => (t.id === 'HP:0001337' ? { ...t, label: 'Tremor, renamed' } : t))
    .map((t) => (t.id === 'HP:0002070' ? { ...t, label: 'obsolete Limb ataxia', obsolete: true, replacedBy: 'HP:0001251', parents: [], synonyms: [] } : t));
  return { ...training, version: 'test-2', terms: [...terms, progressiveAtaxia] };
}

describe('importing an HPO release', () => {
  it('loads the training subset: terms, parents up to the root, synonyms, alternative ids, obsolete terms, the release', async () => {
    await inRolledBackTransaction(database.db, async (tx) => {
      const summary = await importHpoFile({ db: tx, clock, file: trainingHpoFile });
      expect(summary).toMatchObject({ ontology: 'hpo', version: 'open-cpms-training-1', releaseDate: null });
      expect(summary.counts).toMatchObject({ total: 70, edges: 72 });
      expect(summary.counts.added + summary.counts.updated + summary.counts.unchanged).toBe(70);

      const ataxia = await findHpoTerm(tx, 'HP:0001251');
      expect(ataxia).toMatchObject({ label: 'Ataxia', obsolete: false, alternativeId: null, release: 'open-cpms-training-1', synonyms: [{ name: 'Cerebellar ataxia', kind: 'exact' }] });
      expect(ids(ataxia!.parents)).toEqual(['HP:0011443']);
      expect(ids(ataxia!.children)).toEqual(['HP:0002066', 'HP:0002070']);
      expect(ids((await findHpoTerm(tx, 'HP:0001249'))!.parents)).toEqual(['HP:0011446', 'HP:0012759']);

      // Every active term reaches HP:0000001; the phenotypic ones through HP:0000118.
      const ancestors = async (id: string): Promise<string[]> => {
        const term = await findHpoTerm(tx, id);
        const parents = ids(term!.parents);
        return [...parents, ...(await Promise.all(parents.map(ancestors))).flat()];
      };
      for (const id of ['HP:0002415', 'HP:0002066', 'HP:0002061', 'HP:0001263']) {
        const up = await ancestors(id);
        expect(up).toContain('HP:0000118');
        expect(up).toContain('HP:0000001');
      }
      expect(await ancestors('HP:0003593')).toContain('HP:0000001');

      expect(await findHpoTerm(tx, 'HP:0001275')).toMatchObject({ id: 'HP:0001250', label: 'Seizure', alternativeId: 'HP:0001275' });
      expect(await findHpoTerm(tx, 'HP:0025356')).toMatchObject({ obsolete: true, replacedBy: { id: 'HP:0001263', label: 'Global developmental delay' }, parents: [] });
      expect(await findHpoTerm(tx, 'HP:9999999')).toBeUndefined();
      expect(await latestRelease(tx, 'hpo')).toMatchObject({ version: 'open-cpms-training-1', source: 'hp.training.json', counts: summary.counts });
    });
  });

  it('re-imports a changed release without losing a term: obsolete and unlisted ones stay resolvable, out of search', async () => {
    await inRolledBackTransaction(database.db, async (tx: Tx) => {
      await importHpoRelease({ db: tx, clock, release: training, source: 'hp.training.json' });
      const search = hpoSearch(tx);
      const summary = await importHpoRelease({ db: tx, clock, release: changedRelease(), source: 'hp.changed.json' });
      expect(summary.counts).toEqual({ total: 70, added: 1, updated: 2, unchanged: 67, retired: 2, edges: 71, names: expect.any(Number) as number });

      expect(await findHpoTerm(tx, 'HP:0002070')).toMatchObject({ obsolete: true, replacedBy: { id: 'HP:0001251' }, release: 'test-2' });
      expect(await findHpoTerm(tx, 'HP:0002317')).toMatchObject({ label: 'Unsteady gait', obsolete: true, release: 'test-2' });
      expect(ids((await findHpoTerm(tx, 'HP:0001251'))!.children)).toEqual(['HP:0002066', 'HP:0002073']);
      expect(ids(await search('limb ataxia', 10))).not.toContain('HP:0002070');
      expect(ids(await search('unsteady', 10))).toEqual([]);
      expect((await search('tremor', 10))[0]).toMatchObject({ id: 'HP:0001337', label: 'Tremor, renamed' });
      expect((await search('progressive cereb', 10))[0]?.id).toBe('HP:0002073');

      // Going back to the earlier content brings the terms back into search.
      const back = await importHpoRelease({ db: tx, clock, release: training, source: 'hp.training.json' });
      expect(back.counts).toMatchObject({ added: 0, updated: 3, retired: 1 });
      expect(ids(await search('limb atax', 10))).toContain('HP:0002070');
      expect(await findHpoTerm(tx, 'HP:0002073')).toMatchObject({ obsolete: true });
    });
  });

  it('refuses a release older than the loaded one, unless told to import it anyway', async () => {
    await inRolledBackTransaction(database.db, async (tx) => {
      const dated = (date: string): HpoRelease => ({ ...training, version: date, releaseDate: date });
      await importHpoRelease({ db: tx, clock, release: dated('2026-02-01'), source: 'new.json' });
      await expect(importHpoRelease({ db: tx, clock, release: dated('2025-01-01'), source: 'old.json' })).rejects.toBeInstanceOf(OlderReleaseError);
      expect((await latestRelease(tx, 'hpo'))?.version).toBe('2026-02-01');
      await importHpoRelease({ db: tx, clock, release: dated('2025-01-01'), source: 'old.json', allowOlder: true });
      expect((await latestRelease(tx, 'hpo'))?.version).toBe('2025-01-01');
    });
  });

  it('is all or nothing: a release that fails part-way leaves no trace', async () => {
    await inRolledBackTransaction(database.db, async (tx) => {
      const fresh: HpoTermEntry = { id: 'HP:0002073', label: 'Progressive cerebellar ataxia', definition: null, comment: null, obsolete: false, replacedBy: null, synonyms: [], parents: [], altIds: [] };
      const broken = { ...fresh, id: 'HP:0002074', label: null as unknown as string };
      await expect(importHpoRelease({ db: tx, clock, release: { ...training, version: 'broken', terms: [fresh, broken] }, source: 'broken.json' })).rejects.toThrow();
      expect(await findHpoTerm(tx, 'HP:0002073')).toBeUndefined();
      expect((await latestRelease(tx, 'hpo'))?.version).not.toBe('broken');
    });
  });
});
