import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db, Tx } from '../../db/database.ts';
import { panelFiles, panelMembers, panelMessages } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import { lockedPanel } from '../panels/create-panel.ts';
import { auditPanel, audited } from '../panels/panel-audit.ts';
import type { ScopedPanel } from '../panels/panel-scope.ts';
import type { MessageEdit, MessageView, NewMessage } from './discussion.contract.ts';
import { canReadDiscussion, closedDiscussion, discussionRuns } from './discussion-rules.ts';
import { messageView, type MessageRow } from './message-views.ts';
import { notify } from './notify.ts';
import { publishPanelEvent } from './panel-events.ts';

/** The panel, locked for the change, with the discussion running and the actor still allowed to write in it. */
async function writablePanel(tx: Tx, actor: Actor, panelId: string): Promise<ScopedPanel> {
  const scoped = await lockedPanel(tx, actor, panelId);
  if (!canReadDiscussion(scoped)) throw new AppError('forbidden', 'Only the panel\'s members and the network\'s coordinators write in its discussion.');
  if (!discussionRuns(scoped)) throw new AppError('conflict', closedDiscussion);
  return scoped;
}

/** Mentions name the panel's members who accepted (lead, members, guests); anyone else is refused (422). */
async function checkMentions(tx: Tx, panelId: string, mentions: string[]): Promise<void> {
  if (mentions.length === 0) return;
  const members = await tx
    .select({ personId: panelMembers.personId })
    .from(panelMembers)
    .where(and(eq(panelMembers.panelId, panelId), eq(panelMembers.status, 'accepted'), inArray(panelMembers.personId, mentions)));
  const problems = mentions.filter((id) => !members.some((m) => m.personId === id)).map((id) => ({ path: 'body.mentions', message: `not a member of this panel: ${id}` }));
  if (problems.length) throw new AppError('unprocessable', 'You can mention only the panel\'s members.', problems);
}

/** A message of this panel, or undefined. */
export async function findMessage(db: Db | Tx, panelId: string, messageId: string): Promise<MessageRow | undefined> {
  const [row] = await db.select().from(panelMessages).where(and(eq(panelMessages.id, messageId), eq(panelMessages.panelId, panelId)));
  return row;
}

/**
 * Posts a message (a new thread, or a reply), with the files the author uploaded for it: one transaction
 * writes it, its audit event, the panel's real-time event and the inbox items of the people mentioned and of
 * the author of the message answered.
 */
export async function postMessage(deps: AppDeps, actor: Actor, panelId: string, input: NewMessage, clientAddress: string): Promise<MessageView> {
  return deps.db.transaction(async (tx) => {
    const scoped = await writablePanel(tx, actor, panelId);
    const parent = input.parentId === null ? undefined : await findMessage(tx, panelId, input.parentId);
    if (input.parentId !== null && !parent) throw new AppError('unprocessable', 'The message you reply to is not in this panel\'s discussion.', [{ path: 'body.parentId', message: 'no such message in this panel' }]);
    await checkMentions(tx, panelId, input.mentions);
    const files = input.fileIds.length
      ? await tx
          .select({ id: panelFiles.id })
          .from(panelFiles)
          .where(and(inArray(panelFiles.id, input.fileIds), eq(panelFiles.panelId, panelId), eq(panelFiles.uploadedBy, actor.personId), isNull(panelFiles.messageId), isNull(panelFiles.deletedAt)))
      : [];
    const missing = input.fileIds.filter((id) => !files.some((f) => f.id === id));
    if (missing.length) throw new AppError('unprocessable', 'Post only files you uploaded to this panel and have not posted yet.', missing.map((id) => ({ path: 'body.fileIds', message: `not an unposted file of yours here: ${id}` })));
    const [row] = await tx
      .insert(panelMessages)
      .values({ panelId, authorId: actor.personId, parentId: input.parentId, body: input.body, mentions: input.mentions, createdAt: deps.clock.now().toISOString() })
      .returning({ id: panelMessages.id });
    const messageId = row!.id;
    if (files.length) await tx.update(panelFiles).set({ messageId }).where(inArray(panelFiles.id, input.fileIds));
    await auditPanel(tx, deps.clock, audited(scoped), { actorId: actor.personId, action: 'discussion.messagePosted', clientAddress, targetType: 'panelMessage', targetId: messageId, details: { parentId: input.parentId, mentions: input.mentions, fileIds: input.fileIds } });
    await publishPanelEvent(tx, deps.clock, panelId, 'message.posted', { messageId, parentId: input.parentId });
    await notify(tx, deps.clock, input.mentions, { kind: 'mention', panelId, subjectId: messageId, actorId: actor.personId });
    if (parent && !input.mentions.includes(parent.authorId)) await notify(tx, deps.clock, [parent.authorId], { kind: 'panelMessage', panelId, subjectId: messageId, actorId: actor.personId });
    return messageView(tx, deps.keys, scoped, messageId, actor.personId);
  });
}

