import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accessRequests, people } from './identity.ts';
import { attachments } from './attachments.ts';
import { diseaseGroups, erns } from './organisations.ts';
import { patients } from './patients.ts';
import { recordVersions } from './records.ts';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
const inList = (column: string, values: readonly string[]) => sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

export const panelStatuses = ['draft', 'submitted', 'open', 'outcomeDrafting', 'outcomeSigned', 'closed', 'archived', 'cancelled'] as const;
export const panelTypes = ['diagnosis', 'treatment', 'followUp', 'training'] as const;
export const panelUrgencies = ['routine', 'urgent', 'veryUrgent'] as const;
export const panelRoles = ['lead', 'member', 'guest'] as const;
export const panelMemberStatuses = ['invited', 'accepted', 'declined'] as const;

/**
 * An ERN's panel settings that are not already on `erns` (triage on/off and the helpdesk contact live
 * there, edited by administrators): the deadline in days for each urgency. An ERN without a row uses the
 * defaults of the panels module.
 */
export const ernSettings = pgTable(
  'ern_settings',
  {
    ernId: uuid('ern_id').primaryKey().references(() => erns.id),
    routineDeadlineDays: integer('routine_deadline_days').notNull(),
    urgentDeadlineDays: integer('urgent_deadline_days').notNull(),
    veryUrgentDeadlineDays: integer('very_urgent_deadline_days').notNull(),
    updatedAt: instant('updated_at').notNull(),
    updatedBy: uuid('updated_by').references(() => people.id),
  },
  (t) => [
    check('ern_settings_days', sql`${t.routineDeadlineDays} between 1 and 365 and ${t.urgentDeadlineDays} between 1 and 365 and ${t.veryUrgentDeadlineDays} between 1 and 365`),
  ],
);

/**
 * One virtual consultation on one patient, owned by one ERN (and disease group). The status moves only
 * through the lifecycle of the panels module; every move is a row in panel_transitions.
 */
export const panels = pgTable(
  'panels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ernId: uuid('ern_id').notNull().references(() => erns.id),
    diseaseGroupId: uuid('disease_group_id').references(() => diseaseGroups.id),
    patientId: uuid('patient_id').notNull().references(() => patients.id),
    type: text('type', { enum: panelTypes }).notNull(),
    urgency: text('urgency', { enum: panelUrgencies }).notNull(),
    title: text('title').notNull(),
    clinicalQuestion: text('clinical_question').notNull(),
    status: text('status', { enum: panelStatuses }).notNull(),
    requestedBy: uuid('requested_by').notNull().references(() => people.id),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    submittedAt: instant('submitted_at'),
    openedAt: instant('opened_at'),
    closedAt: instant('closed_at'),
    /** Set on submission from the urgency and the ERN's settings. */
    deadlineAt: instant('deadline_at'),
  },
  (t) => [
    check('panels_status', inList('status', panelStatuses)),
    check('panels_type', inList('type', panelTypes)),
    check('panels_urgency', inList('urgency', panelUrgencies)),
    index('panels_ern_status').on(t.ernId, t.status),
    index('panels_patient').on(t.patientId),
    index('panels_deadline').on(t.status, t.deadlineAt),
  ],
);

/** Every move of a panel's status: who, when and why (the first row, from null, is the creation). */
export const panelTransitions = pgTable(
  'panel_transitions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    panelId: uuid('panel_id').notNull().references(() => panels.id),
    /** 1, 2, … per panel: the order of the moves (written under the panel's row lock). */
    seq: integer('seq').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status', { enum: panelStatuses }),
    toStatus: text('to_status', { enum: panelStatuses }).notNull(),
    by: uuid('by').notNull().references(() => people.id),
    at: instant('at').notNull(),
    reason: text('reason'),
    /** Closing with fewer than two expert contributions: the lead acknowledged it (with the reason). */
    fewContributionsAcknowledged: boolean('few_contributions_acknowledged').notNull().default(false),
  },
  (t) => [unique('panel_transitions_seq').on(t.panelId, t.seq), check('panel_transitions_seq_positive', sql`${t.seq} >= 1`)],
);

/**
 * A person's role on a panel and the state of their invitation. A guest's row counts only while their
 * guest account (a guestExpert affiliation in the panel's ERN) is valid.
 */
