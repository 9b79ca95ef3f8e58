/**
 * Syntax of the codes a case record holds. Pure (no Node.js imports): the contract uses them, and the
 * web app may too. Labels are stored as given; only the shape of an identifier is checked here.
 */

/** A CURIE such as HP:0001250, NCIT:C76251 or SO:1000029 (any ontology: imports bring others). */
export const CURIE = /^[A-Za-z][A-Za-z0-9_.]*:[^\s:][^\s]*$/;

export const HPO_TERM = /^HP:\d{7}$/;
export const HGNC_ID = /^HGNC:\d{1,6}$/;
/** LOINC codes: up to 7 digits, a dash and the check digit (e.g. 2345-7). */
export const LOINC_CODE = /^\d{1,7}-\d$/;
/** Official HGNC symbols are upper-case letters, digits, dashes and the odd "@" or "orf". */
export const GENE_SYMBOL = /^[A-Za-z0-9][A-Za-z0-9@.-]{0,49}$/;

export const diagnosisCodeSystems = ['ORPHA', 'OMIM', 'ICD10', 'MONDO'] as const;
export type DiagnosisCodeSystem = (typeof diagnosisCodeSystems)[number];

const diagnosisCodePatterns: Record<DiagnosisCodeSystem, { pattern: RegExp; example: string }> = {
  ORPHA: { pattern: /^ORPHA:\d{1,7}$/, example: 'ORPHA:558' },
  OMIM: { pattern: /^OMIM:\d{6}$/, example: 'OMIM:154700' },
  // WHO ICD-10 (G71.0) and national modifications with a letter third character or longer subcodes (C4A, E75.22)
  ICD10: { pattern: /^ICD10:[A-Z]\d[0-9A-Z](\.[0-9A-Z]{1,4})?$/, example: 'ICD10:E75.2' },
  MONDO: { pattern: /^MONDO:\d{7}$/, example: 'MONDO:0007947' },
};

/** Why a diagnosis code is not acceptable, or undefined when it is. */
export function diagnosisCodeProblem(code: string): string | undefined {
  const system = code.slice(0, code.indexOf(':'));
  const rule = diagnosisCodePatterns[system as DiagnosisCodeSystem] as { pattern: RegExp; example: string } | undefined;
  if (!rule) return `use an ORPHAcode, OMIM, ICD-10 or MONDO code (e.g. ORPHA:558, OMIM:154700, ICD10:E75.2, MONDO:0007947), not "${code.slice(0, 40)}"`;
  return rule.pattern.test(code) ? undefined : `"${code.slice(0, 40)}" is not a valid ${system} code (e.g. ${rule.example})`;
}

/**
 * Other spellings of the same code system met in exchanged files: Orphanet's own CURIE prefix and
 * the ICD-10 prefixes of other registries. Normalised on import so that one code has one spelling.
 */
export function normaliseDiagnosisCode(code: string): string {
  return code.replace(/^(Orphanet|ORPHANET|orpha):/, 'ORPHA:').replace(/^(ICD-10|icd10|ICD10WHO):/, 'ICD10:');
}
