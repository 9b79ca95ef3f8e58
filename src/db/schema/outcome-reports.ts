import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { people } from './identity.ts';
import { panels } from './panels.ts';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/**
 * A panel's outcome report, one row per version. A version is drafted by the lead (revision counts each saved
 * draft: approvals name the revision they agree with), approved by members, then signed by the lead with a
 * recent second factor: signing freezes `signedContent` (exactly what the PDF shows) and its canonical SHA-256.
 * An amendment is the next version, drafted from the last signed one, with a reason — also after closing.
 */
export const outcomeReports = pgTable(
  'outcome_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    panelId: uuid('panel_id').notNull().references(() => panels.id),
    version: integer('version').notNull(),
    /** The draft: summary, conclusion, diagnoses, recommendations (the record version comes from the share). */
    draft: jsonb('draft').notNull(),
    revision: integer('revision').notNull().default(1),
    recordVersion: integer('record_version').notNull(),
    amendmentReason: text('amendment_reason'),
    draftedBy: uuid('drafted_by').notNull().references(() => people.id),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    signedBy: uuid('signed_by').references(() => people.id),
    signedAt: instant('signed_at'),
    /** The OutcomeReportContent as signed (canonical JSON hashed into contentHash). */
    signedContent: jsonb('signed_content'),
    contentHash: text('content_hash'),
    /** The rendered PDF in the blob store (encrypted under its own data key). */
    pdfBlobKey: text('pdf_blob_key').unique(),
    pdfWrappedKey: text('pdf_wrapped_key'),
    pdfSize: bigint('pdf_size', { mode: 'number' }),
  },
  (t) => [
    unique('outcome_reports_version').on(t.panelId, t.version),
    index('outcome_reports_panel').on(t.panelId),
    check('outcome_reports_version_positive', sql`${t.version} >= 1 and ${t.revision} >= 1`),
    check('outcome_reports_signed', sql`(${t.signedAt} is null) = (${t.signedBy} is null) and (${t.signedAt} is null) = (${t.contentHash} is null) and (${t.signedAt} is null) = (${t.signedContent} is null)`),
    check('outcome_reports_hash', sql`${t.contentHash} is null or ${t.contentHash} ~ '^[0-9a-f]{64}$'`),
    check('outcome_reports_amendment', sql`${t.version} = 1 or ${t.amendmentReason} is not null`),
  ],
);

/** A member's agreement with one revision of a report version's draft (a new revision asks again). */
export const outcomeReportApprovals = pgTable(
  'outcome_report_approvals',
  {
    reportId: uuid('report_id').notNull().references(() => outcomeReports.id),
    personId: uuid('person_id').notNull().references(() => people.id),
    revision: integer('revision').notNull(),
    approvedAt: instant('approved_at').notNull(),
    comment: text('comment'),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.personId, t.revision] })],
);
