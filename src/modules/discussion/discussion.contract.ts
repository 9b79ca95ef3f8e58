import { z } from 'zod';
import { notificationKinds } from '../../db/schema/discussion.ts';
import { NewShare, PanelRole, PanelStatus, PersonRef } from '../panels/panels.contract.ts';

const unique = (ids: string[]) => new Set(ids).size === ids.length;
const Body = z.string().trim().min(1, 'write a message').max(10_000);
const Mentions = z.array(z.uuid()).max(20).refine(unique, 'mention each person once').default([]);

// --- messages -------------------------------------------------------------------------------------

/** A new message: a thread of its own, or a reply to one message (parentId); files uploaded first, then posted with it. */
export const NewMessage = z.object({
  body: Body,
  parentId: z.uuid().nullable().default(null),
  /** Person ids of the panel's members (the web app turns "@Name" into them); anyone else: 422. */
  mentions: Mentions,
  /** Discussion files the author uploaded to this panel and has not posted yet. */
  fileIds: z.array(z.uuid()).max(5).refine(unique, 'name each file once').default([]),
});
export type NewMessage = z.infer<typeof NewMessage>;

/** Editing one's own message: the text and its mentions (files stay as posted). */
export const MessageEdit = z.object({ body: Body, mentions: Mentions });
export type MessageEdit = z.infer<typeof MessageEdit>;

/** Threads, newest page first: `before` is the oldest thread of the page already shown (its nextBefore). */
export const MessagesQuery = z.object({ before: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(50).default(20) });

export const DiscussionFileView = z.object({
  id: z.string(),
  /** As the uploader named it (sanitised); null once the patient's data key is erased. */
  fileName: z.string().nullable(),
  mediaType: z.string(),
  size: z.number().int(),
  uploadedAt: z.string(),
  uploadedBy: PersonRef,
});
export type DiscussionFileView = z.infer<typeof DiscussionFileView>;

export const MessageView = z.object({
  id: z.string(),
  /** The message this one answers (its thread is the root's); null for a thread's first message. */
  parentId: z.string().nullable(),
  /** Role on the panel; null for a coordinator of the owning network who is not a member. */
  author: PersonRef.extend({ role: PanelRole.nullable() }),
  /** Empty once deleted. */
  body: z.string(),
  mentions: z.array(PersonRef),
  files: z.array(DiscussionFileView),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deletedAt: z.string().nullable(),
  /** Written by the caller (who may edit or delete it while the discussion is open). */
  mine: z.boolean(),
});
export type MessageView = z.infer<typeof MessageView>;

export const ThreadView = z.object({ root: MessageView, replies: z.array(MessageView) });
export type ThreadView = z.infer<typeof ThreadView>;

export const MessagePage = z.object({
  /** Oldest first within the page. */
  threads: z.array(ThreadView),
  /** Ask with before=<this> for the older threads; null when there are none. */
  nextBefore: z.string().nullable(),
  /** The caller may post, reply, edit and delete their own now. */
  canPost: z.boolean(),
  /** The caller may open the discussion's files (members; coordinators see that they exist). */
  canOpenFiles: z.boolean(),
});
export type MessagePage = z.infer<typeof MessagePage>;

// --- information requests -------------------------------------------------------------------------

export const NewInfoRequest = z.object({ question: z.string().trim().min(10, 'ask a question the enrolling clinician can answer').max(5000) });
export type NewInfoRequest = z.infer<typeof NewInfoRequest>;

/** The answer; with `share`, a newer record version (or more of it) is shared with the panel in the same step. */
export const InfoRequestAnswer = z.object({ answer: z.string().trim().min(1, 'write the answer').max(10_000), share: NewShare.optional() });
export type InfoRequestAnswer = z.infer<typeof InfoRequestAnswer>;

export const InfoRequestView = z.object({
  id: z.string(),
  panelId: z.string(),
  question: z.string(),
  askedBy: PersonRef,
  askedAt: z.string(),
  answer: z.string().nullable(),
  answeredBy: PersonRef.nullable(),
  answeredAt: z.string().nullable(),
  /** The share that came with the answer. */
  answerShareSeq: z.int().nullable(),
  open: z.boolean(),
});
export type InfoRequestView = z.infer<typeof InfoRequestView>;

export const PanelInfoRequests = z.object({
  infoRequests: z.array(InfoRequestView),
  /** A member may ask now. */
  canAsk: z.boolean(),
  /** The caller works for the enrolling hospital and may answer. */
  canAnswer: z.boolean(),
  /** …and may share a record version with the answer (the lead or requester, a health professional there). */
  canShareWithAnswer: z.boolean(),
});
export type PanelInfoRequests = z.infer<typeof PanelInfoRequests>;

export const InfoRequestsQuery = z.object({ open: z.enum(['true', 'false']).optional() });

/** An information request as the enrolling hospital's staff see it, whether or not they are on the panel. */
export const HospitalInfoRequest = InfoRequestView.extend({
  panel: z.object({ id: z.string(), title: z.string(), status: PanelStatus }),
  patient: z.object({ id: z.string(), patientCode: z.string() }),
  canShareWithAnswer: z.boolean(),
});
export type HospitalInfoRequest = z.infer<typeof HospitalInfoRequest>;
export const HospitalInfoRequestList = z.object({ infoRequests: z.array(HospitalInfoRequest) });
export type HospitalInfoRequestList = z.infer<typeof HospitalInfoRequestList>;

// --- timeline -------------------------------------------------------------------------------------

const At = { at: z.string(), actor: PersonRef.nullable() };

/** What happened on the panel, in time order, merged from what each part of the panel stores (ids and facts, no clinical text). */
export const TimelineEntry = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('transition'), ...At, action: z.string(), from: PanelStatus.nullable(), to: PanelStatus, reason: z.string().nullable() }),
  z.object({ kind: z.literal('share'), ...At, seq: z.int(), recordVersion: z.int() }),
  z.object({ kind: z.literal('invitation'), ...At, person: PersonRef, role: PanelRole }),
  z.object({ kind: z.literal('invitationAnswered'), ...At, accepted: z.boolean(), role: PanelRole }),
  z.object({ kind: z.literal('contribution'), ...At, version: z.int() }),
  z.object({ kind: z.literal('message'), ...At, messageId: z.string(), reply: z.boolean(), deleted: z.boolean() }),
  z.object({ kind: z.literal('infoRequest'), ...At, infoRequestId: z.string() }),
  z.object({ kind: z.literal('infoAnswer'), ...At, infoRequestId: z.string(), shareSeq: z.int().nullable() }),
]);
export type TimelineEntry = z.infer<typeof TimelineEntry>;
export const PanelTimeline = z.object({ entries: z.array(TimelineEntry) });
export type PanelTimeline = z.infer<typeof PanelTimeline>;

// --- notifications --------------------------------------------------------------------------------

export const NotificationKind = z.enum(notificationKinds);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** An inbox item: what happened and where, never what was said; the app opens the target through its own routes. */
export const NotificationView = z.object({
  id: z.string(),
  kind: NotificationKind,
  panelId: z.string().nullable(),
  meetingId: z.string().nullable(),
  subjectId: z.string().nullable(),
  actor: PersonRef.nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const NotificationsQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  before: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export const NotificationList = z.object({ notifications: z.array(NotificationView), unread: z.int(), nextBefore: z.string().nullable() });
export type NotificationList = z.infer<typeof NotificationList>;
export const UnreadCount = z.object({ unread: z.int() });
export type UnreadCount = z.infer<typeof UnreadCount>;
