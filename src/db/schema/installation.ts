import { sql } from 'drizzle-orm';
import { check, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * One row, written when the database is created: which mode it belongs to. A production start on a
 * training database (or the reverse) refuses, so training data and passwords never meet real patients.
 */
export const installation = pgTable(
  'installation',
  {
    singleton: smallint('singleton').primaryKey().default(1),
    installationId: uuid('installation_id').notNull().defaultRandom(),
    environment: text('environment', { enum: ['training', 'production'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
    createdByVersion: text('created_by_version').notNull(),
  },
  (t) => [
    check('installation_singleton', sql`${t.singleton} = 1`),
    check('installation_environment', sql`${t.environment} in ('training', 'production')`),
  ],
);
