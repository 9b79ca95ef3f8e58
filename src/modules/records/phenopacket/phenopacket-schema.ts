import { z } from 'zod';
import { CURIE } from '../codes.ts';
import { TimeElement } from '../record-values.contract.ts';

/**
 * The Phenopacket v2 JSON (protobuf JSON form) as the importer reads it: every message lists all its
 * fields from the .proto, strictly, so a misspelt field is a problem rather than silently nothing.
 * Fields the record has no place for are accepted as unknown here and reported as not imported.
 */
const required = (what: string) => ({ error: (issue: { input: unknown }) => (issue.input === undefined ? `required: ${what}` : `not valid: ${what}`) });

const termOf = (what: string) =>
  z.strictObject(
    {
      id: z.string(required('a code such as HP:0001250')).regex(CURIE, 'a code such as HP:0001250 (prefix, colon, local id)'),
      label: z.string().optional(),
    },
    required(what),
  );
const Term = termOf('a term: {"id": "HP:0001250", "label": "Seizure"}');
const Anything = z.unknown();
const AnyList = z.array(z.unknown());
const Strings = z.array(z.string());

const Feature = z.strictObject({
  description: z.string().optional(),
  type: termOf('the feature\'s term, e.g. {"id": "HP:0001250", "label": "Seizure"}'),
  excluded: z.boolean().optional(),
  severity: Term.optional(),
  modifiers: z.array(Term).optional(),
  onset: TimeElement.optional(),
  resolution: TimeElement.optional(),
  evidence: AnyList.optional(),
});

const Disease = z.strictObject({
  term: termOf('the disease\'s term, e.g. {"id": "OMIM:154700", "label": "Marfan syndrome"}'),
  excluded: z.boolean().optional(),
  onset: TimeElement.optional(),
  resolution: TimeElement.optional(),
  diseaseStage: z.array(Term).optional(),
  clinicalTnmFinding: z.array(Term).optional(),
  primarySite: Term.optional(),
  laterality: Term.optional(),
});

const GeneDescriptor = z.strictObject({
  valueId: z.string().optional(),
  symbol: z.string(required('the gene symbol')),
  description: z.string().optional(),
  alternateIds: Strings.optional(),
  alternateSymbols: Strings.optional(),
  xrefs: Strings.optional(),
});

const VcfRecord = z.strictObject({
  genomeAssembly: z.string().optional(),
  chrom: z.string().optional(),
  // uint64 is a string in protobuf JSON, but writers commonly emit a number
  pos: z.union([z.int().min(0), z.string().regex(/^\d+$/)], { error: 'a position (a whole number)' }).optional(),
  id: z.string().optional(),
  ref: z.string().optional(),
  alt: z.string().optional(),
  qual: z.string().optional(),
  filter: z.string().optional(),
  info: z.string().optional(),
});

const VariationDescriptor = z.strictObject({
  id: z.string().optional(),
  variation: Anything.optional(),
  label: z.string().optional(),
  description: z.string().optional(),
  geneContext: GeneDescriptor.optional(),
  expressions: z.array(z.strictObject({ syntax: z.string(required('the syntax, e.g. hgvs.c')), value: z.string(required('the expression')), version: z.string().optional() })).optional(),
  vcfRecord: VcfRecord.optional(),
  xrefs: Strings.optional(),
  alternateLabels: Strings.optional(),
  extensions: z.array(z.strictObject({ name: z.string(), value: z.string() })).optional(),
  moleculeContext: z.enum(['unspecified_molecule_context', 'genomic', 'transcript', 'protein']).optional(),
  structuralType: Term.optional(),
  vrsRefAlleleSeq: z.string().optional(),
  allelicState: Term.optional(),
});

export const acmgNames = ['NOT_PROVIDED', 'BENIGN', 'LIKELY_BENIGN', 'UNCERTAIN_SIGNIFICANCE', 'LIKELY_PATHOGENIC', 'PATHOGENIC'] as const;
export const interpretationStatusNames = ['UNKNOWN_STATUS', 'REJECTED', 'CANDIDATE', 'CONTRIBUTORY', 'CAUSATIVE'] as const;
export const progressStatusNames = ['UNKNOWN_PROGRESS', 'IN_PROGRESS', 'COMPLETED', 'SOLVED', 'UNSOLVED'] as const;
export const sexNames = ['UNKNOWN_SEX', 'FEMALE', 'MALE', 'OTHER_SEX'] as const;

const GenomicInterpretation = z.strictObject({
  subjectOrBiosampleId: z.string().optional(),
  interpretationStatus: z.enum(interpretationStatusNames).optional(),
  gene: GeneDescriptor.optional(),
  variantInterpretation: z
    .strictObject({
      acmgPathogenicityClassification: z.enum(acmgNames).optional(),
      therapeuticActionability: z.enum(['UNKNOWN_ACTIONABILITY', 'NOT_ACTIONABLE', 'ACTIONABLE']).optional(),
      variationDescriptor: VariationDescriptor,
    })
    .optional(),
});

const Interpretation = z.strictObject({
  id: z.string().optional(),
  progressStatus: z.enum(progressStatusNames).optional(),
  diagnosis: z.strictObject({ disease: Term.optional(), genomicInterpretations: z.array(GenomicInterpretation).optional() }).optional(),
  summary: z.string().optional(),
});

const Quantity = z.strictObject({
  unit: Term.optional(),
  value: z.number().optional(),
  referenceRange: z.strictObject({ unit: Term.optional(), low: z.number().optional(), high: z.number().optional() }).optional(),
});

const Measurement = z.strictObject({
  description: z.string().optional(),
  assay: Term.optional(),
  value: z.strictObject({ quantity: Quantity.optional(), ontologyClass: Term.optional() }).optional(),
  complexValue: Anything.optional(),
  timeObserved: TimeElement.optional(),
  procedure: Anything.optional(),
});

const Individual = z.strictObject({
  id: z.string().optional(),
  alternateIds: Strings.optional(),
  dateOfBirth: Anything.optional(),
  timeAtLastEncounter: Anything.optional(),
  vitalStatus: Anything.optional(),
  sex: z.enum(sexNames).optional(),
  karyotypicSex: Anything.optional(),
  gender: Anything.optional(),
  taxonomy: Anything.optional(),
});

const MetaData = z.strictObject(
  {
    created: z.string().optional(),
    createdBy: z.string().optional(),
    submittedBy: z.string().optional(),
    resources: AnyList.optional(),
    updates: AnyList.optional(),
    phenopacketSchemaVersion: z.string().regex(/^2(\.\d+)*$/, 'this importer reads Phenopacket schema version 2 (e.g. 2.0)').optional(),
    externalReferences: AnyList.optional(),
  },
  required('metaData (the Phenopacket schema requires it)'),
);

export const PhenopacketInput = z.strictObject({
  id: z.string().optional(),
  subject: Individual.optional(),
  phenotypicFeatures: z.array(Feature).optional(),
  measurements: z.array(Measurement).optional(),
  biosamples: AnyList.optional(),
  interpretations: z.array(Interpretation).optional(),
  diseases: z.array(Disease).optional(),
  medicalActions: AnyList.optional(),
  files: AnyList.optional(),
  metaData: MetaData,
});
export type PhenopacketInput = z.infer<typeof PhenopacketInput>;
export type FeatureInput = z.infer<typeof Feature>;
export type DiseaseInput = z.infer<typeof Disease>;
export type InterpretationInput = z.infer<typeof Interpretation>;
export type GenomicInterpretationInput = z.infer<typeof GenomicInterpretation>;
export type MeasurementInput = z.infer<typeof Measurement>;
