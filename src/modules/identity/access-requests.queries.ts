import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { ernsWhere, hospitalsWhere, isPlatformAdministrator, isUuid, type Actor } from '../../access/actor.ts';
import type { Db, Tx } from '../../db/database.ts';
import { accessRequests, erns, hospitals, people } from '../../db/schema/index.ts';
import type { AccessRequestView } from './onboarding.contract.ts';

/**
 * The one place that decides which access requests an actor can see: their own, those of the ERNs
 * they coordinate, those naming a hospital they represent; administrators see all.
 */
export function accessRequestScope(actor: Actor): SQL {
  if (isPlatformAdministrator(actor)) return sql`true`;
  const conditions: SQL[] = [eq(accessRequests.personId, actor.personId)];
  const coordinated = ernsWhere(actor, 'coordinator');
  if (coordinated.length) conditions.push(inArray(accessRequests.ernId, coordinated));
  const represented = hospitalsWhere(actor, 'hospitalRepresentative');
  if (represented.length) conditions.push(inArray(accessRequests.hospitalId, represented));
  return or(...conditions)!;
}

export const canConfirmEmployment = (actor: Actor, request: { hospitalId: string | null; status: string }) =>
  request.status === 'awaitingEmployment' && request.hospitalId !== null && hospitalsWhere(actor, 'hospitalRepresentative').includes(request.hospitalId);

export const canDecide = (actor: Actor, request: { ernId: string; status: string; personId: string }) =>
  request.status === 'pending' && request.personId !== actor.personId && ernsWhere(actor, 'coordinator').includes(request.ernId);

const requester = alias(people, 'requester');

function selectViews(db: Db | Tx) {
  return db
    .select({
      request: accessRequests,
      person: { id: requester.id, displayName: requester.displayName, email: requester.email },
      ern: { id: erns.id, name: erns.name },
      hospitalName: hospitals.name,
    })
    .from(accessRequests)
    .innerJoin(requester, eq(requester.id, accessRequests.personId))
    .innerJoin(erns, eq(erns.id, accessRequests.ernId))
    .leftJoin(hospitals, eq(hospitals.id, accessRequests.hospitalId));
}

type Row = Awaited<ReturnType<ReturnType<typeof selectViews>['execute']>>[number];

function toView(actor: Actor, row: Row): AccessRequestView {
  const r = row.request;
  return {
    id: r.id,
    person: row.person,
    ern: row.ern,
    hospital: r.hospitalId && row.hospitalName ? { id: r.hospitalId, name: row.hospitalName } : null,
    stated: r.statedHospital && r.statedCountry ? { hospital: r.statedHospital, country: r.statedCountry } : null,
    role: r.role,
    justification: r.justification,
    status: r.status,
    guestUntil: r.guestUntil,
    createdAt: r.createdAt,
    employmentConfirmedAt: r.employmentConfirmedAt,
    decidedAt: r.decidedAt,
    decisionReason: r.decisionReason,
    affiliationId: r.affiliationId,
    canConfirmEmployment: canConfirmEmployment(actor, r),
    canDecide: canDecide(actor, r),
  };
}

export async function listAccessRequests(db: Db, actor: Actor, filter: { ernId?: string | undefined; status?: AccessRequestView['status'] | undefined; mine?: boolean }): Promise<AccessRequestView[]> {
  const rows = await selectViews(db)
    .where(
      and(
        accessRequestScope(actor),
        filter.mine ? eq(accessRequests.personId, actor.personId) : undefined,
        filter.ernId ? eq(accessRequests.ernId, filter.ernId) : undefined,
        filter.status ? eq(accessRequests.status, filter.status) : undefined,
      ),
    )
    .orderBy(desc(accessRequests.createdAt))
    .limit(500);
  return rows.map((row) => toView(actor, row));
}

/** One access request if the actor may see it; undefined (404) otherwise. */
export async function findAccessRequest(db: Db | Tx, actor: Actor, id: string): Promise<AccessRequestView | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await selectViews(db).where(and(eq(accessRequests.id, id), accessRequestScope(actor)));
  return row ? toView(actor, row) : undefined;
}
