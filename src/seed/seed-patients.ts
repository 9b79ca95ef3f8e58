import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { AppError } from '../http/errors.ts';
import { consents, erns, hospitals, people } from '../db/schema/index.ts';
import { insertConsent, withdrawConsent } from '../modules/consent/consents.ts';
import { enrolPatient } from '../modules/patients/enrol-patient.ts';
import type { Clock } from '../platform/clock.ts';
import type { Keys } from '../platform/keys.ts';
import { trainingPatients } from './training-patients.ts';

const FORM_VERSION = 'training-care-2026-1';

/** Enrols the synthetic training patients through the same use cases as the app (encryption, audit, consent). */
export async function seedTrainingPatients(db: Db, keys: Keys, clock: Clock): Promise<number> {
  const deps = { db, keys, clock };
  const hospitalRows = await db.select({ id: hospitals.id, name: hospitals.name }).from(hospitals);
  const ernRows = await db.select({ id: erns.id, code: erns.code }).from(erns);
  const staff = await db.select({ id: people.id, email: people.email }).from(people).where(inArray(people.email, [...new Set(trainingPatients.map((p) => p.enrolledBy))]));
  // Consent dates a little before "now", whatever the clock says (tests move it).
  const day = (daysAgo: number) => new Date(clock.now().getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  let enrolled = 0;
  for (const patient of trainingPatients) {
    const hospitalId = hospitalRows.find((h) => h.name === patient.hospital)?.id;
    const actor = staff.find((s) => s.email === patient.enrolledBy);
    if (!hospitalId || !actor) continue;
    const careConsent = { givenBy: patient.representative ? ('legalRepresentative' as const) : ('patient' as const), representativeRelation: patient.representative ?? null, givenOn: day(60), formVersion: FORM_VERSION, language: 'en', evidence: 'attestation' as const };
    let id: string;
    try {
      id = await enrolPatient(deps, { personId: actor.id }, { hospitalId, nickname: patient.nickname, sex: patient.sex, identity: patient.identity, careConsent }, '127.0.0.1');
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') continue; // already enrolled: the seed adds only what is missing
      throw error;
    }
    enrolled += 1;
    const extra = [
      ...(patient.registryConsentErn ? [{ kind: 'ernRegistries' as const, scope: ernRows.find((e) => e.code === patient.registryConsentErn)!.id }] : []),
      ...(patient.photographsConsent ? [{ kind: 'photographs' as const, scope: null }] : []),
    ];
    await db.transaction(async (tx) => {
      for (const consent of extra) await insertConsent(tx, deps, { personId: actor.id }, { id, hospitalId }, { ...careConsent, ...consent }, '127.0.0.1');
    });
    if (patient.careWithdrawn) {
      const [care] = await db.select({ id: consents.id }).from(consents).where(and(eq(consents.patientId, id), eq(consents.kind, 'care')));
      await withdrawConsent(deps, { personId: actor.id }, { id, hospitalId }, care!.id, { withdrawnOn: day(10), note: 'Family withdrew consent (training example).' }, '127.0.0.1');
    }
  }
  return enrolled;
}
