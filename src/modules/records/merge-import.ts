import type { ImportedRecord } from './phenopacket/from-phenopacket.ts';
import type { Diagnosis, LaboratoryResult, PhenotypicFeature, Variant } from './record-sections.contract.ts';
import type { RecordContent } from './records.contract.ts';

export type ImportMode = 'replace' | 'merge';

/**
 * Puts imported items into the record. An imported item that matches one already there takes over
 * its id (so versions compare item by item); in merge mode it updates that item (fields the file
 * lacks stay) and the rest of the record stays; in replace mode the file's items replace the section.
 */
function combine<T extends { id: string }>(base: T[], incoming: T[], same: (a: T, b: T) => boolean, mode: ImportMode, update: (existing: T, item: T) => T) {
  const used = new Set<number>();
  const ids = new Map<string, string>();
  const updated = [...base];
  const appended: T[] = [];
  const replacing: T[] = [];
  for (const item of incoming) {
    const index = base.findIndex((candidate, i) => !used.has(i) && same(candidate, item));
    const existing = base[index];
    if (existing === undefined) {
      appended.push(item);
      replacing.push(item);
      continue;
    }
    used.add(index);
    ids.set(item.id, existing.id);
    updated[index] = update(existing, item);
    replacing.push({ ...item, id: existing.id });
  }
  return { items: mode === 'merge' ? [...updated, ...appended] : replacing, ids };
}

const shallow = <T extends { id: string }>(existing: T, item: T): T => ({ ...existing, ...item, id: existing.id });

const sameFeature = (a: PhenotypicFeature, b: PhenotypicFeature) => a.type.id === b.type.id;
const labKey = (r: LaboratoryResult) => [r.loinc ?? r.assay?.id ?? r.analyte, r.date, r.comparator, r.value ?? r.originalText, r.unit ?? r.sourceUnit?.id].join('|');
const sameDiagnosis = (a: Diagnosis, b: Diagnosis) => a.term.id === b.term.id;
const vcfKey = (v: Variant) => v.vcf && `${v.vcf.genomeAssembly}:${v.vcf.chrom}:${v.vcf.pos}:${v.vcf.ref}>${v.vcf.alt}`;
function sameVariant(a: Variant, b: Variant): boolean {
  if (a.hgvs.some((e) => b.hgvs.includes(e))) return true;
  if (vcfKey(a) !== undefined && vcfKey(a) === vcfKey(b)) return true;
  // structural variants have no HGVS: the same type, gene and description are the same variant
  return a.hgvs.length === 0 && b.hgvs.length === 0 && a.structuralType !== undefined && a.structuralType.id === b.structuralType?.id && a.gene?.symbol === b.gene?.symbol && a.label === b.label;
}
const updateVariant = (existing: Variant, item: Variant): Variant => ({ ...shallow(existing, item), hgvs: [...new Set([...existing.hgvs, ...item.hgvs])] });

/**
 * The record after an import. Replace mode replaces only what the file brings: features if it has
 * any, laboratory results if it has measurements, diagnoses and variants together if it has diseases
 * or interpretations (they are linked); history, histology and genetic tests always stay.
 */
export function mergeImport(base: RecordContent, imported: ImportedRecord, mode: ImportMode): RecordContent {
  const hasInterpretation = imported.diagnoses.length > 0 || imported.variants.length > 0;
  const features = combine(base.phenotypicFeatures, imported.phenotypicFeatures, sameFeature, mode, shallow);
  const labs = combine(base.laboratoryResults, imported.laboratoryResults, (a, b) => labKey(a) === labKey(b), mode, shallow);
  const diagnoses = combine(base.diagnoses, imported.diagnoses, sameDiagnosis, mode, shallow);
  const relinked = imported.variants.map((v) => (v.diagnosisId === undefined ? v : { ...v, diagnosisId: diagnoses.ids.get(v.diagnosisId) ?? v.diagnosisId }));
  const variants = combine(base.genetics.variants, relinked, sameVariant, mode, updateVariant);
  return {
    ...base,
    phenotypicFeatures: imported.phenotypicFeatures.length > 0 ? features.items : base.phenotypicFeatures,
    laboratoryResults: imported.laboratoryResults.length > 0 ? labs.items : base.laboratoryResults,
    diagnoses: hasInterpretation ? diagnoses.items : base.diagnoses,
    genetics: { tests: base.genetics.tests, variants: hasInterpretation ? variants.items : base.genetics.variants },
  };
}
