import { and, desc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.ts';
import { people, records, recordVersions } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import { emptyRecord, type RecordContent, type RecordSection, type RecordVersionSummary } from './records.contract.ts';

/**
 * Record versions in the database: immutable snapshots plus the pointer to the current one. Reads take
 * the patient id of a patient the route has already found within the actor's scope.
 */

export interface StoredVersion extends RecordVersionSummary {
  content: RecordContent;
}

const summaryColumns = {
  version: recordVersions.version,
  createdAt: recordVersions.createdAt,
  personId: recordVersions.createdBy,
  displayName: people.displayName,
  changedSections: recordVersions.changedSections,
  source: recordVersions.source,
};

const toSummary = (row: { version: number; createdAt: string; personId: string; displayName: string; changedSections: string[]; source: 'edit' | 'phenopacketImport' }): RecordVersionSummary => ({
  version: row.version,
  createdAt: row.createdAt,
  createdBy: { personId: row.personId, displayName: row.displayName },
  changedSections: row.changedSections as RecordSection[],
  source: row.source,
});

/** One version with its content, or undefined. The content was validated when it was written. */
export async function readVersion(db: Db | Tx, patientId: string, version: number): Promise<StoredVersion | undefined> {
  const [row] = await db
    .select({ ...summaryColumns, content: recordVersions.content })
    .from(recordVersions)
    .innerJoin(people, eq(people.id, recordVersions.createdBy))
    .where(and(eq(recordVersions.patientId, patientId), eq(recordVersions.version, version)));
  return row && { ...toSummary(row), content: row.content as RecordContent };
}

/** The current version, or undefined while the record has never been written (version 0). */
export async function readCurrentVersion(db: Db | Tx, patientId: string): Promise<StoredVersion | undefined> {
  const [pointer] = await db.select({ version: records.currentVersion }).from(records).where(eq(records.patientId, patientId));
  return pointer && pointer.version > 0 ? readVersion(db, patientId, pointer.version) : undefined;
}

/** Every version, newest first: who changed which sections, when, by edit or import. */
export async function listVersions(db: Db | Tx, patientId: string): Promise<RecordVersionSummary[]> {
  const rows = await db
    .select(summaryColumns)
    .from(recordVersions)
    .innerJoin(people, eq(people.id, recordVersions.createdBy))
    .where(eq(recordVersions.patientId, patientId))
    .orderBy(desc(recordVersions.version));
  return rows.map(toSummary);
}

/** Optimistic concurrency: a change made on another version than the current one is refused. */
export function assertExpectedVersion(current: number, expected: number): void {
  if (current === expected) return;
  throw new AppError(
    'conflict',
    `The record has changed since you opened it: it is now at version ${current}, your change was made on version ${expected}. Reload the record, look at the other change, and make yours again.`,
    [{ path: 'body.expectedVersion', message: `the current version is ${current}` }],
  );
}

/**
 * Takes the record's pointer FOR UPDATE (creating it at version 0 the first time, so two first writers
 * also queue on it), checks the expected version, and returns the content the change applies to.
 */
export async function lockRecord(tx: Tx, patientId: string, expectedVersion: number, now: string): Promise<RecordContent> {
  await tx.insert(records).values({ patientId, currentVersion: 0, updatedAt: now }).onConflictDoNothing();
  const [pointer] = await tx.select({ version: records.currentVersion }).from(records).where(eq(records.patientId, patientId)).for('update');
  const current = pointer?.version ?? 0;
  assertExpectedVersion(current, expectedVersion);
  if (current === 0) return emptyRecord();
  const stored = await readVersion(tx, patientId, current);
  if (!stored) throw new Error(`record version ${current} of ${patientId} is missing`);
  return stored.content;
}

/** Appends the next version (a full snapshot) and moves the pointer, in the caller's transaction. */
export async function appendVersion(
  tx: Tx,
  input: { patientId: string; version: number; content: RecordContent; createdAt: string; createdBy: string; changedSections: RecordSection[]; source: 'edit' | 'phenopacketImport' },
): Promise<void> {
  await tx.insert(recordVersions).values(input);
  await tx.update(records).set({ currentVersion: input.version, updatedAt: input.createdAt }).where(eq(records.patientId, input.patientId));
}
