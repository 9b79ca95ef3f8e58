import type { z } from 'zod';
import type { Sex } from '../../patients/patients.contract.ts';
import type { RecordContent } from '../records.contract.ts';
import { diagnosesToPhenopacket } from './diagnoses.ts';
import { sexName } from './enums.ts';
import { featureToPhenopacket } from './features.ts';
import { compact } from './json.ts';
import { labToMeasurement } from './measurements.ts';
import { resourcesFor } from './resources.ts';

export interface ExportSubject {
  patientCode: string;
  sex: z.infer<typeof Sex>;
}

/**
 * A record version as a GA4GH Phenopacket v2. The subject is the pseudonymous platform id and the sex
 * as enrolled — never an identifying field (no name, no date of birth). Built from the structured
 * record, not from any stored file.
 */
export function toPhenopacket(subject: ExportSubject, version: number, content: RecordContent, created: string) {
  const { diseases, interpretations } = diagnosesToPhenopacket(content.diagnoses, content.genetics.variants, subject.patientCode);
  const body = {
    id: `${subject.patientCode}-v${version}`,
    subject: { id: subject.patientCode, sex: sexName[subject.sex] },
    ...compact({
      phenotypicFeatures: content.phenotypicFeatures.map(featureToPhenopacket),
      measurements: content.laboratoryResults.map(labToMeasurement),
      interpretations,
      diseases,
    }),
  };
  return { ...body, metaData: { created, createdBy: 'Open CPMS', resources: resourcesFor(body), phenopacketSchemaVersion: '2.0' } };
}
