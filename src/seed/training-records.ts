/**
 * Case records of the synthetic training patients: invented clinical pictures, loosely modelled on rare
 * diseases so that phenotype search, panels and exports have something realistic to show. No real person.
 * Keyed by nickname; each entry is written as sections through the record's own use case.
 */
import type { SectionContent } from '../modules/records/record-sections.contract.ts';

export type TrainingRecord = Partial<SectionContent>;

const hp = (id: string, label: string) => ({ id, label });
const age = (iso8601duration: string) => ({ age: { iso8601duration } });
const heterozygous = hp('GENO:0000135', 'heterozygous');
const homozygous = hp('GENO:0000136', 'homozygous');

export const trainingRecords: Record<string, TrainingRecord> = {
  Kestrel: {
    history: { medicalHistory: 'Febrile seizures from 8 months, then prolonged afebrile seizures; developmental slowing after the second year.', familyHistory: 'Parents healthy, non-consanguineous; one healthy older brother.' },
    phenotypicFeatures: [
      { type: hp('HP:0001250', 'Seizure'), excluded: false, onset: age('P8M'), severity: hp('HP:0012828', 'Severe') },
      { type: hp('HP:0002373', 'Febrile seizure (within the age range of 3 months to 6 years)'), excluded: false, onset: { ontologyClass: hp('HP:0003593', 'Infantile onset') } },
      { type: hp('HP:0001263', 'Global developmental delay'), excluded: false, onset: { ageRange: { start: { iso8601duration: 'P2Y' }, end: { iso8601duration: 'P3Y' } } }, note: 'Speech most affected.' },
      { type: hp('HP:0001251', 'Ataxia'), excluded: true },
    ],
    laboratoryResults: [
      { analyte: 'Lactate', loinc: '2524-7', value: '1.4', unit: 'mmol/L', referenceRange: { low: '0.5', high: '2.2' }, date: '2025-03-11' },
      { analyte: 'Creatine kinase', loinc: '2157-6', value: '412', unit: 'U/L', referenceRange: { low: '30', high: '200' }, date: '2025-03-11', note: 'Drawn after a prolonged seizure.' },
    ],
    genetics: {
      tests: [{ name: 'Gene panel: epileptic encephalopathies (112 genes)', laboratory: 'Training genetics laboratory', performedOn: '2025-05', result: 'positive' }],
      variants: [{ gene: { symbol: 'SCN1A' }, hgvs: ['NM_001165963.4:c.2836C>T'], zygosity: heterozygous, inheritance: 'deNovo', classification: 'pathogenic', interpretationStatus: 'causative' }],
    },
    diagnoses: [{ term: hp('ORPHA:33069', 'Dravet syndrome'), status: 'confirmed' }],
  },
  Heron: {
    history: { medicalHistory: 'Progressive gait unsteadiness since his early thirties; dysarthria for two years.', familyHistory: 'Father had a similar gait disorder from his forties.' },
    phenotypicFeatures: [
      { type: hp('HP:0001251', 'Ataxia'), excluded: false, onset: age('P32Y'), severity: hp('HP:0012826', 'Moderate') },
      { type: hp('HP:0001260', 'Dysarthria'), excluded: false, onset: age('P36Y') },
      { type: hp('HP:0001250', 'Seizure'), excluded: true },
    ],
    laboratoryResults: [{ analyte: 'Vitamin E', value: '9.1', unit: 'mg/L', referenceRange: { low: '5.5', high: '17' }, date: '2024-11-02' }],
    genetics: { tests: [{ name: 'Repeat expansion testing: spinocerebellar ataxias', performedOn: '2025-01', result: 'pending' }], variants: [] },
    diagnoses: [{ term: hp('ORPHA:98755', 'Spinocerebellar ataxia type 1'), status: 'suspected' }],
  },
  Lynx: {
    history: { medicalHistory: 'Adult-onset slowly progressive muscle weakness, proximal more than distal.', familyHistory: 'No known family history.' },
    phenotypicFeatures: [{ type: hp('HP:0003701', 'Proximal muscle weakness'), excluded: false, onset: { ontologyClass: hp('HP:0003581', 'Adult onset') } }],
  },
  Puffin: {
    history: { medicalHistory: 'Involuntary movements from adolescence; recent behavioural change.', familyHistory: 'Mother deceased at 52 with a movement disorder, not investigated.' },
    phenotypicFeatures: [
      { type: hp('HP:0002072', 'Chorea'), excluded: false, onset: age('P17Y') },
      { type: hp('HP:0000708', 'Behavioral abnormality'), excluded: false, onset: age('P28Y'), note: 'Irritability reported by partner.' },
    ],
    genetics: {
      tests: [{ name: 'Exome sequencing', laboratory: 'Training genetics laboratory', performedOn: '2025-06-18', result: 'inconclusive' }],
      variants: [
        { gene: { symbol: 'PRKRA' }, hgvs: ['NM_003690.5:c.665C>T'], zygosity: homozygous, inheritance: 'biparental', classification: 'uncertainSignificance', interpretationStatus: 'candidate' },
        { label: 'Deletion of exons 3 to 5', structuralType: hp('SO:1000029', 'chromosomal_deletion'), gene: { symbol: 'PRKN' }, hgvs: [], zygosity: heterozygous, classification: 'likelyPathogenic', interpretationStatus: 'candidate' },
      ],
    },
    histology: [{ specimen: 'Skin biopsy, left forearm', takenOn: '2025-02', findings: 'No inclusions; fibroblasts cultured for functional studies.', conclusion: 'Unremarkable.' }],
  },
  Plover: {
    history: { medicalHistory: 'Short stature and recurrent fractures after minor trauma.', familyHistory: '' },
    phenotypicFeatures: [
      { type: hp('HP:0002659', 'Increased susceptibility to fractures'), excluded: false, onset: age('P2Y') },
      { type: hp('HP:0004322', 'Short stature'), excluded: false },
      { type: hp('HP:0000592', 'Blue sclerae'), excluded: true },
    ],
    laboratoryResults: [{ analyte: 'Alkaline phosphatase', loinc: '6768-6', comparator: '<', value: '40', originalText: '<40', unit: 'U/L', referenceRange: { low: '129', high: '417' }, date: '2025-08-04' }],
  },
  Ibis: {
    history: { medicalHistory: 'Proteinuria found at a school check-up; nephrotic syndrome resistant to steroids.', familyHistory: 'A maternal cousin on dialysis.' },
    phenotypicFeatures: [
      { type: hp('HP:0000100', 'Nephrotic syndrome'), excluded: false, onset: age('P11Y'), severity: hp('HP:0012828', 'Severe') },
      { type: hp('HP:0000365', 'Hearing impairment'), excluded: false },
    ],
    laboratoryResults: [
      { analyte: 'Creatinine', loinc: '2160-0', value: '1.9', unit: 'mg/dL', referenceRange: { low: '0.5', high: '1.1' }, date: '2025-09-30' },
      { analyte: 'Albumin', loinc: '1751-7', value: '2.1', unit: 'g/dL', referenceRange: { low: '3.5', high: '5.2' }, date: '2025-09-30' },
    ],
    genetics: { tests: [{ name: 'Gene panel: hereditary nephropathies', result: 'positive', performedOn: '2025-10' }], variants: [{ gene: { symbol: 'COL4A5' }, hgvs: ['NM_000495.5:c.1871G>A'], zygosity: heterozygous, inheritance: 'maternal', classification: 'likelyPathogenic', interpretationStatus: 'causative' }] },
    histology: [{ specimen: 'Renal biopsy', takenOn: '2025-07-14', laboratory: 'Training pathology', findings: 'Thinning and lamellation of the glomerular basement membrane on electron microscopy.', conclusion: 'Consistent with a type IV collagen disorder.' }],
    diagnoses: [{ term: hp('ORPHA:63', 'Alport syndrome'), status: 'confirmed' }],
  },
};
