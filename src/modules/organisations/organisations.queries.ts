import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { diseaseGroups, erns, hospitals, memberships } from '../../db/schema/index.ts';
import type { Ern, Hospital } from './organisations.contract.ts';

/** All ERNs with their disease groups, in name order. Public reference data. */
export async function listErns(db: Db): Promise<Ern[]> {
  const [ernRows, groupRows] = await Promise.all([
    db.select({ id: erns.id, code: erns.code, name: erns.name, field: erns.field }).from(erns).orderBy(asc(sql`lower(${erns.name})`)),
    db
      .select({ id: diseaseGroups.id, ernId: diseaseGroups.ernId, name: diseaseGroups.name, panelUse: diseaseGroups.panelUse })
      .from(diseaseGroups)
      .orderBy(asc(diseaseGroups.position), asc(diseaseGroups.name)),
  ]);
  const groupsByErn = Map.groupBy(groupRows, (group) => group.ernId);
  return ernRows.map((ern) => ({
    ...ern,
    diseaseGroups: (groupsByErn.get(ern.id) ?? []).map(({ id, name, panelUse }) => ({ id, name, panelUse })),
  }));
}

/** All hospitals with their standing in each ERN. Public: ERNs publish their member lists. */
export async function listHospitals(db: Db): Promise<Hospital[]> {
  const [hospitalRows, membershipRows] = await Promise.all([
    db.select({ id: hospitals.id, name: hospitals.name, city: hospitals.city, country: hospitals.country }).from(hospitals).orderBy(asc(hospitals.country), asc(hospitals.name)),
    db.select({ hospitalId: memberships.hospitalId, ernId: memberships.ernId, ernCode: erns.code, type: memberships.type }).from(memberships).innerJoin(erns, eq(erns.id, memberships.ernId)),
  ]);
  const byHospital = Map.groupBy(membershipRows, (m) => m.hospitalId);
  return hospitalRows.map((hospital) => ({
    ...hospital,
    memberships: (byHospital.get(hospital.id) ?? []).map(({ ernId, ernCode, type }) => ({ ernId, ernCode, type })),
  }));
}
