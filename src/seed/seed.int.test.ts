import { and, eq, inArray, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { affiliations, consents, patients, people } from '../db/schema/index.ts';
import { readCurrentVersion } from '../modules/records/record-store.ts';
import { outOfRange } from '../modules/records/out-of-range.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { trainingAccounts } from './training-accounts.ts';
import { trainingPatients } from './training-patients.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('the training seed', () => {
  it('has an account for every role, including a person at two hospitals and an expired and a valid guest', async () => {
    const rows = await t.database.db
      .select({ email: people.email, role: affiliations.role, validUntil: affiliations.validUntil })
      .from(people)
      .innerJoin(affiliations, eq(affiliations.personId, people.id))
      .where(inArray(people.email, trainingAccounts.map((a) => a.email)));
    const roles = new Set(rows.map((r) => r.role));
    for (const role of ['healthProfessional', 'assistant', 'coordinator', 'hospitalRepresentative', 'dataProtectionOfficer', 'researcher', 'platformAdministrator', 'guestExpert']) expect(roles).toContain(role);
    expect(rows.filter((r) => r.email.startsWith('hp.two-hospitals'))).toHaveLength(2);
    const guests = rows.filter((r) => r.role === 'guestExpert').map((r) => new Date(r.validUntil!).getTime() > Date.now());
    expect(guests.sort()).toEqual([false, true]);
  });

  it('has a dozen synthetic patients with varied consents: children with a legal representative, and one withdrawn', async () => {
    // enrolled by the training accounts (other tests may reuse a nickname)
    const seeded = await t.database.db
      .select({ id: patients.id, nickname: patients.nickname })
      .from(patients)
      .innerJoin(people, eq(people.id, patients.createdBy))
      .where(and(inArray(patients.nickname, trainingPatients.map((p) => p.nickname)), inArray(people.email, trainingAccounts.map((a) => a.email))));
    expect(new Set(seeded.map((p) => p.nickname)).size).toBe(trainingPatients.length);
    const otter = seeded.find((p) => p.nickname === 'Otter')!;
    const [care] = await t.database.db.select().from(consents).where(and(eq(consents.patientId, otter.id), eq(consents.kind, 'care')));
    expect(care).toMatchObject({ givenBy: 'legalRepresentative', representativeRelation: 'father' });
    expect(care!.withdrawnAt).not.toBeNull();
    const kestrel = seeded.find((p) => p.nickname === 'Kestrel')!;
    const active = await t.database.db.select({ kind: consents.kind }).from(consents).where(and(eq(consents.patientId, kestrel.id), isNull(consents.withdrawnAt)));
    expect(active.map((c) => c.kind).sort()).toEqual(['care', 'ernRegistries', 'photographs']);
  });
});

describe('the training case records', () => {
  it('give patients phenotypes (observed and excluded, with onsets), out-of-range laboratory results, variants and histology', async () => {
    const [kestrel, ibis, puffin] = await Promise.all(
      ['Kestrel', 'Ibis', 'Puffin'].map(async (nickname) => {
        const [row] = await t.database.db.select({ id: patients.id }).from(patients).where(eq(patients.nickname, nickname)).limit(1);
        return (await readCurrentVersion(t.database.db, row!.id))!.content;
      }),
    );
    expect(kestrel!.phenotypicFeatures.map((f) => [f.type.id, f.excluded])).toContainEqual(['HP:0001251', true]);
    expect(kestrel!.phenotypicFeatures[0]!.onset).toEqual({ age: { iso8601duration: 'P8M' } });
    expect(kestrel!.genetics.variants[0]).toMatchObject({ gene: { symbol: 'SCN1A' }, classification: 'pathogenic' });
    expect(ibis!.laboratoryResults.filter((r) => outOfRange(r) !== null).map((r) => r.analyte).sort()).toEqual(['Albumin', 'Creatinine']);
    expect(ibis!.histology[0]!.specimen).toBe('Renal biopsy');
    expect(puffin!.genetics.variants.find((v) => v.hgvs.length === 0)?.structuralType?.id).toBe('SO:1000029');
  });
});
