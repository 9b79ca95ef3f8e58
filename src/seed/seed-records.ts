import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { patients, people } from '../db/schema/index.ts';
import { readCurrentVersion } from '../modules/records/record-store.ts';
import type { RecordSection } from '../modules/records/records.contract.ts';
import { updateRecordSection } from '../modules/records/update-section.ts';
import type { Clock } from '../platform/clock.ts';
import { trainingPatients } from './training-patients.ts';
import { trainingRecords } from './training-records.ts';

const order: RecordSection[] = ['history', 'diagnoses', 'phenotypicFeatures', 'laboratoryResults', 'genetics', 'histology'];

/**
 * Writes the training patients' case records, section by section, through the record's own use case
 * (validation, versions, audit), as the health professional who enrolled each patient. Only records still
 * empty are written, so the seed can run again.
 */
export async function seedTrainingRecords(db: Db, clock: Clock): Promise<number> {
  const enrollers = await db.select({ id: people.id, email: people.email }).from(people).where(inArray(people.email, [...new Set(trainingPatients.map((p) => p.enrolledBy))]));
  let written = 0;
  for (const [nickname, record] of Object.entries(trainingRecords)) {
    const training = trainingPatients.find((p) => p.nickname === nickname)!;
    const enroller = enrollers.find((e) => e.email === training.enrolledBy);
    if (!enroller) continue;
    const [patient] = await db.select({ id: patients.id, hospitalId: patients.hospitalId }).from(patients).where(and(eq(patients.nickname, nickname), eq(patients.createdBy, enroller.id)));
    if (!patient || (await readCurrentVersion(db, patient.id))) continue;
    let version = 0;
    for (const section of order) {
      if (record[section] === undefined) continue;
      ({ version } = await updateRecordSection({ db, clock }, { actor: { personId: enroller.id }, patient, section, expectedVersion: version, content: record[section], clientAddress: '127.0.0.1' }));
    }
    written += 1;
  }
  return written;
}
