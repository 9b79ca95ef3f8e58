import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { ManualClock } from '../../platform/clock.ts';
import { openTestDatabase } from '../../testing/test-database.ts';
import { importOrphanetRelease, importOrphanetSource } from './import-orphanet.ts';
import { inRolledBackTransaction } from './ontology-test-support.ts';
import { findOrphanetDisorder } from './orphanet-disorder.ts';
import { readOrphanetRelease, type OrphanetRelease } from './orphanet-release.ts';
import { orphanetSearch } from './orphanet-search.ts';
import { SourceError } from './read-source.ts';
import { trainingOrphanetFolder } from './training-ontologies.ts';

const clock = new ManualClock();
let database: Database;
let folder: string;
let training: OrphanetRelease;
beforeAll(async () => {
  database = await openTestDatabase();
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cpms-orphanet-'));
  training = await readOrphanetRelease(trainingOrphanetFolder);
});
afterAll(async () => {
  await database?.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

/** The training packets as a JSON-lines bundle, one minified packet per line (as ../shared/data has them). */
function bundle(name: string, gzip: boolean, extraLines: string[] = []): string {
  const lines = fs
    .readdirSync(trainingOrphanetFolder)
    .sort()
    .map((file) => JSON.stringify(JSON.parse(fs.readFileSync(path.join(trainingOrphanetFolder, file), 'utf8'))));
  const text = `${[...lines, ...extraLines].join('\n')}\n`;
  const file = path.join(folder, name);
  fs.writeFileSync(file, gzip ? zlib.gzipSync(text) : text);
  return file;
}

describe('importing Orphanet packets', () => {
  it('loads a folder of ORPHApacket files: label, type, synonyms, definition, OMIM, parents, children', async () => {
    await inRolledBackTransaction(database.db, async (tx) => {
      const summary = await importOrphanetSource({ db: tx, clock, source: trainingOrphanetFolder });
      expect(summary).toMatchObject({ ontology: 'orphanet', version: 'open-cpms-training-1', releaseDate: null, detail: 'Open CPMS training subset' });
      expect(summary.counts.total).toBe(20);
      const friedreich = await findOrphanetDisorder(tx, 95);
      expect(friedreich).toMatchObject({
        code: 'ORPHA:95',
        label: 'Friedreich ataxia',
        disorderType: 'Disease',
        synonyms: ['FA', 'FRDA'],
        active: true,
        omim: [
          { code: 'OMIM:229300', relation: 'E' },
          { code: 'OMIM:601992', relation: 'BTNT' },
        ],
      });
      expect(friedreich?.definition).toMatch(/^An inherited neurodegenerative disorder/);
      expect(friedreich?.parents.map((p) => p.code)).toEqual(['ORPHA:98098', 'ORPHA:68385']);
      expect((await findOrphanetDisorder(tx, 98098))?.children).toEqual([{ code: 'ORPHA:95', label: 'Friedreich ataxia' }]);
      expect(await findOrphanetDisorder(tx, 999999)).toBeUndefined();
    });
  });

  it('reads a JSON-lines bundle, gzipped or not, exactly as the folder', async () => {
    expect(await readOrphanetRelease(bundle('packets.jsonl', false))).toEqual(training);
    expect(await readOrphanetRelease(bundle('packets.jsonl.gz', true))).toEqual(training);
  });

  it('re-imports a release that dropped a code: kept, inactive, out of search', async () => {
    await inRolledBackTransaction(database.db, async (tx) => {
      await importOrphanetRelease({ db: tx, clock, release: training, source: 'training' });
      const changed: OrphanetRelease = {
        ...training,
        version: 'test-2',
        disorders: training.disorders.filter((d) => d.code !== 97).map((d) => (d.code === 399 ? { ...d, label: 'Huntington disease, renamed' } : d)),
      };
      const summary = await importOrphanetRelease({ db: tx, clock, release: changed, source: 'changed' });
      expect(summary.counts).toMatchObject({ total: 19, added: 0, updated: 1, unchanged: 18, retired: 1 });
      expect(await findOrphanetDisorder(tx, 97)).toMatchObject({ label: 'Familial paroxysmal ataxia', active: false, release: 'test-2' });
      const search = orphanetSearch(tx);
      expect(await search('familial paroxysmal', 10)).toEqual([]);
      expect(await search('ORPHA:97', 10)).toEqual([]);
      expect((await search('huntington', 10))[0]).toMatchObject({ code: 'ORPHA:399', label: 'Huntington disease, renamed' });
    });
  });

  it('refuses what is not a release, naming the place', async () => {
    await expect(readOrphanetRelease(bundle('broken.jsonl', false, ['{"Orphapacket": '])))
      .rejects.toThrow(/broken\.jsonl, line 21: not JSON/);
    await expect(readOrphanetRelease(bundle('twice.jsonl', false, [fs.readFileSync(path.join(folder, 'packets.jsonl'), 'utf8').split('\n')[0]!])))
      .rejects.toThrow(/ORPHA:\d+ appears twice/);
    await expect(readOrphanetRelease(bundle('other.jsonl', false, ['{"something": "else"}']))).rejects.toThrow(/line 21: not an ORPHApacket \(Orphapacket/);
    const empty = fs.mkdtempSync(path.join(folder, 'empty-'));
    await expect(readOrphanetRelease(empty)).rejects.toBeInstanceOf(SourceError);
    const gzipped = path.join(folder, 'cut.jsonl.gz');
    fs.writeFileSync(gzipped, zlib.gzipSync('x'.repeat(10_000)).subarray(0, 40));
    await expect(readOrphanetRelease(gzipped)).rejects.toBeInstanceOf(SourceError);
    await expect(readOrphanetRelease(path.join(folder, 'missing.jsonl'))).rejects.toThrow(/does not exist/);
  });
});
