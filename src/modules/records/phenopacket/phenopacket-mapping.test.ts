import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { phenopacketDigest } from '../fixtures/phenopacket-digest.ts';
import { emptyRecord } from '../records.contract.ts';
import { readPhenopacket } from './from-phenopacket.ts';
import { mergeImport } from '../merge-import.ts';
import { toPhenopacket } from './to-phenopacket.ts';

const fixture = JSON.parse(fs.readFileSync(new URL('../fixtures/every-form.phenopacket.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('phenopacket → record → phenopacket', () => {
  const reading = readPhenopacket(fixture, 'female');
  const record = mergeImport(emptyRecord(), reading.imported, 'replace');
  const exported = toPhenopacket({ patientCode: 'K7QD-M2XP', sex: 'female' }, 3, record, '2026-06-01T10:00:00.000Z');

  it('reads every onset form, excluded flags, severity and notes into structured items', () => {
    expect(reading.problems).toEqual([]);
    expect(record.phenotypicFeatures).toHaveLength(8);
    expect(record.phenotypicFeatures[0]).toMatchObject({ type: { id: 'HP:0001250' }, excluded: false, onset: { age: { iso8601duration: 'P2Y6M' } }, severity: { id: 'HP:0012828' }, note: 'clusters in the morning' });
    expect(record.phenotypicFeatures.map((f) => Object.keys(f.onset ?? { none: 1 })[0])).toEqual(['age', 'ageRange', 'ontologyClass', 'timestamp', 'interval', 'gestationalAge', 'none', 'ontologyClass']);
    expect(record.phenotypicFeatures.filter((f) => f.excluded).map((f) => f.type.id)).toEqual(['HP:0000365', 'HP:0000486']);
  });

  it('keeps diagnoses with their status and links each variant to the diagnosis it explains', () => {
    const byCode = Object.fromEntries(record.diagnoses.map((d) => [d.term.id, d]));
    expect(byCode['ORPHA:79269']?.status).toBe('confirmed');
    expect(byCode['OMIM:607208']?.status).toBe('suspected');
    expect(byCode['MONDO:0005015']?.status).toBe('excluded');
    const [snv, deletion] = record.genetics.variants;
    expect(snv).toMatchObject({ gene: { symbol: 'SCN1A', hgncId: 'HGNC:10585' }, hgvs: ['NM_001165963.4:c.2836C>T', 'NP_001159435.1:p.(Arg946Cys)'], classification: 'pathogenic', interpretationStatus: 'causative', inheritance: 'deNovo', vcf: { pos: 166009778 }, diagnosisId: byCode['ORPHA:79269']?.id });
    expect(deletion).toMatchObject({ hgvs: [], structuralType: { id: 'SO:1000029' }, label: 'Deletion of exons 2-5', diagnosisId: byCode['OMIM:607208']?.id });
  });

  it('reads a measurement as a laboratory result with LOINC, UCUM unit, decimal value and date', () => {
    expect(record.laboratoryResults).toEqual([expect.objectContaining({ analyte: 'Glucose [Mass/volume] in Serum or Plasma', loinc: '2345-7', value: '182.5', unit: 'mg/dL', referenceRange: { low: '70', high: '99' }, date: '2024-02-03' })]);
  });

  it('says what it did not import, and never takes the date of birth', () => {
    expect(reading.notImported.map((n) => n.path)).toEqual(expect.arrayContaining(['body.phenopacket.subject.dateOfBirth', 'body.phenopacket.subject.timeAtLastEncounter', 'body.phenopacket.phenotypicFeatures.7.evidence']));
    expect(JSON.stringify(record)).not.toContain('2010-04-01');
  });

  it('exports every feature, disease and variant interpretation in its original form', () => {
    const before = phenopacketDigest(fixture);
    const after = phenopacketDigest(exported);
    expect(after.features).toEqual(before.features);
    expect(after.diseases).toEqual(before.diseases);
    expect(after.variants).toEqual(before.variants);
  });

  it('exports a pseudonymous subject and the resources it uses', () => {
    expect(exported.subject).toEqual({ id: 'K7QD-M2XP', sex: 'FEMALE' });
    expect(JSON.stringify(exported)).not.toContain('dateOfBirth');
    expect(exported.metaData.phenopacketSchemaVersion).toBe('2.0');
    expect(exported.metaData.resources.map((r) => r.namespacePrefix)).toEqual(['GENO', 'HGNC', 'HP', 'LOINC', 'MONDO', 'OMIM', 'ORPHA', 'SO', 'UCUM']);
    expect(exported.measurements).toEqual([expect.objectContaining({ assay: { id: 'LOINC:2345-7', label: 'Glucose [Mass/volume] in Serum or Plasma' }, timeObserved: { timestamp: '2024-02-03T00:00:00Z' } })]);
  });
});

describe('a bad phenopacket', () => {
  const problemsOf = (input: unknown) => readPhenopacket(input, 'female').problems;
  const withFeature = (feature: unknown) => ({ ...fixture, phenotypicFeatures: [feature] });

  it('is refused with a list of problems, each with its path', () => {
    expect(problemsOf('{"id": "x"}')).toEqual([{ path: 'body.phenopacket', message: expect.stringContaining('JSON object') as string }]);
    expect(problemsOf([fixture])).toHaveLength(1);
    expect(problemsOf({ ...fixture, phenotypicFeatures: 'HP:0001250' })).toEqual([{ path: 'body.phenopacket.phenotypicFeatures', message: expect.any(String) as string }]);
    expect(problemsOf(withFeature({ type: { label: 'Seizure' } }))).toEqual([{ path: 'body.phenopacket.phenotypicFeatures.0.type.id', message: expect.stringContaining('required') as string }]);
    expect(problemsOf(withFeature({ excluded: true }))).toEqual([{ path: 'body.phenopacket.phenotypicFeatures.0.type', message: expect.stringContaining('required') as string }]);
    expect(problemsOf(withFeature({ type: { id: 'HP:0001250' }, excluded: 'yes' }))).toEqual([{ path: 'body.phenopacket.phenotypicFeatures.0.excluded', message: expect.any(String) as string }]);
  });

  it('names an unknown onset form, and the mistake inside a known one', () => {
    const unknown = problemsOf(withFeature({ type: { id: 'HP:0001250' }, onset: { yearsOld: 3 } }));
    expect(unknown).toEqual([{ path: 'body.phenopacket.phenotypicFeatures.0.onset', message: expect.stringContaining('age, ageRange, ontologyClass, timestamp, interval, gestationalAge') as string }]);
    const inside = problemsOf(withFeature({ type: { id: 'HP:0001250' }, onset: { ageRange: { start: { iso8601duration: '3 years' }, end: { iso8601duration: 'P5Y' } } } }));
    expect(inside).toEqual([{ path: 'body.phenopacket.phenotypicFeatures.0.onset.ageRange.start.iso8601duration', message: expect.stringContaining('ISO 8601') as string }]);
  });

  it('refuses malformed HGVS and disease codes it cannot keep', () => {
    const broken = structuredClone(fixture) as { interpretations: { diagnosis: { genomicInterpretations: { variantInterpretation: { variationDescriptor: { expressions: { value: string }[] } } }[] } }[]; diseases: { term: { id: string } }[] };
    broken.interpretations[0]!.diagnosis.genomicInterpretations[0]!.variantInterpretation.variationDescriptor.expressions[0]!.value = 'NM_001165963.4:c.2836C>';
    broken.diseases[1]!.term.id = 'DOID:14705';
    const problems = problemsOf(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'body.phenopacket.interpretations.0.diagnosis.genomicInterpretations.0.variantInterpretation.variationDescriptor.expressions.0.value', message: expect.stringContaining('not a valid HGVS c.') as string },
        { path: 'body.phenopacket.diseases.1.term.id', message: expect.stringContaining('ORPHAcode, OMIM, ICD-10 or MONDO') as string },
      ]),
    );
  });

  it('refuses a misspelt field, a missing metaData and another schema version', () => {
    expect(problemsOf({ ...fixture, phenotypicFeature: [] })[0]?.message).toContain('phenotypicFeature');
    const { metaData: _, ...withoutMetaData } = fixture;
    expect(problemsOf(withoutMetaData)).toEqual([{ path: 'body.phenopacket.metaData', message: expect.stringContaining('required') as string }]);
    expect(problemsOf({ ...fixture, metaData: { phenopacketSchemaVersion: '1.0' } })[0]?.message).toContain('version 2');
  });

  it('accepts the .proto field names (snake_case) too', () => {
    const snake = { id: 'x', phenotypic_features: [{ type: { id: 'HP:0001250' }, onset: { age: { iso8601duration: 'P1Y' } } }], meta_data: { phenopacket_schema_version: '2.0' } };
    const reading = readPhenopacket(snake, 'female');
    expect(reading.problems).toEqual([]);
    expect(reading.imported.phenotypicFeatures).toHaveLength(1);
  });
});

