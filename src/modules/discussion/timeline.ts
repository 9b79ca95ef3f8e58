import { eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Tx } from '../../db/database.ts';
import { infoRequests, panelContributions, panelMembers, panelMessages, panelShares, panelTransitions, people } from '../../db/schema/index.ts';
import { auditPanel, audited } from '../panels/panel-audit.ts';
import type { ScopedPanel } from '../panels/panel-scope.ts';
import type { PanelTimeline, TimelineEntry } from './discussion.contract.ts';

/** The newest entries shown; a panel's whole life fits in this many for all but the longest discussions. */
const MAX_ENTRIES = 500;

async function namesOf(tx: Tx, personIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return new Map();
  return new Map((await tx.select({ id: people.id, displayName: people.displayName }).from(people).where(inArray(people.id, ids))).map((p) => [p.id, p.displayName]));
}

/**
 * The panel's activity, merged in time order from the tables each part of the panel keeps (read-only):
 * transitions, shares, invitations and their answers, contributions, messages, information requests and
 * answers. Ids, names and facts only — what was said is read where it was said. An audited read.
 */
export async function panelTimeline(deps: AppDeps, actor: Actor, scoped: ScopedPanel, clientAddress: string): Promise<PanelTimeline> {
  const panelId = scoped.panel.id;
  return deps.db.transaction(async (tx) => {
    const [transitions, shares, members, contributions, messages, requests] = [
      await tx.select().from(panelTransitions).where(eq(panelTransitions.panelId, panelId)),
      await tx.select({ seq: panelShares.seq, recordVersion: panelShares.recordVersion, sharedBy: panelShares.sharedBy, sharedAt: panelShares.sharedAt }).from(panelShares).where(eq(panelShares.panelId, panelId)),
      await tx.select().from(panelMembers).where(eq(panelMembers.panelId, panelId)),
      await tx.select({ authorId: panelContributions.authorId, version: panelContributions.version, createdAt: panelContributions.createdAt, updatedAt: panelContributions.updatedAt }).from(panelContributions).where(eq(panelContributions.panelId, panelId)),
      await tx.select({ id: panelMessages.id, authorId: panelMessages.authorId, parentId: panelMessages.parentId, createdAt: panelMessages.createdAt, deletedAt: panelMessages.deletedAt }).from(panelMessages).where(eq(panelMessages.panelId, panelId)),
      await tx.select({ id: infoRequests.id, askedBy: infoRequests.askedBy, askedAt: infoRequests.askedAt, answeredBy: infoRequests.answeredBy, answeredAt: infoRequests.answeredAt, answerShareSeq: infoRequests.answerShareSeq }).from(infoRequests).where(eq(infoRequests.panelId, panelId)),
    ];
    const names = await namesOf(tx, [
      ...transitions.map((t) => t.by),
      ...shares.map((s) => s.sharedBy),
      ...members.flatMap((m) => [m.invitedBy, m.personId]),
      ...contributions.map((c) => c.authorId),
      ...messages.map((m) => m.authorId),
      ...requests.flatMap((r) => (r.answeredBy ? [r.askedBy, r.answeredBy] : [r.askedBy])),
    ]);
    const ref = (personId: string) => ({ personId, displayName: names.get(personId) ?? '' });
    // The lead's own row is the request itself (its creation is the first transition), not an invitation.
    const invitations = members.filter((m) => m.invitedBy !== m.personId);
    const entries: TimelineEntry[] = [
      ...transitions.map((t): TimelineEntry => ({ kind: 'transition', at: t.at, actor: ref(t.by), action: t.action, from: t.fromStatus, to: t.toStatus, reason: t.reason })),
      ...shares.map((s): TimelineEntry => ({ kind: 'share', at: s.sharedAt, actor: ref(s.sharedBy), seq: s.seq, recordVersion: s.recordVersion })),
      ...invitations.map((m): TimelineEntry => ({ kind: 'invitation', at: m.invitedAt, actor: ref(m.invitedBy), person: ref(m.personId), role: m.role })),
      ...invitations.flatMap((m): TimelineEntry[] => (m.respondedAt && m.status !== 'invited' ? [{ kind: 'invitationAnswered', at: m.respondedAt, actor: ref(m.personId), accepted: m.status === 'accepted', role: m.role }] : [])),
      ...contributions.map((c): TimelineEntry => ({ kind: 'contribution', at: c.updatedAt, actor: ref(c.authorId), version: c.version })),
      ...messages.map((m): TimelineEntry => ({ kind: 'message', at: m.createdAt, actor: ref(m.authorId), messageId: m.id, reply: m.parentId !== null, deleted: m.deletedAt !== null })),
      ...requests.map((r): TimelineEntry => ({ kind: 'infoRequest', at: r.askedAt, actor: ref(r.askedBy), infoRequestId: r.id })),
      ...requests.flatMap((r): TimelineEntry[] => (r.answeredAt && r.answeredBy ? [{ kind: 'infoAnswer', at: r.answeredAt, actor: ref(r.answeredBy), infoRequestId: r.id, shareSeq: r.answerShareSeq }] : [])),
    ];
    // Instants from both drivers compare as instants, not as text.
    entries.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
    const shown = entries.slice(-MAX_ENTRIES);
    await auditPanel(tx, deps.clock, audited(scoped), { actorId: actor.personId, action: 'discussion.timelineViewed', clientAddress, details: { entries: shown.length } });
    return { entries: shown };
  });
}
