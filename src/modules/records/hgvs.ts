/**
 * A pragmatic HGVS syntax check: a versioned reference sequence of the right kind, then a c./n./g./m./p.
 * description of the common edits (substitution, deletion, duplication, insertion, deletion-insertion,
 * inversion, repeats, frameshift, extension). It catches typing mistakes; it does not check that the
 * position or the reference base exists (that needs the sequence, and a heavy library). Pure: the
 * contract and the web app use it.
 */

export type HgvsType = 'c' | 'g' | 'm' | 'n' | 'p';

const references: Record<HgvsType, { pattern: RegExp; needs: string }> = {
  c: { pattern: /^(?:(?:NM|XM)_\d+\.\d+|ENST\d+\.\d+|LRG_\d+t\d+)$/, needs: 'a coding transcript (NM_, XM_, ENST or LRG_…t…)' },
  n: { pattern: /^(?:(?:NR|XR|NM)_\d+\.\d+|ENST\d+\.\d+|LRG_\d+t\d+)$/, needs: 'a transcript (NR_, XR_, NM_, ENST or LRG_…t…)' },
  g: { pattern: /^(?:(?:NC|NG|NT|NW)_\d+\.\d+|LRG_\d+)$/, needs: 'a genomic reference (NC_, NG_, NT_, NW_ or LRG_)' },
  m: { pattern: /^NC_\d+\.\d+$/, needs: 'the mitochondrial reference (e.g. NC_012920.1)' },
  p: { pattern: /^(?:(?:NP|XP)_\d+\.\d+|ENSP\d+\.\d+|LRG_\d+p\d+)$/, needs: 'a protein reference (NP_, XP_, ENSP or LRG_…p…)' },
};
const anyReference = Object.values(references).map((r) => r.pattern);
const VERSIONLESS = /^(?:(?:N[CGMPRTW]|X[MPR])_\d+|ENS[TP]\d+)$/;

const NT = '[ACGTN]';
const nucleotideEdit = `(?:${NT}>${NT}|del${NT}*|dup${NT}*|inv|ins(?:${NT}+|\\d+|\\(\\d+\\))|delins${NT}+|${NT}*\\[\\d+\\]|=)`;
const transcriptPosition = '(?:[-*]?\\d+(?:[+-]\\d+)?|\\?)';
const genomicPosition = '(?:\\d+|\\?)';
const located = (position: string) => {
  const token = `(?:${position}|\\(${position}_${position}\\))`;
  return new RegExp(`^(?:${token}(?:_${token})?${nucleotideEdit}|\\?|=)$`);
};
const transcriptBody = located(transcriptPosition);
const genomicBody = located(genomicPosition);

const AA3 = '(?:Ala|Arg|Asn|Asp|Cys|Gln|Glu|Gly|His|Ile|Leu|Lys|Met|Phe|Pro|Ser|Thr|Trp|Tyr|Val|Sec|Pyl|Ter|Xaa)';
const AA1 = '[ACDEFGHIKLMNPQRSTVWYUOX*]';
const proteinBody = (aa: string) => {
  const at = `${aa}\\d+`;
  const edit = `(?:${aa}|\\*|=|\\?|${aa}?fs(?:Ter|\\*)?(?:\\d+|\\?)?|del|dup|ins(?:${aa})+|delins(?:${aa})+|${aa}?ext(?:-?\\d+|(?:Ter|\\*)(?:\\d+|\\?))?)`;
  const change = `${at}(?:_${at})?${edit}`;
  return new RegExp(`^(?:${change}|\\(${change}\\)|\\?|=|0\\??)$`);
};
const proteinBodies = [proteinBody(AA3), proteinBody(AA1)];

const bodyFits: Record<HgvsType, (body: string) => boolean> = {
  c: (b) => transcriptBody.test(b),
  n: (b) => transcriptBody.test(b),
  g: (b) => genomicBody.test(b),
  m: (b) => genomicBody.test(b),
  p: (b) => proteinBodies.some((p) => p.test(b)),
};

/** The kind of an HGVS expression ("c" for NM_000123.4:c.123A>G), if it has the shape of one. */
export function hgvsType(expression: string): HgvsType | undefined {
  return /^[^:\s]+:([cgmnp])\./.exec(expression)?.[1] as HgvsType | undefined;
}

/** Why an HGVS expression is not acceptable, or undefined when its syntax is right. */
export function hgvsProblem(expression: string): string | undefined {
  const shown = expression.length > 60 ? `${expression.slice(0, 60)}…` : expression;
  const parts = /^([^:\s]+):([cgmnp])\.(\S+)$/.exec(expression);
  if (!parts) return `"${shown}" is not an HGVS expression: start with the versioned reference sequence, e.g. NM_000123.4:c.123A>G`;
  const [, referenceText = '', type = 'c', body = ''] = parts;
  const kind = type as HgvsType;
  const reference = /^([A-Za-z0-9_.]+)(?:\(([A-Za-z0-9_.-]+)\))?$/.exec(referenceText);
  if (!reference) return `"${shown}": the reference sequence is not readable`;
  const [, outer = '', inner] = reference;
  // NC_000023.11(NM_004006.2):c.… describes the transcript; NM_004006.2(DMD):c.… names the gene
  const typed = inner !== undefined && anyReference.some((p) => p.test(inner)) ? inner : outer;
  if (VERSIONLESS.test(typed)) return `"${shown}": give the version of the reference sequence (e.g. ${typed}.1)`;
  if (!references[kind].pattern.test(typed)) return `"${shown}": a ${kind}. description needs ${references[kind].needs}`;
  if (!bodyFits[kind](body)) return `"${shown}": "${kind}.${body}" is not a valid HGVS ${kind}. description`;
  return undefined;
}
