import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../access/actor.ts';
import type { AppDeps } from '../app-deps.ts';
import { attachments, patients, people } from '../db/schema/index.ts';
import { canHandleAttachments } from '../modules/attachments/attachment-access.ts';
import { DEFAULT_MAX_UPLOAD_BYTES, type AttachmentDeps } from '../modules/attachments/attachment-deps.ts';
import { uploadAttachment } from '../modules/attachments/upload-attachment.ts';
import { loadActiveGrants } from '../modules/identity/sessions.ts';
import { findPatient } from '../modules/patients/patients.queries.ts';
import { trainingAttachments, type TrainingAttachment } from './training-attachments.ts';
import { trainingPatients } from './training-patients.ts';

export type SeedAttachmentDeps = Pick<AppDeps, 'db' | 'keys' | 'clock' | 'blobs'>;

/** The enrolling health professional as the upload route sees them: affiliations valid now, second factor done. */
async function enrollerActor(deps: SeedAttachmentDeps, person: { id: string; email: string; displayName: string }): Promise<Actor> {
  const grants = await loadActiveGrants(deps.db, person.id, deps.clock.now());
  return { personId: person.id, displayName: person.displayName, email: person.email, sessionId: 'training-seed', method: 'local', secondFactor: true, ...grants };
}

/** The form the upload route reads, already parsed: the fields, then the file's bytes. */
const uploadOf = (file: TrainingAttachment) => ({
  fields: { kind: file.kind, description: file.description },
  fileName: file.fileName,
  content: (async function* () {
    yield file.content;
  })(),
  finish: async () => undefined,
});

/**
 * Stores the training patients' files through the upload use case, as the health professional who
 * enrolled each patient: the same content sniffing, encryption in the blob store, sealed names and
 * audit events as an upload in the app. Patients that already have files are left alone, so the seed
 * can run again.
 */
export async function seedTrainingAttachments(deps: SeedAttachmentDeps): Promise<number> {
  // uploadAttachment reads only the database, keys, clock and blob store of its deps.
  const uploadDeps = deps as AttachmentDeps;
  const enrollers = await deps.db
    .select({ id: people.id, email: people.email, displayName: people.displayName })
    .from(people)
    .where(inArray(people.email, [...new Set(trainingPatients.map((p) => p.enrolledBy))]));
  let stored = 0;
  for (const [nickname, files] of Object.entries(trainingAttachments)) {
    const training = trainingPatients.find((p) => p.nickname === nickname)!;
    const enroller = enrollers.find((e) => e.email === training.enrolledBy);
    if (!enroller) continue;
    const [row] = await deps.db.select({ id: patients.id }).from(patients).where(and(eq(patients.nickname, nickname), eq(patients.createdBy, enroller.id)));
    if (!row) continue;
    const [existing] = await deps.db.select({ id: attachments.id }).from(attachments).where(eq(attachments.patientId, row.id)).limit(1);
    if (existing) continue;
    const actor = await enrollerActor(deps, enroller);
    const patient = await findPatient(deps.db, actor, row.id);
    if (!patient || !canHandleAttachments(actor, patient)) continue;
    for (const file of files) {
      await uploadAttachment(uploadDeps, { actor, patient, upload: uploadOf(file), maxBytes: DEFAULT_MAX_UPLOAD_BYTES, clientAddress: '127.0.0.1' });
      stored += 1;
    }
  }
  return stored;
}