export const panelMembers = pgTable(
  'panel_members',
  {
    panelId: uuid('panel_id').notNull().references(() => panels.id),
    personId: uuid('person_id').notNull().references(() => people.id),
    role: text('role', { enum: panelRoles }).notNull(),
    status: text('status', { enum: panelMemberStatuses }).notNull(),
    invitedBy: uuid('invited_by').notNull().references(() => people.id),
    invitedAt: instant('invited_at').notNull(),
    /** The saved expert group the invitation came through, if any (kept as a plain id: groups can be deleted). */
    viaExpertGroupId: uuid('via_expert_group_id'),
    /** A guest invited by e-mail: the guest-account request the coordinator decides. */
    accessRequestId: uuid('access_request_id').references(() => accessRequests.id),
    respondedAt: instant('responded_at'),
    declineReason: text('decline_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.panelId, t.personId] }),
    check('panel_members_role', inList('role', panelRoles)),
    check('panel_members_status', inList('status', panelMemberStatuses)),
    check('panel_members_decline', sql`${t.status} <> 'declined' or ${t.declineReason} is not null`),
    uniqueIndex('panel_members_one_lead').on(t.panelId).where(sql`role = 'lead'`),
    index('panel_members_person').on(t.personId),
  ],
);

/**
 * What of the record a panel may see: sections of one pinned record version and chosen attachments.
 * Never updated: sharing a later version is a new row (seq + 1), so what was shared when stays known.
 */
export const panelShares = pgTable(
  'panel_shares',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    panelId: uuid('panel_id').notNull().references(() => panels.id),
    seq: integer('seq').notNull(),
    patientId: uuid('patient_id').notNull(),
    recordVersion: integer('record_version').notNull(),
    sections: text('sections').array().notNull(),
    sharedBy: uuid('shared_by').notNull().references(() => people.id),
    sharedAt: instant('shared_at').notNull(),
  },
  (t) => [
    unique('panel_shares_seq').on(t.panelId, t.seq),
    foreignKey({ name: 'panel_shares_record_version', columns: [t.patientId, t.recordVersion], foreignColumns: [recordVersions.patientId, recordVersions.version] }),
    check('panel_shares_seq_positive', sql`${t.seq} >= 1`),
  ],
);

/** The attachments one share gives the panel, with a label the sharer chose (file names stay with the hospital). */
export const panelShareAttachments = pgTable(
  'panel_share_attachments',
  {
    shareId: uuid('share_id').notNull().references(() => panelShares.id),
    attachmentId: uuid('attachment_id').notNull().references(() => attachments.id),
    label: text('label').notNull(),
  },
  (t) => [primaryKey({ columns: [t.shareId, t.attachmentId] })],
);

/** An expert's structured opinion, one per member and panel; editable by its author until outcome drafting. */
export const panelContributions = pgTable(
  'panel_contributions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    panelId: uuid('panel_id').notNull().references(() => panels.id),
    authorId: uuid('author_id').notNull().references(() => people.id),
    assessment: text('assessment').notNull(),
    /** [{ code, label }]: ORPHA, ICD-10, OMIM (or MONDO) codes, syntax-checked. */
    suggestedDiagnoses: jsonb('suggested_diagnoses').$type<{ code: string; label: string }[]>().notNull(),
    suggestedInvestigations: text('suggested_investigations').notNull(),
    freeText: text('free_text').notNull(),
    version: integer('version').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [unique('panel_contributions_author').on(t.panelId, t.authorId), check('panel_contributions_version', sql`${t.version} >= 1`)],
);

/** Saved expert groups of an ERN, invited in one go; coordinators of the ERN and their creators manage them. */
export const expertGroups = pgTable(
  'expert_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ernId: uuid('ern_id').notNull().references(() => erns.id),
    name: text('name').notNull(),
    description: text('description'),
    createdBy: uuid('created_by').notNull().references(() => people.id),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    deletedAt: instant('deleted_at'),
  },
  (t) => [index('expert_groups_ern').on(t.ernId)],
);

export const expertGroupMembers = pgTable(
  'expert_group_members',
  {
    groupId: uuid('group_id').notNull().references(() => expertGroups.id),
    personId: uuid('person_id').notNull().references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.personId] })],
);

/** The overdue reminders sent: at most one per panel and day, whichever node's timer runs first. */
export const panelReminders = pgTable(
  'panel_reminders',
  {
    panelId: uuid('panel_id').notNull().references(() => panels.id),
    day: date('day', { mode: 'string' }).notNull(),
    recipientId: uuid('recipient_id').notNull().references(() => people.id),
    sentAt: instant('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.panelId, t.day] })],
);
