import { and, asc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import { ernsWhere, isUuid, type Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db, Tx } from '../../db/database.ts';
import { expertGroupMembers, expertGroups, panelMembers, panels, people } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import { ernPartition } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ExpertGroupInput, ExpertGroupUpdate, ExpertGroupView } from './panels.contract.ts';

type GroupRow = typeof expertGroups.$inferSelect;

/** ERNs in which the actor leads a panel: panel leads save and use their ERN's groups. */
export async function ernsLedBy(db: Db | Tx, actor: Actor): Promise<string[]> {
  const rows = await db
    .selectDistinct({ ernId: panels.ernId })
    .from(panelMembers)
    .innerJoin(panels, eq(panels.id, panelMembers.panelId))
    .where(and(eq(panelMembers.personId, actor.personId), eq(panelMembers.role, 'lead'), eq(panelMembers.status, 'accepted')));
  return rows.map((r) => r.ernId);
}

/** The ERNs whose groups the actor works with: those they coordinate and those they lead panels in. */
export async function groupErns(db: Db | Tx, actor: Actor): Promise<string[]> {
  return [...new Set([...ernsWhere(actor, 'coordinator'), ...(await ernsLedBy(db, actor))])];
}

/** The one scope of expert groups: the ERNs above, and the groups the actor made. */
async function groupScope(db: Db | Tx, actor: Actor): Promise<SQL> {
  const ernIds = await groupErns(db, actor);
  return and(isNull(expertGroups.deletedAt), or(eq(expertGroups.createdBy, actor.personId), ernIds.length ? inArray(expertGroups.ernId, ernIds) : undefined))!;
}

export const canManageGroup = (actor: Actor, group: Pick<GroupRow, 'ernId' | 'createdBy'>) => group.createdBy === actor.personId || ernsWhere(actor, 'coordinator').includes(group.ernId);

export async function findGroup(db: Db | Tx, actor: Actor, id: string): Promise<GroupRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(expertGroups).where(and(eq(expertGroups.id, id), await groupScope(db, actor)));
  return row;
}

export async function listGroups(db: Db, actor: Actor, ernId: string | undefined): Promise<ExpertGroupView[]> {
  const rows = await db
    .select({ g: expertGroups, creatorName: people.displayName })
    .from(expertGroups)
    .innerJoin(people, eq(people.id, expertGroups.createdBy))
    .where(and(await groupScope(db, actor), ernId ? eq(expertGroups.ernId, ernId) : undefined))
    .orderBy(asc(expertGroups.name))
    .limit(500);
  const members = rows.length
    ? await db
        .select({ groupId: expertGroupMembers.groupId, personId: people.id, displayName: people.displayName })
        .from(expertGroupMembers)
        .innerJoin(people, eq(people.id, expertGroupMembers.personId))
        .where(inArray(expertGroupMembers.groupId, rows.map((r) => r.g.id)))
        .orderBy(asc(people.displayName))
    : [];
  return rows.map(({ g, creatorName }) => ({
    id: g.id,
    ernId: g.ernId,
    name: g.name,
    description: g.description,
    createdBy: { personId: g.createdBy, displayName: creatorName },
    members: members.filter((m) => m.groupId === g.id).map(({ personId, displayName }) => ({ personId, displayName })),
    canManage: canManageGroup(actor, g),
    updatedAt: g.updatedAt,
  }));
}

async function setMembers(tx: Tx, groupId: string, memberIds: string[]): Promise<void> {
  if (memberIds.length) {
    const found = await tx.select({ id: people.id }).from(people).where(and(inArray(people.id, memberIds), isNull(people.deactivatedAt)));
    const missing = memberIds.filter((id) => !found.some((f) => f.id === id));
    if (missing.length) throw new AppError('unprocessable', 'Some of these people do not exist or are deactivated.', missing.map((id) => ({ path: 'body.memberIds', message: `no such person ${id}` })));
  }
  await tx.delete(expertGroupMembers).where(eq(expertGroupMembers.groupId, groupId));
  if (memberIds.length) await tx.insert(expertGroupMembers).values(memberIds.map((personId) => ({ groupId, personId })));
}

export async function createGroup(deps: AppDeps, actor: Actor, input: ExpertGroupInput, clientAddress: string): Promise<string> {
  const now = deps.clock.now().toISOString();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.insert(expertGroups).values({ ernId: input.ernId, name: input.name, description: input.description, createdBy: actor.personId, createdAt: now, updatedAt: now }).returning({ id: expertGroups.id });
    await setMembers(tx, row!.id, input.memberIds);
    await recordAudit(tx, deps.clock, { partition: ernPartition(input.ernId), actorId: actor.personId, action: 'expertGroup.saved', targetType: 'expertGroup', targetId: row!.id, clientAddress, details: { memberIds: input.memberIds } });
    return row!.id;
  });
}

export async function updateGroup(deps: AppDeps, actor: Actor, group: GroupRow, input: ExpertGroupUpdate, clientAddress: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.update(expertGroups).set({ name: input.name, description: input.description, updatedAt: deps.clock.now().toISOString() }).where(eq(expertGroups.id, group.id));
    await setMembers(tx, group.id, input.memberIds);
    await recordAudit(tx, deps.clock, { partition: ernPartition(group.ernId), actorId: actor.personId, action: 'expertGroup.saved', targetType: 'expertGroup', targetId: group.id, clientAddress, details: { memberIds: input.memberIds } });
  });
}

/** Soft: invitations that came through the group keep its id. */
export async function deleteGroup(deps: AppDeps, actor: Actor, group: GroupRow, clientAddress: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.update(expertGroups).set({ deletedAt: deps.clock.now().toISOString() }).where(eq(expertGroups.id, group.id));
    await recordAudit(tx, deps.clock, { partition: ernPartition(group.ernId), actorId: actor.personId, action: 'expertGroup.deleted', targetType: 'expertGroup', targetId: group.id, clientAddress });
  });
}
