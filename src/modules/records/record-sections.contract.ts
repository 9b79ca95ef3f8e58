import { z } from 'zod';
import { GENE_SYMBOL, HGNC_ID, LOINC_CODE } from './codes.ts';
import { ClinicalDate, Decimal, OntologyTerm, TimeElement } from './record-values.contract.ts';

/**
 * The items of each section of the case record. Every item has a stable id (a UUID) that survives
 * edits, so versions can be compared item by item; a client adding an item may leave the id out and
 * the server assigns one.
 *
 * These schemas are structural on purpose: they also check every response, so a rule that may be
 * tightened later (HGVS syntax, code systems, UCUM units, links between items) lives in
 * check-record.ts and applies to writes only — an old version must always stay readable.
 */
const Note = z.string().trim().max(4000);
const FreeText = z.string().max(50_000);

/** Stored items carry an id; input items may omit it (new items). */
function item<T extends z.ZodRawShape>(shape: T) {
  return { stored: z.object({ id: z.uuid(), ...shape }), input: z.object({ id: z.uuid().optional(), ...shape }) };
}

export const History = z.object({
  /** Medical history, free text. */
  medicalHistory: FreeText,
  /** Family history and pedigree, free text. */
  familyHistory: FreeText,
});

const feature = item({
  /** An HPO term (other ontologies are kept as imported). */
  type: OntologyTerm,
  /** True when the feature was looked for and found absent. */
  excluded: z.boolean(),
  onset: TimeElement.optional(),
  resolution: TimeElement.optional(),
  /** A subclass of HP:0012824 Severity (HP:0012825 Mild … HP:0012829 Profound). */
  severity: OntologyTerm.optional(),
  modifiers: z.array(OntologyTerm).max(20).optional(),
  note: Note.optional(),
});

export const comparators = ['<', '<=', '>', '>='] as const;

const laboratory = item({
  analyte: z.string().trim().min(1).max(300),
  loinc: z.string().regex(LOINC_CODE, 'a LOINC code such as 2345-7').optional(),
  /** The analyte coded in another system (e.g. NCIT), as imported. */
  assay: OntologyTerm.optional(),
  comparator: z.enum(comparators).optional(),
  value: Decimal.optional(),
  /** The result as the laboratory wrote it ("<0.5", "positive", "1+"). */
  originalText: z.string().trim().min(1).max(200).optional(),
  /** UCUM, e.g. mg/dL, mmol/L, 10*3/uL (checked against the UCUM tables). */
  unit: z.string().trim().min(1).max(100).optional(),
  /** A unit coded in another system (NCIT, UO) that has no UCUM spelling here, kept as imported. */
  sourceUnit: OntologyTerm.optional(),
  referenceRange: z.object({ low: Decimal.optional(), high: Decimal.optional() }).optional(),
  date: ClinicalDate.optional(),
  note: Note.optional(),
});
const geneticTest = item({
  /** e.g. "Exome sequencing", "Chromosomal microarray", "Gene panel: hereditary ataxias". */
  name: z.string().trim().min(1).max(300),
  laboratory: z.string().trim().max(300).optional(),
  performedOn: ClinicalDate.optional(),
  result: z.enum(['pending', 'positive', 'negative', 'inconclusive']).optional(),
  note: Note.optional(),
});

export const VcfRecord = z.object({
  genomeAssembly: z.string().trim().min(1).max(50),
  chrom: z.string().trim().min(1).max(50),
  pos: z.int().min(1),
  ref: z.string().trim().min(1).max(1000),
  alt: z.string().trim().min(1).max(1000),
  id: z.string().max(200).optional(),
  qual: z.string().max(50).optional(),
  filter: z.string().max(200).optional(),
  info: z.string().max(2000).optional(),
});

