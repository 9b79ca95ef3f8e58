import type { DicomDataset, DicomDict } from 'dcmjs';
import {
  DERIVED_UID_ROOT,
  deidentificationCodes,
  isOverlayOrCurveData,
  isPrivateTag,
  keywordOf,
  profileTable,
  retainedPatientCharacteristics,
  STANDARD_UID_ROOT,
  tags,
} from './confidentiality-profile.contract.ts';
import { firstString, IMPLEMENTATION_CLASS_UID } from './deidentify.contract.ts';

/** The patient's identifiers, decrypted for the check only (never logged, never in a message). */
export interface PatientIdentifiers {
  givenName: string;
  familyName: string;
  /** ISO date. */
  dateOfBirth: string;
  recordNumber: string;
  nationalId: string | null;
}

/*
 * The server's own check of a file the browser says it de-identified: it trusts nothing the file claims.
 * Each finding names the attribute (a keyword or a tag number), never its value.
 */

const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase().trim();
const tokens = (text: string) => fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object' && !(value instanceof ArrayBuffer) && !ArrayBuffer.isView(value)) {
    // Person names: { Alphabetic, Ideographic, Phonetic }.
    return Object.values(value as Record<string, unknown>).filter((v): v is string => typeof v === 'string');
  }
  return [];
}

/*
 * Where a person could have typed an identifier. Not UIDs (replaced: a derived 2.25 number could contain
 * a digit run by chance) nor dates (shifted: a shifted study date may fall on the birth date by chance;
 * PatientBirthDate itself must be empty).
 */
const textVrs = new Set(['AE', 'AS', 'CS', 'LO', 'LT', 'PN', 'SH', 'ST', 'UC', 'UR', 'UT']);

function hasValue(values: unknown[] | undefined): boolean {
  return (values ?? []).some((v) => stringsOf(v).some((s) => s.trim() !== '') || (typeof v === 'number') || v instanceof ArrayBuffer || (v !== null && typeof v === 'object' && Object.keys(v).length > 0 && stringsOf(v).length === 0));
}

class Findings {
  readonly list = new Set<string>();
  add(finding: string) {
    this.list.add(finding);
  }
}

function identifierMatcher(identifiers: PatientIdentifiers) {
  const names = [identifiers.givenName, identifiers.familyName].flatMap(tokens).filter((t) => t.length >= 2);
  const numbers = [identifiers.recordNumber, identifiers.nationalId].filter((n): n is string => !!n && n.trim().length >= 3).map(fold);
  const birth = identifiers.dateOfBirth.replaceAll('-', '');
  return (text: string): boolean => {
    const folded = fold(text);
    if (!folded) return false;
    if (numbers.some((n) => folded.includes(n))) return true;
    if (folded.replaceAll('-', '').includes(birth)) return true;
    const words = tokens(text);
    return names.some((name) => words.includes(name));
  };
}

function walk(dataset: DicomDataset, findings: Findings, matches: (text: string) => boolean, meta: boolean): void {
  for (const [tag, element] of Object.entries(dataset)) {
    const name = keywordOf(tag);
    if (isPrivateTag(tag)) {
      findings.add(`a private element (${name}) is present: private tags must be removed`);
      continue;
    }
    if (isOverlayOrCurveData(tag)) {
      findings.add(`overlay or curve data (${name}) is present: it can carry burned-in text`);
      continue;
    }
    const rule = profileTable[tag];
    const values = element.Value;
    if (rule?.[1] === 'X') findings.add(`${name} is present: the profile removes it`);
    else if (rule?.[1] === 'Z' && hasValue(values)) findings.add(`${name} has a value: the profile empties it`);
    else if (element.vr === 'PN' && hasValue(values) && !(tag in retainedPatientCharacteristics)) findings.add(`${name} holds a person name`);
    if (element.vr === 'UI') {
      for (const uid of (values ?? []).filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean)) {
        const allowed = uid.startsWith(STANDARD_UID_ROOT) || /^2\.25\.(0|[1-9]\d{0,38})$/.test(uid) || (meta && tag === tags.implementationClassUid && uid === IMPLEMENTATION_CLASS_UID);
        if (!allowed) findings.add(`${name} holds a UID that was not replaced (only ${STANDARD_UID_ROOT}* and ${DERIVED_UID_ROOT}* are accepted)`);
      }
    }
    if (element.vr === 'SQ') {
      for (const item of values ?? []) walk(item as DicomDataset, findings, matches, meta);
    } else if (textVrs.has(element.vr) && (values ?? []).some((v) => stringsOf(v).some(matches))) {
      findings.add(`${name} holds one of the patient's identifiers (name, birth date, record number or national ID)`);
    }
  }
}

/**
 * What still identifies the patient in a file, as sentences for the uploader (empty: the file passes).
 * It refuses files that do not declare the de-identification, that keep any attribute the profile
 * removes, any private element or original UID, any string equal to one of the patient's identifiers,
 * and images with burned-in text that were not masked.
 */
export function inspectUpload(file: DicomDict, identifiers: PatientIdentifiers): string[] {
  const findings = new Findings();
  const { dict, meta } = file;
  if (firstString(dict, tags.patientIdentityRemoved).toUpperCase() !== 'YES') findings.add('PatientIdentityRemoved is not YES: the file was not de-identified');
  if (!firstString(dict, tags.deidentificationMethod)) findings.add('DeidentificationMethod is missing: the file was not de-identified');
  for (const tag of [tags.studyInstanceUid, tags.seriesInstanceUid, tags.sopInstanceUid]) {
    if (!firstString(dict, tag).startsWith(DERIVED_UID_ROOT)) findings.add(`${tag === tags.sopInstanceUid ? 'SOPInstanceUID' : tag === tags.studyInstanceUid ? 'StudyInstanceUID' : 'SeriesInstanceUID'} is missing or not a replaced (2.25.) UID`);
  }
  if (firstString(meta, tags.mediaStorageSopInstanceUid) !== firstString(dict, tags.sopInstanceUid)) findings.add('MediaStorageSOPInstanceUID differs from SOPInstanceUID');
  const burnedIn = firstString(dict, tags.burnedInAnnotation).toUpperCase();
  if (burnedIn === 'YES') findings.add('BurnedInAnnotation is YES: mask the burned-in text before uploading');
  const methods = (dict[tags.deidentificationMethodCodeSequence]?.Value ?? []).map((item) => firstString(item as DicomDataset, tags.codeValue));
  if (firstString(dict, tags.modality).toUpperCase() === 'US' && !methods.includes(deidentificationCodes.cleanPixelData[0])) findings.add('an ultrasound image without the Clean Pixel Data option: mask its burned-in text before uploading');
  const matches = identifierMatcher(identifiers);
  walk(dict, findings, matches, false);
  walk(meta, findings, matches, true);
  return [...findings.list];
}
