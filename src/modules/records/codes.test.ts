import { describe, expect, it } from 'vitest';
import { diagnosisCodeProblem, normaliseDiagnosisCode } from './codes.ts';

describe('diagnosis codes', () => {
  it.each(['ORPHA:558', 'ORPHA:79269', 'OMIM:154700', 'ICD10:E75.2', 'ICD10:G71.0', 'ICD10:Q87.4', 'ICD10:C4A.9', 'ICD10:U07.1', 'ICD10:G40', 'MONDO:0007947'])('accepts %s', (code) => {
    expect(diagnosisCodeProblem(code)).toBeUndefined();
  });

  it.each([
    ['OMIM:15470', 'not a valid OMIM code'],
    ['OMIM:1547000', 'not a valid OMIM code'],
    ['ORPHA:abc', 'not a valid ORPHA code'],
    ['ICD10:E752', 'not a valid ICD10 code'],
    ['ICD10:e75.2', 'not a valid ICD10 code'],
    ['MONDO:7947', 'not a valid MONDO code'],
    ['DOID:14705', 'use an ORPHAcode, OMIM, ICD-10 or MONDO code'],
    ['558', 'use an ORPHAcode'],
  ])('refuses %s', (code, message) => {
    expect(diagnosisCodeProblem(code)).toContain(message);
  });

  it('reads the other spellings of ORPHAcodes and ICD-10 codes met in files', () => {
    expect(normaliseDiagnosisCode('Orphanet:558')).toBe('ORPHA:558');
    expect(normaliseDiagnosisCode('ICD-10:E75.2')).toBe('ICD10:E75.2');
    expect(normaliseDiagnosisCode('OMIM:154700')).toBe('OMIM:154700');
  });
});
