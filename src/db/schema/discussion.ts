import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from './identity.ts';
import { meetings } from './meetings.ts';
import { panels } from './panels.ts';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/**
 * A post in a panel's threaded discussion. A reply names the message it answers (its thread is the root's).
 * Mentions are person ids of the panel's members. Editing keeps the message's id; deletion is soft (the body is
 * emptied, the fact that something was said stays in the timeline).
 */
export const panelMessages = pgTable(
  'panel_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    panelId: uuid('panel_id').notNull().references(() => panels.id),
    authorId: uuid('author_id').notNull().references(() => people.id),
    /** The message this one answers; null for a new thread. */
    parentId: uuid('parent_id'),
    body: text('body').notNull(),
    mentions: uuid('mentions').array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: instant('created_at').notNull(),
    editedAt: instant('edited_at'),
    deletedAt: instant('deleted_at'),
  },
  (t) => [index('panel_messages_panel').on(t.panelId, t.createdAt), index('panel_messages_parent').on(t.parentId)],
);

/**
 * A file posted in a panel's discussion by any member (not only the enrolling hospital): stored encrypted in
 * the blob store under its own data key; the name is sealed like an attachment's, as it may identify.
 */
export const panelFiles = pgTable(
  'panel_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    panelId: uuid('panel_id').notNull().references(() => panels.id),
    /** The message it was posted with (null while uploaded and not yet posted). */
    messageId: uuid('message_id').references(() => panelMessages.id),
    sealedFileName: text('sealed_file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    blobKey: text('blob_key').notNull().unique(),
    wrappedKey: text('wrapped_key').notNull(),
    uploadedBy: uuid('uploaded_by').notNull().references(() => people.id),
    uploadedAt: instant('uploaded_at').notNull(),
    deletedAt: instant('deleted_at'),
  },
  (t) => [index('panel_files_panel').on(t.panelId), check('panel_files_sha256', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`)],
);

/**
 * A question from the panel to the enrolling clinician (the enrolling hospital's staff answer), open until
 * answered. An answer may come with a new share of the record (the share's seq).
 */
export const infoRequests = pgTable(
  'info_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    panelId: uuid('panel_id').notNull().references(() => panels.id),
    askedBy: uuid('asked_by').notNull().references(() => people.id),
    question: text('question').notNull(),
    askedAt: instant('asked_at').notNull(),
    answer: text('answer'),
    answeredBy: uuid('answered_by').references(() => people.id),
    answeredAt: instant('answered_at'),
    /** The share (panel_shares.seq) that came with the answer, if the record was shared again. */
    answerShareSeq: bigint('answer_share_seq', { mode: 'number' }),
  },
  (t) => [
    index('info_requests_panel').on(t.panelId, t.askedAt),
    check('info_requests_answer', sql`(${t.answer} is null) = (${t.answeredAt} is null) and (${t.answeredAt} is null) = (${t.answeredBy} is null)`),
  ],
);

export const notificationKinds = [
  'panelInvitation',
  'panelMessage',
  'mention',
  'infoRequest',
  'infoAnswered',
  'panelTransition',
  'outcomeApprovalRequested',
  'outcomeSigned',
  'meetingInvitation',
  'meetingChanged',
  'contributionPosted',
  'referralUpdate',
] as const;

/**
 * An in-app notification in a person's inbox (real-time stream `inbox:<personId>`). It points at what happened
 * (a panel, a meeting, a message) and says nothing clinical itself; the app fetches the target through the
 * usual authorized routes.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull().references(() => people.id),
    kind: text('kind', { enum: notificationKinds }).notNull(),
    panelId: uuid('panel_id').references(() => panels.id),
    meetingId: uuid('meeting_id').references(() => meetings.id),
    /** The message, info request or report version it is about. */
    subjectId: uuid('subject_id'),
    actorId: uuid('actor_id').references(() => people.id),
    createdAt: instant('created_at').notNull(),
    readAt: instant('read_at'),
  },
  (t) => [index('notifications_person').on(t.personId, t.createdAt), check('notifications_kind', sql.raw(`kind in (${notificationKinds.map((k) => `'${k}'`).join(', ')})`))],
);