export const variantInheritances = ['deNovo', 'maternal', 'paternal', 'biparental', 'unknown'] as const;
export const acmgClassifications = ['pathogenic', 'likelyPathogenic', 'uncertainSignificance', 'likelyBenign', 'benign'] as const;
export const interpretationStatuses = ['causative', 'contributory', 'candidate', 'rejected'] as const;

const variant = item({
  gene: z.object({ symbol: z.string().regex(GENE_SYMBOL, 'a gene symbol such as COL6A1'), hgncId: z.string().regex(HGNC_ID, 'an HGNC id such as HGNC:2211').optional() }).optional(),
  /** HGVS expressions of the same variant (c., g., p., …), each with its versioned reference sequence. */
  hgvs: z.array(z.string().trim().min(1).max(300)).max(10),
  /** A short description, e.g. "Deletion exon 4" (structural variants often have nothing else). */
  label: z.string().trim().max(300).optional(),
  /** A Sequence Ontology class, e.g. SO:1000029 chromosomal deletion: how a variant without HGVS is described. */
  structuralType: OntologyTerm.optional(),
  moleculeContext: z.enum(['genomic', 'transcript', 'protein']).optional(),
  /** Zygosity (allelic state), a GENO term, e.g. GENO:0000135 heterozygous. */
  zygosity: OntologyTerm.optional(),
  inheritance: z.enum(variantInheritances).optional(),
  /** ACMG/AMP classification. */
  classification: z.enum(acmgClassifications).optional(),
  /** The variant's part in the diagnosis it is linked to. */
  interpretationStatus: z.enum(interpretationStatuses).optional(),
  /** The diagnosis (an item of the diagnoses section) this variant explains or is examined for. */
  diagnosisId: z.uuid().optional(),
  vcf: VcfRecord.optional(),
  note: Note.optional(),
});
const histology = item({
  specimen: z.string().trim().min(1).max(300),
  takenOn: ClinicalDate.optional(),
  laboratory: z.string().trim().max(300).optional(),
  findings: FreeText,
  conclusion: Note.optional(),
});

export const diagnosisStatuses = ['suspected', 'confirmed', 'excluded'] as const;

const diagnosis = item({
  /** An ORPHAcode, OMIM, ICD-10 or MONDO code with its label. */
  term: OntologyTerm,
  status: z.enum(diagnosisStatuses),
  onset: TimeElement.optional(),
  resolution: TimeElement.optional(),
  note: Note.optional(),
});

export const PhenotypicFeature = feature.stored;
export const LaboratoryResult = laboratory.stored;
export const GeneticTest = geneticTest.stored;
export const Variant = variant.stored;
export const Genetics = z.object({ tests: z.array(GeneticTest).max(200), variants: z.array(Variant).max(200) });
export const HistologyReport = histology.stored;
export const Diagnosis = diagnosis.stored;

/** What a client sends for each section (ids optional on new items). */
export const sectionInputs = {
  history: History,
  phenotypicFeatures: z.array(feature.input).max(1000),
  laboratoryResults: z.array(laboratory.input).max(2000),
  genetics: z.object({ tests: z.array(geneticTest.input).max(200), variants: z.array(variant.input).max(200) }),
  histology: z.array(histology.input).max(200),
  diagnoses: z.array(diagnosis.input).max(200),
};

export type PhenotypicFeature = z.infer<typeof PhenotypicFeature>;
export type LaboratoryResult = z.infer<typeof LaboratoryResult>;
export type GeneticTest = z.infer<typeof GeneticTest>;
export type Variant = z.infer<typeof Variant>;
export type Genetics = z.infer<typeof Genetics>;
export type HistologyReport = z.infer<typeof HistologyReport>;
export type Diagnosis = z.infer<typeof Diagnosis>;
export type History = z.infer<typeof History>;

/** What the web app sends as `content` for each section (PUT …/record/sections/:section). */
export type SectionContent = { [S in keyof typeof sectionInputs]: z.input<(typeof sectionInputs)[S]> };
