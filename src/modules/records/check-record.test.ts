import { describe, expect, it } from 'vitest';
import { checkRecord, latestDateNow } from './check-record.ts';
import { emptyRecord } from './records.contract.ts';

const id = (n: number) => `c0000000-0000-4000-8000-00000000000${n}`;

describe('record rules', () => {
  it('checks HGVS, codes, UCUM, ranges, dates and links, with the path of each problem', () => {
    const problems = checkRecord(
      {
        ...emptyRecord(),
        laboratoryResults: [
          { id: id(1), analyte: 'Sodium', value: '139', unit: 'mEq/L', referenceRange: { low: '145', high: '135' }, date: '2031-01' },
          { id: id(2), analyte: 'Culture', comparator: '<' },
        ],
        genetics: { tests: [], variants: [{ id: id(3), hgvs: ['NM_000123:c.1A>G'], diagnosisId: id(9) }, { id: id(4), hgvs: [] }] },
        diagnoses: [
          { id: id(5), term: { id: 'OMIM:12345' }, status: 'confirmed' },
          { id: id(1), term: { id: 'ORPHA:558' }, status: 'suspected' },
          { id: id(6), term: { id: 'ORPHA:558' }, status: 'confirmed' },
        ],
      },
      '2026-06-01',
    );
    expect(problems.map((p) => p.path)).toEqual([
      'laboratoryResults.0.unit',
      'laboratoryResults.0.referenceRange',
      'laboratoryResults.0.date',
      'laboratoryResults.1.value',
      'laboratoryResults.1.comparator',
      'genetics.variants.0.hgvs.0',
      'genetics.variants.0.diagnosisId',
      'genetics.variants.1.hgvs',
      'diagnoses.0.term.id',
      'diagnoses.1.id',
      'diagnoses.2.term.id',
    ]);
  });

  it('takes a date entered today anywhere on earth as not in the future', () => {
    const justAfterMidnightInAuckland = new Date('2026-06-01T12:30:00Z');
    expect(latestDateNow(justAfterMidnightInAuckland)).toBe('2026-06-02');
    expect(checkRecord({ ...emptyRecord(), histology: [{ id: id(1), specimen: 'Muscle biopsy', takenOn: '2026-06-02', findings: '' }] }, '2026-06-02')).toEqual([]);
  });
});
