import { hkdfSync } from 'node:crypto';
import type { Db, Tx } from '../../db/database.ts';
import type { Keys } from '../../platform/keys.ts';
import { patientDataKey } from '../attachments/attachment-text.ts';
import type { DeidentificationKeyView } from './imaging.contract.ts';

/*
 * The per-patient de-identification key is derived (HKDF-SHA-256) from the patient's own data key, so it
 * is the same for every upload of the patient — a resumed or repeated upload maps each original UID to the
 * same `2.25.` UID and shifts dates by the same days — and it is crypto-shredded with the patient's key.
 * Nothing new is stored. The date shift lies between 1 and 10 years back, whole days.
 */
export function deidentificationKeyOf(dataKey: Buffer, patientId: string): DeidentificationKeyView {
  const uidKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), `cpms:dicom-uid-key:v1:${patientId}`, 32));
  const shift = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), `cpms:dicom-date-shift:v1:${patientId}`, 4));
  return { uidKey: uidKey.toString('hex'), dateShiftDays: -(365 + (shift.readUInt32BE(0) % (3653 - 365))) };
}

/** The key, or undefined once the patient's data key has been erased. */
export async function patientDeidentificationKey(db: Db | Tx, keys: Keys, patientId: string): Promise<DeidentificationKeyView | undefined> {
  const dataKey = await patientDataKey(db, keys, patientId);
  return dataKey ? deidentificationKeyOf(dataKey, patientId) : undefined;
}
