import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

export const erns = pgTable('erns', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Stable slug used in URLs and configuration, e.g. "ern-rnd". */
  code: text('code').notNull().unique(),
  /** The network's name as its members write it, e.g. "ERN-RND". */
  name: text('name').notNull(),
  field: text('field').notNull(),
  /** Settings are data: each ERN decides them. */
  triageRequired: boolean('triage_required').notNull().default(true),
  employmentConfirmationRequired: boolean('employment_confirmation_required').notNull().default(false),
  helpdeskEmail: text('helpdesk_email'),
  guestAccountDays: integer('guest_account_days').notNull().default(90),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

export const diseaseGroups = pgTable(
  'disease_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ernId: uuid('ern_id')
      .notNull()
      .references(() => erns.id),
    name: text('name').notNull(),
    panelUse: text('panel_use'),
    position: integer('position').notNull().default(0),
  },
  (t) => [unique('disease_groups_ern_name').on(t.ernId, t.name)],
);

export const hospitals = pgTable(
  'hospitals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    city: text('city').notNull(),
    /** ISO 3166-1 alpha-2. */
    country: text('country').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [check('hospitals_country', sql`${t.country} ~ '^[A-Z]{2}$'`), unique('hospitals_name_city').on(t.name, t.city)],
);

/** A hospital's standing in one ERN. No row means the hospital is not part of that network. */
export const memberships = pgTable(
  'memberships',
  {
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    ernId: uuid('ern_id')
      .notNull()
      .references(() => erns.id),
    type: text('type', { enum: ['fullMember', 'affiliatedPartner'] }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.hospitalId, t.ernId] }),
    check('memberships_type', sql`${t.type} in ('fullMember', 'affiliatedPartner')`),
  ],
);
