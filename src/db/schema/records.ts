import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from './identity.ts';
import { patients } from './patients.ts';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

export const recordVersionSources = ['edit', 'phenopacketImport'] as const;

/**
 * The current version of each patient's case record. Writers take this row FOR UPDATE and compare its
 * version with the one the client edited (optimistic concurrency); a patient without a row has version 0.
 */
export const records = pgTable(
  'records',
  {
    patientId: uuid('patient_id').primaryKey().references(() => patients.id),
    currentVersion: integer('current_version').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [check('records_current_version', sql`${t.currentVersion} >= 0`)],
);

/**
 * Immutable snapshots of the whole record, one per change: a panel is given a version and an outcome
 * names the one it was based on, so a version is never updated or deleted. The content is the
 * records module's validated document (typed there: the database layer knows no domain types).
 */
export const recordVersions = pgTable(
  'record_versions',
  {
    patientId: uuid('patient_id').notNull().references(() => patients.id),
    version: integer('version').notNull(),
    content: jsonb('content').$type<unknown>().notNull(),
    createdAt: instant('created_at').notNull(),
    createdBy: uuid('created_by').notNull().references(() => people.id),
    changedSections: text('changed_sections').array().notNull(),
    source: text('source', { enum: recordVersionSources }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.patientId, t.version] }),
    check('record_versions_version', sql`${t.version} >= 1`),
    check('record_versions_source', sql.raw(`source in (${recordVersionSources.map((s) => `'${s}'`).join(', ')})`)),
  ],
);
