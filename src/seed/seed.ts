import { inArray } from 'drizzle-orm';
import type { Environment } from '../config/config.ts';
import type { Db } from '../db/database.ts';
import { diseaseGroups, erns, hospitals, memberships } from '../db/schema/index.ts';
import { ernReference } from '../modules/organisations/reference-data.ts';
import { trainingHospitals } from './training-hospitals.ts';

export interface SeedSummary {
  erns: number;
  diseaseGroups: number;
  hospitals: number;
  memberships: number;
}

/** The 24 ERNs and ERN-RND's disease groups; real reference data, right in every environment. */
async function seedReferenceData(tx: Db, summary: SeedSummary): Promise<Map<string, string>> {
  const inserted = await tx
    .insert(erns)
    .values(ernReference.map(({ code, name, field }) => ({ code, name, field })))
    .onConflictDoNothing({ target: erns.code })
    .returning({ id: erns.id });
  summary.erns += inserted.length;
  const rows = await tx.select({ id: erns.id, code: erns.code }).from(erns).where(inArray(erns.code, ernReference.map((e) => e.code)));
  const ernIds = new Map(rows.map((row) => [row.code, row.id]));
  const groups = ernReference.flatMap((ern) =>
    (ern.diseaseGroups ?? []).map((group, position) => ({ ernId: ernIds.get(ern.code)!, position, ...group })),
  );
  if (groups.length > 0) {
    const insertedGroups = await tx.insert(diseaseGroups).values(groups).onConflictDoNothing().returning({ id: diseaseGroups.id });
    summary.diseaseGroups += insertedGroups.length;
  }
  return ernIds;
}

/** Fictional hospitals and their memberships; training databases only. */
async function seedTrainingData(tx: Db, ernIds: Map<string, string>, summary: SeedSummary): Promise<void> {
  for (const hospital of trainingHospitals) {
    const [row] = await tx
      .insert(hospitals)
      .values({ name: hospital.name, city: hospital.city, country: hospital.country })
      .onConflictDoNothing()
      .returning({ id: hospitals.id });
    if (!row) continue; // already seeded
    summary.hospitals += 1;
    if (hospital.memberships.length === 0) continue;
    const values = hospital.memberships.map((m) => ({ hospitalId: row.id, ernId: ernIds.get(m.ernCode)!, type: m.type }));
    summary.memberships += (await tx.insert(memberships).values(values).onConflictDoNothing().returning()).length;
  }
}

/**
 * Seeds what the environment needs; safe to run again (adds only what is missing). Production gets the
 * ERN reference data only, never training data.
 */
export async function seed(db: Db, environment: Environment): Promise<SeedSummary> {
  const summary: SeedSummary = { erns: 0, diseaseGroups: 0, hospitals: 0, memberships: 0 };
  await db.transaction(async (tx) => {
    const ernIds = await seedReferenceData(tx, summary);
    if (environment === 'training') await seedTrainingData(tx, ernIds, summary);
  });
  return summary;
}
