import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.ts';
import { patientKeys } from '../../db/schema/patients.ts';
import type { Keys } from '../../platform/keys.ts';
import { open, seal } from '../../platform/secret-box.ts';
import { unwrapPatientKey } from '../patients/patient-crypto.ts';

/*
 * A file name ("Kowalska_MRI_2024.pdf") or a description can identify the patient as well as the identity
 * does, so both are sealed under the patient's own data key, as the identity is: erasing that key
 * crypto-shreds them with it. Each is bound to its attachment and field, so none can be moved.
 */

type Field = 'fileName' | 'description';
const context = (attachmentId: string, field: Field) => `attachment-${field}:${attachmentId}`;

/** The patient's data key, or undefined once it has been erased. */
export async function patientDataKey(db: Db | Tx, keys: Keys, patientId: string): Promise<Buffer | undefined> {
  const [row] = await db.select({ wrapped: patientKeys.wrappedKey }).from(patientKeys).where(eq(patientKeys.patientId, patientId));
  return row ? unwrapPatientKey(keys, patientId, row.wrapped) : undefined;
}

export const sealAttachmentText = (dataKey: Buffer, keyVersion: number, attachmentId: string, field: Field, text: string): string =>
  seal(dataKey, keyVersion, text, context(attachmentId, field));

export function openAttachmentText(dataKey: Buffer | undefined, attachmentId: string, field: Field, sealed: string | null): string | null {
  if (dataKey === undefined || sealed === null) return null;
  return open(dataKey, sealed, context(attachmentId, field));
}
