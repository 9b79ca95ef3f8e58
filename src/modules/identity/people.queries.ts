import { inArray } from 'drizzle-orm';
import type { ActiveAffiliation } from '../../access/actor.ts';
import type { Db } from '../../db/database.ts';
import { erns, hospitals } from '../../db/schema/index.ts';
import type { AffiliationView } from './identity.contract.ts';

/** Affiliations with the names of their hospital and ERN, for display. */
export async function describeAffiliations(db: Db, affiliations: ActiveAffiliation[]): Promise<AffiliationView[]> {
  const hospitalIds = [...new Set(affiliations.flatMap((a) => (a.hospitalId ? [a.hospitalId] : [])))];
  const ernIds = [...new Set(affiliations.flatMap((a) => (a.ernId ? [a.ernId] : [])))];
  const [hospitalRows, ernRows] = await Promise.all([
    hospitalIds.length ? db.select({ id: hospitals.id, name: hospitals.name }).from(hospitals).where(inArray(hospitals.id, hospitalIds)) : [],
    ernIds.length ? db.select({ id: erns.id, name: erns.name }).from(erns).where(inArray(erns.id, ernIds)) : [],
  ]);
  const hospitalName = new Map(hospitalRows.map((h) => [h.id, h.name]));
  const ernName = new Map(ernRows.map((e) => [e.id, e.name]));
  return affiliations.map((a) => ({
    id: a.id,
    role: a.role,
    hospitalId: a.hospitalId,
    hospitalName: a.hospitalId ? (hospitalName.get(a.hospitalId) ?? null) : null,
    ernId: a.ernId,
    ernName: a.ernId ? (ernName.get(a.ernId) ?? null) : null,
    validUntil: a.validUntil,
  }));
}
