import { and, eq, exists, inArray, or, sql, type SQL } from 'drizzle-orm';
import { ernsWhere, hasRole, isUuid, type Actor } from '../../access/actor.ts';
import type { Db, Tx } from '../../db/database.ts';
import { panelMembers, panels, patients } from '../../db/schema/index.ts';
import type { ActorFacts } from './panel-lifecycle.contract.ts';
import type { PanelRole } from './panels.contract.ts';

export type PanelRow = typeof panels.$inferSelect;

/** Experts take part as health professionals; a guest's membership counts while their guest account in the panel's ERN is valid. */
const isExpert = (actor: Actor) => hasRole(actor, 'healthProfessional');
const guestErns = (actor: Actor) => ernsWhere(actor, 'guestExpert');

/** The member rows that count for this actor (invited or accepted), as a condition on panel_members. */
function countingMembership(actor: Actor): SQL {
  const roles: SQL[] = [];
  if (isExpert(actor)) roles.push(inArray(panelMembers.role, ['lead', 'member']));
  const guestIn = guestErns(actor);
  if (guestIn.length) roles.push(and(eq(panelMembers.role, 'guest'), inArray(panels.ernId, guestIn))!);
  if (roles.length === 0) return sql`false`;
  return and(eq(panelMembers.panelId, panels.id), eq(panelMembers.personId, actor.personId), inArray(panelMembers.status, ['invited', 'accepted']), or(...roles))!;
}

/**
 * The one place that decides which panels an actor sees: the coordinators of the owning ERN, and the
 * panel's lead, members and guests (also while invited). Nobody else — not even the enrolling
 * hospital's other staff — and a declined invitation shows nothing.
 */
export function panelScope(actor: Actor, db: Db | Tx): SQL {
  const conditions: SQL[] = [];
  const coordinated = ernsWhere(actor, 'coordinator');
  if (coordinated.length) conditions.push(inArray(panels.ernId, coordinated));
  const membership = countingMembership(actor);
  conditions.push(exists(db.select({ one: sql`1` }).from(panelMembers).where(membership)));
  return or(...conditions)!;
}

/** A panel found within the actor's scope, with how the actor relates to it. */
export interface ScopedPanel {
  panel: PanelRow;
  /** The patient's (enrolling) hospital: audit partition and sharing rights. */
  patientHospitalId: string;
  /** The actor's accepted role on the panel. */
  role: PanelRole | null;
  /** An invitation waiting for the actor's answer. */
  invitedAs: PanelRole | null;
  coordinator: boolean;
}

/** Whether a member row of this role counts for the actor now (a guest's only with a valid guest account in the panel's ERN). */
export function membershipCounts(actor: Actor, panel: Pick<PanelRow, 'ernId'>, role: PanelRole): boolean {
  return role === 'guest' ? guestErns(actor).includes(panel.ernId) : isExpert(actor);
}

/** One panel within the actor's scope, or undefined (the caller answers 404). `lock` takes the row FOR UPDATE. */
export async function findPanel(db: Db | Tx, actor: Actor, id: string, options: { lock?: boolean } = {}): Promise<ScopedPanel | undefined> {
  if (!isUuid(id)) return undefined;
  const query = db
    .select({ panel: panels, patientHospitalId: patients.hospitalId })
    .from(panels)
    .innerJoin(patients, eq(patients.id, panels.patientId))
    .where(and(eq(panels.id, id), panelScope(actor, db)));
  const [row] = options.lock ? await query.for('update', { of: panels }) : await query;
  if (!row) return undefined;
  const [member] = await db
    .select({ role: panelMembers.role, status: panelMembers.status })
    .from(panelMembers)
    .where(and(eq(panelMembers.panelId, id), eq(panelMembers.personId, actor.personId)));
  const counts = member !== undefined && membershipCounts(actor, row.panel, member.role);
  return {
    panel: row.panel,
    patientHospitalId: row.patientHospitalId,
    role: counts && member.status === 'accepted' ? member.role : null,
    invitedAs: counts && member.status === 'invited' ? member.role : null,
    coordinator: ernsWhere(actor, 'coordinator').includes(row.panel.ernId),
  };
}

export const actorFacts = (scoped: ScopedPanel): ActorFacts => ({ panelRole: scoped.role, coordinator: scoped.coordinator });

/** Lead, members and guests who accepted: they read the case and contribute. */
export const isPanelMember = (scoped: ScopedPanel) => scoped.role !== null;
