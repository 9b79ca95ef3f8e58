import { diagnosisCodeProblem, normaliseDiagnosisCode } from '../codes.ts';
import type { Diagnosis, Variant } from '../record-sections.contract.ts';
import { progressOf, suspectedProgress } from './enums.ts';
import { compact } from './json.ts';
import { noteUnsupported, type ImportNotes } from './import-notes.ts';
import type { PhenopacketInput } from './phenopacket-schema.ts';
import { variantFromPhenopacket, variantToPhenopacket } from './variants.ts';

/** A disease code as the record spells it, or undefined (and a problem) when it cannot be one. */
function codeOf(id: string, path: string, notes: ImportNotes): string | undefined {
  const code = normaliseDiagnosisCode(id);
  const problem = diagnosisCodeProblem(code);
  if (problem) notes.problems.push({ path, message: problem });
  return problem ? undefined : code;
}

/**
 * Diseases and interpretations as diagnoses and variants. A listed disease is excluded or confirmed
 * (suspected while an interpretation of it is in progress or unsolved); a disease named only by an
 * interpretation becomes a diagnosis too, so each variant stays linked to what it explains.
 */
export function diagnosesFromPhenopacket(packet: PhenopacketInput, at: string, notes: ImportNotes, newId: () => string): { diagnoses: Diagnosis[]; variants: Variant[] } {
  const interpretations = packet.interpretations ?? [];
  const progressByCode = new Map<string, string[]>();
  for (const interpretation of interpretations) {
    const id = interpretation.diagnosis?.disease?.id;
    if (id !== undefined) progressByCode.set(normaliseDiagnosisCode(id), [...(progressByCode.get(normaliseDiagnosisCode(id)) ?? []), interpretation.progressStatus ?? 'UNKNOWN_PROGRESS']);
  }
  const byCode = new Map<string, Diagnosis>();
  packet.diseases?.forEach((disease, i) => {
    const path = `${at}.diseases.${i}`;
    const code = codeOf(disease.term.id, `${path}.term.id`, notes);
    if (code === undefined) return;
    if (byCode.has(code)) return void notes.notImported.push({ path, message: `listed twice: kept once (${code})` });
    noteUnsupported(notes, path, disease, ['diseaseStage', 'clinicalTnmFinding', 'primarySite', 'laterality'], 'not imported: the record keeps no staging, TNM, site or laterality');
    const suspected = progressByCode.get(code)?.some((p) => (suspectedProgress as readonly string[]).includes(p)) ?? false;
    const status = disease.excluded ? 'excluded' : suspected ? 'suspected' : 'confirmed';
    byCode.set(code, compact({ id: newId(), term: { ...disease.term, id: code }, status, onset: disease.onset, resolution: disease.resolution }) as Diagnosis);
  });

  const variants: Variant[] = [];
  interpretations.forEach((interpretation, k) => {
    const path = `${at}.interpretations.${k}`;
    const disease = interpretation.diagnosis?.disease;
    const code = disease && codeOf(disease.id, `${path}.diagnosis.disease.id`, notes);
    let diagnosis = code === undefined ? undefined : byCode.get(code);
    if (disease && code !== undefined && !diagnosis) {
      const solved = interpretation.progressStatus === 'SOLVED' || interpretation.progressStatus === 'COMPLETED';
      diagnosis = compact({ id: newId(), term: { ...disease, id: code }, status: solved ? 'confirmed' : 'suspected' }) as Diagnosis;
      byCode.set(code, diagnosis);
    }
    if (interpretation.summary !== undefined) {
      if (diagnosis && diagnosis.note === undefined) diagnosis.note = interpretation.summary;
      else notes.notImported.push({ path: `${path}.summary`, message: 'not imported: a summary without a diagnosis to attach it to' });
    }
    interpretation.diagnosis?.genomicInterpretations?.forEach((genomic, j) => {
      const at = `${path}.diagnosis.genomicInterpretations.${j}`;
      if (!genomic.variantInterpretation) {
        return void notes.notImported.push({ path: `${at}.gene`, message: `not imported: a gene (${genomic.gene?.symbol ?? 'unnamed'}) without a variant; the record keeps variants` });
      }
      const variant = variantFromPhenopacket(genomic, at, notes, newId());
      if (variant) variants.push(diagnosis ? { ...variant, diagnosisId: diagnosis.id } : variant);
    });
  });
  return { diagnoses: [...byCode.values()], variants };
}

/**
 * Diagnoses as phenopacket diseases, and interpretations for those with variants, a note (the
 * interpretation's summary) or still suspected (the only way a phenopacket says so); variants linked to no diagnosis go into one
 * interpretation without a disease, so none is left out.
 */
export function diagnosesToPhenopacket(diagnoses: Diagnosis[], variants: Variant[], subjectId: string) {
  const diseases = diagnoses.map((d) => compact({ term: d.term, excluded: d.status === 'excluded' ? true : undefined, onset: d.onset, resolution: d.resolution }));
  const interpretations = diagnoses
    .map((d) => ({ diagnosis: d, linked: variants.filter((v) => v.diagnosisId === d.id) }))
    .filter(({ diagnosis, linked }) => linked.length > 0 || diagnosis.status === 'suspected' || diagnosis.note !== undefined)
    .map(({ diagnosis, linked }) =>
      compact({
        id: diagnosis.id,
        progressStatus: progressOf[diagnosis.status],
        diagnosis: compact({ disease: diagnosis.term, genomicInterpretations: linked.map((v) => variantToPhenopacket(v, subjectId)) }),
        summary: diagnosis.note,
      }),
    );
  const known = new Set(diagnoses.map((d) => d.id));
  const unlinked = variants.filter((v) => v.diagnosisId === undefined || !known.has(v.diagnosisId));
  const unassigned = unlinked.length === 0 ? [] : [{ id: `${subjectId}-variants`, progressStatus: 'IN_PROGRESS' as const, diagnosis: { genomicInterpretations: unlinked.map((v) => variantToPhenopacket(v, subjectId)) } }];
  return { diseases, interpretations: [...interpretations, ...unassigned] };
}
