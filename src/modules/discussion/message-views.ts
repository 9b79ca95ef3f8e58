import { and, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db, Tx } from '../../db/database.ts';
import { panelMembers, panelMessages, people } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import type { Keys } from '../../platform/keys.ts';
import { auditPanel, audited } from '../panels/panel-audit.ts';
import type { ScopedPanel } from '../panels/panel-scope.ts';
import type { MessagePage, MessageView, ThreadView } from './discussion.contract.ts';
import { canPost, isMember } from './discussion-rules.ts';
import { filesOfMessages } from './discussion-files.ts';

export type MessageRow = typeof panelMessages.$inferSelect;

/** Replies nest at most this deep in practice; the walk stops there whatever the data says. */
const MAX_DEPTH = 50;

/** The messages as views: authors with their panel role, mentions by name, the files posted with them. */
export async function messageViews(db: Db | Tx, keys: Keys, scoped: ScopedPanel, rows: MessageRow[], actorId: string): Promise<Map<string, MessageView>> {
  if (rows.length === 0) return new Map();
  const personIds = [...new Set(rows.flatMap((r) => [r.authorId, ...r.mentions]))];
  const names = new Map((await db.select({ id: people.id, displayName: people.displayName }).from(people).where(inArray(people.id, personIds))).map((p) => [p.id, p.displayName]));
  const roles = new Map(
    (await db.select({ personId: panelMembers.personId, role: panelMembers.role }).from(panelMembers).where(and(eq(panelMembers.panelId, scoped.panel.id), inArray(panelMembers.personId, personIds)))).map((m) => [m.personId, m.role]),
  );
  const files = await filesOfMessages(db, keys, scoped.panel.patientId, rows.map((r) => r.id));
  const ref = (personId: string) => ({ personId, displayName: names.get(personId) ?? '' });
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        parentId: r.parentId,
        author: { ...ref(r.authorId), role: roles.get(r.authorId) ?? null },
        body: r.deletedAt ? '' : r.body,
        mentions: r.mentions.map(ref),
        files: files.get(r.id) ?? [],
        createdAt: r.createdAt,
        editedAt: r.editedAt,
        deletedAt: r.deletedAt,
        mine: r.authorId === actorId,
      },
    ]),
  );
}

export async function messageView(db: Db | Tx, keys: Keys, scoped: ScopedPanel, id: string, actorId: string): Promise<MessageView> {
  const [row] = await db.select().from(panelMessages).where(eq(panelMessages.id, id));
  return (await messageViews(db, keys, scoped, [row!], actorId)).get(id)!;
}

/** Every reply below the roots, level by level, with the root each belongs to. */
async function repliesBelow(db: Db | Tx, panelId: string, rootIds: string[]): Promise<{ row: MessageRow; rootId: string }[]> {
  const found: { row: MessageRow; rootId: string }[] = [];
  let level = new Map(rootIds.map((id) => [id, id]));
  for (let depth = 0; level.size > 0 && depth < MAX_DEPTH; depth += 1) {
    const rows = await db
      .select()
      .from(panelMessages)
      .where(and(eq(panelMessages.panelId, panelId), inArray(panelMessages.parentId, [...level.keys()])));
    const next = new Map<string, string>();
    for (const row of rows) {
      const rootId = level.get(row.parentId!)!;
      found.push({ row, rootId });
      next.set(row.id, rootId);
    }
    level = next;
  }
  return found;
}

const byTime = (a: MessageRow, b: MessageRow) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/**
 * One page of the panel's threads, newest threads first from the database, shown oldest first; each thread
 * with all its replies in time order. An audited read: the messages speak about the patient.
 */
export async function listMessages(deps: AppDeps, actor: Actor, scoped: ScopedPanel, query: { before?: string | undefined; limit: number }, clientAddress: string): Promise<MessagePage> {
  const panelId = scoped.panel.id;
  return deps.db.transaction(async (tx) => {
    let cursor: SQL | undefined;
    if (query.before !== undefined) {
      const [anchor] = await tx.select({ id: panelMessages.id }).from(panelMessages).where(and(eq(panelMessages.id, query.before), eq(panelMessages.panelId, panelId), isNull(panelMessages.parentId)));
      if (!anchor) throw new AppError('badRequest', 'Ask for older threads with the nextBefore of the page you have.', [{ path: 'query.before', message: 'not a thread of this panel' }]);
      cursor = sql`(${panelMessages.createdAt}, ${panelMessages.id}) < (select m.created_at, m.id from panel_messages m where m.id = ${query.before})`;
    }
    const roots = await tx
      .select()
      .from(panelMessages)
      .where(and(eq(panelMessages.panelId, panelId), isNull(panelMessages.parentId), cursor))
      .orderBy(desc(panelMessages.createdAt), desc(panelMessages.id))
      .limit(query.limit + 1);
    const more = roots.length > query.limit;
    const shown = roots.slice(0, query.limit).reverse();
    const replies = await repliesBelow(tx, panelId, shown.map((r) => r.id));
    const views = await messageViews(tx, deps.keys, scoped, [...shown, ...replies.map((r) => r.row)], actor.personId);
    const threads: ThreadView[] = shown.map((root) => ({
      root: views.get(root.id)!,
      replies: replies
        .filter((r) => r.rootId === root.id)
        .map((r) => r.row)
        .sort(byTime)
        .map((r) => views.get(r.id)!),
    }));
    await auditPanel(tx, deps.clock, audited(scoped), { actorId: actor.personId, action: 'discussion.messagesViewed', clientAddress, details: { threads: shown.length, messages: views.size } });
    return { threads, nextBefore: more ? (shown[0]?.id ?? null) : null, canPost: canPost(scoped), canOpenFiles: isMember(scoped) };
  });
}
