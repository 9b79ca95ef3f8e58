import type { z } from 'zod';
import type { Sex } from '../../patients/patients.contract.ts';
import type { acmgClassifications, diagnosisStatuses, interpretationStatuses } from '../record-sections.contract.ts';
import type { acmgNames, interpretationStatusNames, progressStatusNames, sexNames } from './phenopacket-schema.ts';

/** The phenopacket enum names and the record's own words for them, both ways. */

type Acmg = (typeof acmgClassifications)[number];
type AcmgName = (typeof acmgNames)[number];
type InterpretationStatus = (typeof interpretationStatuses)[number];
type InterpretationStatusName = (typeof interpretationStatusNames)[number];
type ProgressStatusName = (typeof progressStatusNames)[number];
type DiagnosisStatus = (typeof diagnosisStatuses)[number];

export const acmgFromName: Record<AcmgName, Acmg | undefined> = {
  NOT_PROVIDED: undefined,
  BENIGN: 'benign',
  LIKELY_BENIGN: 'likelyBenign',
  UNCERTAIN_SIGNIFICANCE: 'uncertainSignificance',
  LIKELY_PATHOGENIC: 'likelyPathogenic',
  PATHOGENIC: 'pathogenic',
};
export const acmgName: Record<Acmg, AcmgName> = {
  benign: 'BENIGN',
  likelyBenign: 'LIKELY_BENIGN',
  uncertainSignificance: 'UNCERTAIN_SIGNIFICANCE',
  likelyPathogenic: 'LIKELY_PATHOGENIC',
  pathogenic: 'PATHOGENIC',
};

export const interpretationStatusFromName: Record<InterpretationStatusName, InterpretationStatus | undefined> = {
  UNKNOWN_STATUS: undefined,
  REJECTED: 'rejected',
  CANDIDATE: 'candidate',
  CONTRIBUTORY: 'contributory',
  CAUSATIVE: 'causative',
};
export const interpretationStatusName: Record<InterpretationStatus, InterpretationStatusName> = {
  rejected: 'REJECTED',
  candidate: 'CANDIDATE',
  contributory: 'CONTRIBUTORY',
  causative: 'CAUSATIVE',
};

/**
 * A phenopacket has no "suspected" flag on a disease: an interpretation still in progress (or closed
 * unsolved) says it. A solved or completed one, or none at all, leaves a listed disease confirmed.
 */
export const suspectedProgress: readonly ProgressStatusName[] = ['IN_PROGRESS', 'UNSOLVED'];
export const progressOf: Record<DiagnosisStatus, ProgressStatusName> = { confirmed: 'SOLVED', suspected: 'IN_PROGRESS', excluded: 'UNSOLVED' };

export const sexName: Record<z.infer<typeof Sex>, (typeof sexNames)[number]> = { female: 'FEMALE', male: 'MALE', other: 'OTHER_SEX', unknown: 'UNKNOWN_SEX' };
