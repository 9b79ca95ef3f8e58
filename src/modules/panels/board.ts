import { and, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { ernsWhere, type Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/database.ts';
import { diseaseGroups, erns, panelContributions, panelMembers, panels, patients } from '../../db/schema/index.ts';
import { hospitalPartition } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { panelStatuses } from './panel-lifecycle.contract.ts';
import { membershipCounts } from './panel-scope.ts';
import type { PanelBoard, PanelCard, TriageQueue } from './panels.contract.ts';
import { isOverdue } from './read-panel.ts';

const LIMIT = 500;

type CardRow = Awaited<ReturnType<typeof selectCards>>[number];

function selectCards(db: Db, where: SQL | undefined) {
  return db
    .select({ panel: panels, ernName: erns.name, groupName: diseaseGroups.name, patientCode: patients.patientCode, patientHospitalId: patients.hospitalId })
    .from(panels)
    .innerJoin(erns, eq(erns.id, panels.ernId))
    .innerJoin(patients, eq(patients.id, panels.patientId))
    .leftJoin(diseaseGroups, eq(diseaseGroups.id, panels.diseaseGroupId))
    .where(where)
    .orderBy(desc(panels.updatedAt))
    .limit(LIMIT);
}

async function contributionCounts(db: Db, panelIds: string[]): Promise<Map<string, number>> {
  if (panelIds.length === 0) return new Map();
  const rows = await db.select({ panelId: panelContributions.panelId, n: count() }).from(panelContributions).where(inArray(panelContributions.panelId, panelIds)).groupBy(panelContributions.panelId);
  return new Map(rows.map((r) => [r.panelId, r.n]));
}

const toCard = (row: CardRow, myRole: PanelCard['myRole'], counts: Map<string, number>, now: Date): PanelCard => ({
  id: row.panel.id,
  title: row.panel.title,
  type: row.panel.type,
  urgency: row.panel.urgency,
  status: row.panel.status,
  ern: { id: row.panel.ernId, name: row.ernName },
  diseaseGroup: row.panel.diseaseGroupId && row.groupName ? { id: row.panel.diseaseGroupId, name: row.groupName } : null,
  patientCode: row.patientCode,
  myRole,
  deadlineAt: row.panel.deadlineAt,
  overdue: isOverdue(row.panel, now),
  updatedAt: row.panel.updatedAt,
  contributionCount: counts.get(row.panel.id) ?? 0,
});

const byStage = (cards: PanelCard[]) => panelStatuses.map((status) => ({ status, panels: cards.filter((c) => c.status === status) }));

/** A list read names the patients it showed (by platform id): one audit event per enrolling hospital. */
async function auditList(deps: AppDeps, actor: Actor, rows: CardRow[], clientAddress: string): Promise<void> {
  if (rows.length === 0) return;
  await deps.db.transaction(async (tx) => {
    for (const [hospitalId, group] of Map.groupBy(rows, (r) => r.patientHospitalId)) {
      await recordAudit(tx, deps.clock, { partition: hospitalPartition(hospitalId), actorId: actor.personId, action: 'panel.listed', targetType: 'panelList', patientIds: group.map((r) => r.panel.patientId), clientAddress, details: { panelIds: group.map((r) => r.panel.id) } });
    }
  });
}

/** My panels by stage (as lead, member or guest), my open invitations, and, for coordinators, their ERNs' panels by stage. */
export async function panelBoard(deps: AppDeps, actor: Actor, clientAddress: string): Promise<PanelBoard> {
  const now = deps.clock.now();
  const memberRows = await deps.db
    .select({ panelId: panelMembers.panelId, role: panelMembers.role, status: panelMembers.status })
    .from(panelMembers)
    .where(and(eq(panelMembers.personId, actor.personId), inArray(panelMembers.status, ['invited', 'accepted'])));
  const mineRows = memberRows.length ? await selectCards(deps.db, inArray(panels.id, memberRows.map((m) => m.panelId))) : [];
  const coordinated = ernsWhere(actor, 'coordinator');
  const coordinatedRows = coordinated.length ? await selectCards(deps.db, inArray(panels.ernId, coordinated)) : [];
  const counts = await contributionCounts(deps.db, [...new Set([...mineRows, ...coordinatedRows].map((r) => r.panel.id))]);
  const mine: PanelCard[] = [];
  const invitations: PanelCard[] = [];
  const shown: CardRow[] = [...coordinatedRows];
  for (const row of mineRows) {
    const member = memberRows.find((m) => m.panelId === row.panel.id)!;
    if (!membershipCounts(actor, row.panel, member.role)) continue;
    shown.push(row);
    if (member.status === 'accepted') mine.push(toCard(row, member.role, counts, now));
    else invitations.push(toCard(row, 'invited', counts, now));
  }
  await auditList(deps, actor, [...new Map(shown.map((r) => [r.panel.id, r])).values()], clientAddress);
  return { mine: byStage(mine), invitations, coordinated: byStage(coordinatedRows.map((r) => toCard(r, 'coordinator', counts, now))) };
}

/** Requests awaiting triage in the ERNs the actor coordinates, the nearest deadline first. */
export async function triageQueue(deps: AppDeps, actor: Actor, clientAddress: string): Promise<TriageQueue> {
  const now = deps.clock.now();
  const coordinated = ernsWhere(actor, 'coordinator');
  const rows = coordinated.length ? await selectCards(deps.db, and(inArray(panels.ernId, coordinated), eq(panels.status, 'submitted'))) : [];
  rows.sort((a, b) => (a.panel.deadlineAt ?? '').localeCompare(b.panel.deadlineAt ?? ''));
  const counts = await contributionCounts(deps.db, rows.map((r) => r.panel.id));
  await auditList(deps, actor, rows, clientAddress);
  return { panels: rows.map((r) => toCard(r, 'coordinator', counts, now)) };
}
