import { describe, expect, it } from 'vitest';
import { mergeImport } from './merge-import.ts';
import type { ImportedRecord } from './phenopacket/from-phenopacket.ts';
import { emptyRecord, type RecordContent } from './records.contract.ts';

const base: RecordContent = {
  ...emptyRecord(),
  history: { medicalHistory: 'Febrile seizures at 6 months.', familyHistory: '' },
  phenotypicFeatures: [
    { id: 'f0000000-0000-4000-8000-000000000001', type: { id: 'HP:0001250', label: 'Seizure' }, excluded: false, note: 'entered by hand' },
    { id: 'f0000000-0000-4000-8000-000000000002', type: { id: 'HP:0001252', label: 'Hypotonia' }, excluded: false },
  ],
  laboratoryResults: [{ id: 'a0000000-0000-4000-8000-000000000001', analyte: 'Lactate', value: '2.1', unit: 'mmol/L' }],
  diagnoses: [{ id: 'd0000000-0000-4000-8000-000000000001', term: { id: 'ORPHA:79269', label: 'Dravet syndrome' }, status: 'suspected' }],
  genetics: {
    tests: [{ id: 'e0000000-0000-4000-8000-000000000001', name: 'Epilepsy gene panel' }],
    variants: [{ id: 'b0000000-0000-4000-8000-000000000001', hgvs: ['NM_001165963.4:c.2836C>T'], diagnosisId: 'd0000000-0000-4000-8000-000000000001' }],
  },
};

const imported: ImportedRecord = {
  phenotypicFeatures: [
    { id: 'f1000000-0000-4000-8000-000000000001', type: { id: 'HP:0001250', label: 'Seizure' }, excluded: false, onset: { age: { iso8601duration: 'P6M' } } },
    { id: 'f1000000-0000-4000-8000-000000000003', type: { id: 'HP:0000365', label: 'Hearing impairment' }, excluded: true },
  ],
  laboratoryResults: [],
  diagnoses: [{ id: 'd1000000-0000-4000-8000-000000000001', term: { id: 'ORPHA:79269', label: 'Dravet syndrome' }, status: 'confirmed' }],
  variants: [{ id: 'b1000000-0000-4000-8000-000000000001', hgvs: ['NM_001165963.4:c.2836C>T', 'NP_001159435.1:p.(Arg946Cys)'], classification: 'pathogenic', diagnosisId: 'd1000000-0000-4000-8000-000000000001' }],
};

describe('importing into a record', () => {
  it('merge: updates matching items in place (their ids and what the file lacks stay), adds the rest, keeps everything else', () => {
    const merged = mergeImport(base, imported, 'merge');
    expect(merged.phenotypicFeatures).toEqual([
      { id: 'f0000000-0000-4000-8000-000000000001', type: { id: 'HP:0001250', label: 'Seizure' }, excluded: false, note: 'entered by hand', onset: { age: { iso8601duration: 'P6M' } } },
      base.phenotypicFeatures[1],
      imported.phenotypicFeatures[1],
    ]);
    expect(merged.diagnoses).toEqual([{ ...base.diagnoses[0], status: 'confirmed' }]);
    expect(merged.genetics.variants).toEqual([
      { id: 'b0000000-0000-4000-8000-000000000001', hgvs: ['NM_001165963.4:c.2836C>T', 'NP_001159435.1:p.(Arg946Cys)'], classification: 'pathogenic', diagnosisId: 'd0000000-0000-4000-8000-000000000001' },
    ]);
    expect(merged.laboratoryResults).toEqual(base.laboratoryResults);
    expect(merged.history).toEqual(base.history);
  });

  it('replace: the file\'s features, diagnoses and variants replace the record\'s (matching ids kept); what the file lacks stays', () => {
    const replaced = mergeImport(base, imported, 'replace');
    expect(replaced.phenotypicFeatures.map((f) => f.id)).toEqual(['f0000000-0000-4000-8000-000000000001', 'f1000000-0000-4000-8000-000000000003']);
    expect(replaced.phenotypicFeatures[0]?.note).toBeUndefined();
    expect(replaced.diagnoses).toEqual([{ id: 'd0000000-0000-4000-8000-000000000001', term: { id: 'ORPHA:79269', label: 'Dravet syndrome' }, status: 'confirmed' }]);
    expect(replaced.genetics.variants[0]?.diagnosisId).toBe('d0000000-0000-4000-8000-000000000001');
    expect(replaced.genetics.tests).toEqual(base.genetics.tests);
    expect(replaced.laboratoryResults).toEqual(base.laboratoryResults);
    expect(replaced.history).toEqual(base.history);
  });
});
