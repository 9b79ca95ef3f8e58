import type { FieldProblem } from '../../http/errors.ts';
import { diagnosisCodeProblem } from './codes.ts';
import { hgvsProblem } from './hgvs.ts';
import { compareDecimals } from './out-of-range.ts';
import type { RecordContent } from './records.contract.ts';
import { ucumProblem } from './ucum.ts';

/**
 * PostgreSQL's jsonb refuses NUL characters and unpaired surrogates (the database would answer with an
 * error, the client with a 500): such text is refused here with its path instead.
 */
function storableText(value: unknown, path: string, add: (path: string, message: string) => void): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000') || !value.isWellFormed()) add(path, 'this text contains characters that cannot be stored (NUL or a broken surrogate pair)');
  } else if (Array.isArray(value)) value.forEach((item, i) => storableText(item, `${path}.${i}`, add));
  else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) storableText(item, path ? `${path}.${key}` : key, add);
}

/**
 * The latest calendar date anywhere now (UTC+14): a date entered today in any time zone is not "in
 * the future", while a typing slip of a month or a year is.
 */
export const latestDateNow = (now: Date): string => new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);

/**
 * The rules a record must meet to be saved, beyond its shape: code syntax (HGVS, ORPHA/OMIM/ICD-10/
 * MONDO), UCUM units, links between items, plausible dates. Paths are within the record
 * ("genetics.variants.2.hgvs.0"). They apply to writes only, so tightening one never makes an old
 * version unreadable.
 */
export function checkRecord(record: RecordContent, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  storableText(record, '', add);
  const notFuture = (path: string, date: string | undefined) => {
    if (date !== undefined && date > today.slice(0, date.length)) add(path, 'this date is in the future');
  };

  const seen = new Map<string, string>();
  const uniqueId = (path: string, id: string) => {
    const first = seen.get(id);
    if (first) add(`${path}.id`, `this id is already used by ${first}`);
    else seen.set(id, path);
  };

  record.phenotypicFeatures.forEach((f, i) => uniqueId(`phenotypicFeatures.${i}`, f.id));

  record.laboratoryResults.forEach((r, i) => {
    const at = `laboratoryResults.${i}`;
    uniqueId(at, r.id);
    if (r.value === undefined && r.originalText === undefined) add(`${at}.value`, 'give a value or the original text of the result');
    if (r.comparator !== undefined && r.value === undefined) add(`${at}.comparator`, 'a comparator needs a value');
    const unitProblem = r.unit === undefined ? undefined : ucumProblem(r.unit);
    if (unitProblem) add(`${at}.unit`, unitProblem);
    const { low, high } = r.referenceRange ?? {};
    if (low !== undefined && high !== undefined && compareDecimals(low, high) > 0) add(`${at}.referenceRange`, 'the lower limit is above the upper limit');
    notFuture(`${at}.date`, r.date);
  });

  record.genetics.tests.forEach((t, i) => {
    uniqueId(`genetics.tests.${i}`, t.id);
    notFuture(`genetics.tests.${i}.performedOn`, t.performedOn);
  });

  const diagnosisIds = new Set(record.diagnoses.map((d) => d.id));
  record.genetics.variants.forEach((v, i) => {
    const at = `genetics.variants.${i}`;
    uniqueId(at, v.id);
    v.hgvs.forEach((expression, j) => {
      const problem = hgvsProblem(expression);
      if (problem) add(`${at}.hgvs.${j}`, problem);
    });
    if (v.hgvs.length === 0 && v.structuralType === undefined && v.vcf === undefined) {
      add(`${at}.hgvs`, 'describe the variant by an HGVS expression, a structural type (e.g. SO:1000029 chromosomal deletion) or a VCF record');
    }
    if (v.diagnosisId !== undefined && !diagnosisIds.has(v.diagnosisId)) {
      add(`${at}.diagnosisId`, 'this variant is linked to a diagnosis that is not in the record; link it to one of the record\'s diagnoses or remove the link first');
    }
  });

  record.histology.forEach((h, i) => {
    uniqueId(`histology.${i}`, h.id);
    notFuture(`histology.${i}.takenOn`, h.takenOn);
  });

  const codes = new Map<string, number>();
  record.diagnoses.forEach((d, i) => {
    const at = `diagnoses.${i}`;
    uniqueId(at, d.id);
    const problem = diagnosisCodeProblem(d.term.id);
    if (problem) add(`${at}.term.id`, problem);
    const first = codes.get(d.term.id);
    if (first !== undefined) add(`${at}.term.id`, `${d.term.id} is already diagnosis ${first + 1} of the record`);
    else codes.set(d.term.id, i);
  });

  return problems;
}
