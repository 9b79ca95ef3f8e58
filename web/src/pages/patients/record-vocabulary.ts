import type { GeneticTestItem, OntologyTerm, SectionItem, VariantItem } from '../../api/records-api.ts';

/*
 * The closed value sets of the record's contract, as the web app offers them. The types come from the
 * server's contract (type-only), and each list is spelled out once as the keys of a Record over that
 * type, so a value added to the contract fails the type check here until it is offered.
 */
const keysOf = <T extends string>(values: Record<T, true>) => Object.keys(values) as T[];

type Defined<T> = Exclude<T, undefined>;
export type Comparator = Defined<SectionItem<'laboratoryResults'>['comparator']>;
export type TestResult = Defined<GeneticTestItem['result']>;
export type Inheritance = Defined<VariantItem['inheritance']>;
export type Classification = Defined<VariantItem['classification']>;
export type InterpretationStatus = Defined<VariantItem['interpretationStatus']>;
export type DiagnosisStatus = SectionItem<'diagnoses'>['status'];

export const comparators = keysOf<Comparator>({ '<': true, '<=': true, '>': true, '>=': true });
export const testResults = keysOf<TestResult>({ pending: true, positive: true, negative: true, inconclusive: true });
export const inheritances = keysOf<Inheritance>({ deNovo: true, maternal: true, paternal: true, biparental: true, unknown: true });
export const classifications = keysOf<Classification>({ pathogenic: true, likelyPathogenic: true, uncertainSignificance: true, likelyBenign: true, benign: true });
export const interpretationStatuses = keysOf<InterpretationStatus>({ causative: true, contributory: true, candidate: true, rejected: true });
export const diagnosisStatuses = keysOf<DiagnosisStatus>({ suspected: true, confirmed: true, excluded: true });

/** A term the app offers by name: `key` names it in the catalogue, `term` is what is stored (labels as the ontology writes them). */
export interface OfferedTerm<K extends string = string> {
  key: K;
  term: OntologyTerm;
}

/** The subclasses of HP:0012824 Severity, mildest first. */
export const severityClasses = [
  { key: 'borderline', term: { id: 'HP:0012827', label: 'Borderline' } },
  { key: 'mild', term: { id: 'HP:0012825', label: 'Mild' } },
  { key: 'moderate', term: { id: 'HP:0012826', label: 'Moderate' } },
  { key: 'severe', term: { id: 'HP:0012828', label: 'Severe' } },
  { key: 'profound', term: { id: 'HP:0012829', label: 'Profound' } },
] as const satisfies readonly OfferedTerm[];

/** Zygosity (allelic state) as GENO terms, as phenopackets write it. */
export const zygosities = [
  { key: 'heterozygous', term: { id: 'GENO:0000135', label: 'heterozygous' } },
  { key: 'homozygous', term: { id: 'GENO:0000136', label: 'homozygous' } },
  { key: 'hemizygous', term: { id: 'GENO:0000134', label: 'hemizygous' } },
  { key: 'compoundHeterozygous', term: { id: 'GENO:0000402', label: 'compound heterozygous' } },
  { key: 'heteroplasmic', term: { id: 'GENO:0000603', label: 'heteroplasmic' } },
  { key: 'homoplasmic', term: { id: 'GENO:0000602', label: 'homoplasmic' } },
  { key: 'unspecified', term: { id: 'GENO:0000137', label: 'unspecified zygosity' } },
] as const satisfies readonly OfferedTerm[];

/** Sequence Ontology classes for variants described without HGVS (structural variants, copy-number changes). */
export const structuralTypes = [
  { key: 'deletion', term: { id: 'SO:1000029', label: 'chromosomal_deletion' } },
  { key: 'duplication', term: { id: 'SO:1000037', label: 'chromosomal_duplication' } },
  { key: 'inversion', term: { id: 'SO:1000030', label: 'chromosomal_inversion' } },
  { key: 'translocation', term: { id: 'SO:1000044', label: 'chromosomal_translocation' } },
  { key: 'copyNumberLoss', term: { id: 'SO:0001743', label: 'copy_number_loss' } },
  { key: 'copyNumberGain', term: { id: 'SO:0001742', label: 'copy_number_gain' } },
] as const satisfies readonly OfferedTerm[];

/** The code systems a diagnosis may be coded in, with the prefix the server expects. */
export const diagnosisCodeSystems = ['ORPHA', 'OMIM', 'ICD10', 'MONDO'] as const;

/**
 * Options for a Select over offered terms, named by `name`, plus the item's own term when it is
 * another one (an imported term), so that opening an item never changes it.
 */
export function termOptions<K extends string>(offered: readonly OfferedTerm<K>[], current: OntologyTerm | undefined, name: (key: K) => string) {
  const options = offered.map((o) => ({ value: o.term.id, label: name(o.key) }));
  if (current && !offered.some((o) => o.term.id === current.id)) options.push({ value: current.id, label: current.label ? `${current.label} (${current.id})` : current.id });
  return options;
}

/** The term behind a Select's value (undefined when cleared). */
export function termById(offered: readonly OfferedTerm[], current: OntologyTerm | undefined, id: string | null): OntologyTerm | undefined {
  if (!id) return undefined;
  if (current?.id === id) return current;
  const found = offered.find((o) => o.term.id === id)?.term;
  return found && { ...found };
}

/** The catalogue key of an offered term, when the stored term is one of them. */
export const offeredKey = <K extends string>(offered: readonly OfferedTerm<K>[], term: OntologyTerm | undefined): K | undefined => offered.find((o) => o.term.id === term?.id)?.key;