/** The author's message, locked, while it can still change. */
async function ownMessage(tx: Tx, actor: Actor, panelId: string, messageId: string): Promise<{ scoped: ScopedPanel; message: MessageRow }> {
  const scoped = await writablePanel(tx, actor, panelId);
  const [message] = await tx.select().from(panelMessages).where(and(eq(panelMessages.id, messageId), eq(panelMessages.panelId, panelId))).for('update');
  if (!message) throw new AppError('notFound', 'No such message.');
  if (message.authorId !== actor.personId) throw new AppError('forbidden', 'Only its author edits or deletes a message.');
  if (message.deletedAt) throw new AppError('conflict', 'This message was deleted.');
  return { scoped, message };
}

/** Edits the author's own message (text and mentions); people newly mentioned find it in their inbox. */
export async function editMessage(deps: AppDeps, actor: Actor, panelId: string, messageId: string, input: MessageEdit, clientAddress: string): Promise<MessageView> {
  return deps.db.transaction(async (tx) => {
    const { scoped, message } = await ownMessage(tx, actor, panelId, messageId);
    await checkMentions(tx, panelId, input.mentions);
    await tx.update(panelMessages).set({ body: input.body, mentions: input.mentions, editedAt: deps.clock.now().toISOString() }).where(eq(panelMessages.id, messageId));
    await auditPanel(tx, deps.clock, audited(scoped), { actorId: actor.personId, action: 'discussion.messageEdited', clientAddress, targetType: 'panelMessage', targetId: messageId, details: { mentions: input.mentions } });
    await publishPanelEvent(tx, deps.clock, panelId, 'message.edited', { messageId });
    await notify(tx, deps.clock, input.mentions.filter((id) => !message.mentions.includes(id)), { kind: 'mention', panelId, subjectId: messageId, actorId: actor.personId });
    return messageView(tx, deps.keys, scoped, messageId, actor.personId);
  });
}

/** Deletes the author's own message softly: the text and its files go, the fact that something was said stays. */
export async function deleteMessage(deps: AppDeps, actor: Actor, panelId: string, messageId: string, clientAddress: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const { scoped } = await ownMessage(tx, actor, panelId, messageId);
    const now = deps.clock.now().toISOString();
    await tx.update(panelMessages).set({ body: '', mentions: [], deletedAt: now }).where(eq(panelMessages.id, messageId));
    const files = await tx.update(panelFiles).set({ deletedAt: now }).where(and(eq(panelFiles.messageId, messageId), isNull(panelFiles.deletedAt))).returning({ id: panelFiles.id });
    await auditPanel(tx, deps.clock, audited(scoped), { actorId: actor.personId, action: 'discussion.messageDeleted', clientAddress, targetType: 'panelMessage', targetId: messageId, details: { fileIds: files.map((f) => f.id) } });
    await publishPanelEvent(tx, deps.clock, panelId, 'message.deleted', { messageId });
  });
}
