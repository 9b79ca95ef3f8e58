import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { LaboratoryResult, PhenotypicFeature, Variant, Diagnosis } from '../record-sections.contract.ts';
import type { Sex } from '../../patients/patients.contract.ts';
import { zodProblems } from '../zod-problems.ts';
import { diagnosesFromPhenopacket } from './diagnoses.ts';
import { sexName } from './enums.ts';
import { featureFromPhenopacket } from './features.ts';
import { newImportNotes, noteUnsupported, type ImportNotes } from './import-notes.ts';
import { camelCaseKeys, isPlainObject } from './json.ts';
import { labFromMeasurement } from './measurements.ts';
import { PhenopacketInput } from './phenopacket-schema.ts';

/** What a phenopacket brings to the record: the sections it can fill, with fresh item ids. */
export interface ImportedRecord {
  phenotypicFeatures: PhenotypicFeature[];
  laboratoryResults: LaboratoryResult[];
  variants: Variant[];
  diagnoses: Diagnosis[];
}

export interface PhenopacketReading extends ImportNotes {
  imported: ImportedRecord;
}

const nothing = (): ImportedRecord => ({ phenotypicFeatures: [], laboratoryResults: [], variants: [], diagnoses: [] });

function noteSubject(packet: PhenopacketInput, at: string, notes: ImportNotes, patientSex: z.infer<typeof Sex>): void {
  const subject = packet.subject;
  if (!subject) return;
  const path = `${at}.subject`;
  noteUnsupported(notes, path, subject, ['dateOfBirth'], 'not imported: a date of birth is identifying; it stays with the enrolment');
  noteUnsupported(notes, path, subject, ['timeAtLastEncounter', 'vitalStatus', 'karyotypicSex', 'gender', 'taxonomy', 'alternateIds'], 'not imported: the record has no place for this');
  if (subject.sex !== undefined && subject.sex !== 'UNKNOWN_SEX' && subject.sex !== sexName[patientSex]) {
    notes.notImported.push({ path: `${path}.sex`, message: `not imported: the file says ${subject.sex}; the patient's sex stays as enrolled (${patientSex})` });
  }
}

/**
 * Validates a Phenopacket v2 (JSON) and maps it to record items. Problems mean the file cannot be
 * imported; notes say what it holds that the record keeps nowhere. Paths point into the request body.
 */
export function readPhenopacket(input: unknown, patientSex: z.infer<typeof Sex>, newId: () => string = randomUUID): PhenopacketReading {
  const at = 'body.phenopacket';
  const notes = newImportNotes();
  if (!isPlainObject(input)) {
    return { ...notes, problems: [{ path: at, message: 'a Phenopacket v2 as a JSON object (the content of the .json file)' }], imported: nothing() };
  }
  const parsed = PhenopacketInput.safeParse(camelCaseKeys(input));
  if (!parsed.success) return { ...notes, problems: zodProblems(parsed.error, at), imported: nothing() };
  const packet = parsed.data;

  noteSubject(packet, at, notes, patientSex);
  noteUnsupported(notes, at, packet, ['biosamples', 'medicalActions', 'files'], 'not imported: the record has no place for this yet');
  const phenotypicFeatures = (packet.phenotypicFeatures ?? []).map((f, i) => featureFromPhenopacket(f, `${at}.phenotypicFeatures.${i}`, notes, newId()));
  const laboratoryResults = (packet.measurements ?? []).flatMap((m, i) => labFromMeasurement(m, `${at}.measurements.${i}`, notes, newId()) ?? []);
  const { diagnoses, variants } = diagnosesFromPhenopacket(packet, at, notes, newId);
  return { ...notes, imported: { phenotypicFeatures, laboratoryResults, variants, diagnoses } };
}
