import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db, Tx } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { importHpoFile } from './import-hpo.ts';
import { latestRelease } from './import-support.ts';
import { importOrphanetSource } from './import-orphanet.ts';

// The project's own small subsets (fixtures/), in the official formats, so that a fresh training install
// has terms to pick; the real releases are imported with `cpms ontology import`.
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const trainingHpoFile = path.join(fixtures, 'hp.training.json');
export const trainingOrphanetFolder = path.join(fixtures, 'orphanet');

export interface TrainingOntologySummary {
  hpoTerms: number;
  orphanetDisorders: number;
}

/** Imports each training subset, through the same import code, unless a release of that ontology is already loaded. */
export async function seedTrainingOntologies(db: Db | Tx, clock: Clock): Promise<TrainingOntologySummary> {
  const summary: TrainingOntologySummary = { hpoTerms: 0, orphanetDisorders: 0 };
  if (!(await latestRelease(db, 'hpo'))) summary.hpoTerms = (await importHpoFile({ db, clock, file: trainingHpoFile })).counts.added;
  if (!(await latestRelease(db, 'orphanet'))) summary.orphanetDisorders = (await importOrphanetSource({ db, clock, source: trainingOrphanetFolder })).counts.added;
  return summary;
}
