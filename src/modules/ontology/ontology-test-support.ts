import fs from 'node:fs';
import path from 'node:path';
import type { Db, Tx } from '../../db/database.ts';
import { projectRoot } from '../../platform/paths.ts';

// Helpers for this module's tests (not a test file itself).

/** The shared reference releases (../shared/data, see its SOURCES.md), resolved from the repository. */
export const sharedData = (relative: string): string => path.resolve(projectRoot, '../shared/data', relative);

/** Fails with a message that says what is missing and where it comes from. */
export function requireFile(file: string): void {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: the shared reference data (../shared/data, see SOURCES.md) is needed here.`);
}

class RolledBack extends Error {}

/**
 * Runs `work` in a transaction that is then rolled back: ontology tables are shared by every test on a
 * database (one PostgreSQL for the whole run), so tests that load other releases must leave no trace.
 */
export async function inRolledBackTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  let result: { value: T } | undefined;
  try {
    await db.transaction(async (tx) => {
      result = { value: await work(tx) };
      throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  }
  if (!result) throw new Error('the transaction ended before its work did');
  return result.value;
}