describe('what only the record knows', () => {
  it('keeps a suspected diagnosis and a variant linked to no diagnosis through export and import', () => {
    const record = {
      ...emptyRecord(),
      diagnoses: [{ id: 'd0000000-0000-4000-8000-000000000001', term: { id: 'ORPHA:33069', label: 'Dravet syndrome' }, status: 'suspected' as const, note: 'awaiting segregation' }],
      genetics: { tests: [], variants: [{ id: 'b0000000-0000-4000-8000-000000000001', hgvs: ['NC_000002.12:g.166009778G>A'], zygosity: { id: 'GENO:0000136', label: 'homozygous' } }] },
    };
    const exported = toPhenopacket({ patientCode: 'K7QD-M2XP', sex: 'unknown' }, 1, record, '2026-06-01T10:00:00.000Z');
    const again = mergeImport(emptyRecord(), readPhenopacket(JSON.parse(JSON.stringify(exported)), 'unknown').imported, 'replace');
    expect(again.diagnoses).toEqual([expect.objectContaining({ term: { id: 'ORPHA:33069', label: 'Dravet syndrome' }, status: 'suspected', note: 'awaiting segregation' })]);
    expect(again.genetics.variants).toEqual([expect.objectContaining({ hgvs: ['NC_000002.12:g.166009778G>A'], zygosity: { id: 'GENO:0000136', label: 'homozygous' } })]);
    expect(again.genetics.variants[0]?.diagnosisId).toBeUndefined();
  });
});
