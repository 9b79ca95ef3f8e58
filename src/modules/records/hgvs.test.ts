import { describe, expect, it } from 'vitest';
import { hgvsProblem, hgvsType } from './hgvs.ts';

describe('HGVS syntax check', () => {
  it.each([
    'NM_000123.4:c.123A>G',
    'NM_001080449.3:c.588-2214A>G',
    'NM_006010.6:c.94+1G>T',
    'NM_025000.4:c.127-3_127-1delinsAA',
    'NM_024683.4:c.484_489del',
    'NM_000082.4:c.311_312del',
    'NM_004006.2:c.-14G>C',
    'NM_004006.2:c.*35del',
    'NM_004006.2:c.3921dup',
    'NM_004006.2:c.3921_3922insAGT',
    'NM_004006.2:c.(4071+1_4072-1)_(5154+1_5155-1)del',
    'NM_002111.8:c.52CAG[23]',
    'NM_004006.2(DMD):c.3921dup',
    'NC_000023.11(NM_004006.2):c.3921dup',
    'ENST00000357033.9:c.3921dup',
    'LRG_199t1:c.3921dup',
    'NR_002196.2:n.601G>T',
    'NC_000010.11:g.68461449T>C',
    'NC_000017.11:g.30904079_30904084del',
    'NC_000023.11:g.(31060227_31100351)_(33274278_33417151)dup',
    'NG_012232.1:g.12345G>A',
    'NC_012920.1:m.8993T>G',
    'NP_078959.3:p.(Glu162_Arg163del)',
    'NP_000073.1:p.(Thr104SerfsTer7)',
    'NP_001073918.2:p.?',
    'NP_000529.1:p.(Gln55Ter)',
    'NP_003997.1:p.Trp24*',
    'NP_003997.1:p.W24*',
    'NP_003997.1:p.Arg97fs',
    'NP_003997.2:p.Met1ext-5',
    'NP_003997.1:p.Lys23_Val25dup',
    'NP_003997.1:p.His4_Gln5insAla',
    'NP_003997.1:p.0',
  ])('accepts %s', (expression) => {
    expect(hgvsProblem(expression)).toBeUndefined();
  });

  it.each([
    ['c.123A>G', 'versioned reference sequence'],
    ['NM_000123:c.123A>G', 'give the version'],
    ['NM_000123.4:c.123A>', 'not a valid HGVS c.'],
    ['NM_000123.4:c.123A>Gdel', 'not a valid HGVS c.'],
    ['NM_000123.4:c.ABC', 'not a valid HGVS c.'],
    ['NM_000123.4:p.Arg12Cys', 'protein reference'],
    ['NP_000123.1:c.123A>G', 'coding transcript'],
    ['NC_000010.11:c.123A>G', 'coding transcript'],
    ['NM_000123.4:g.123A>G', 'genomic reference'],
    ['NC_000010.11:g.-12A>G', 'not a valid HGVS g.'],
    ['NP_000123.1:p.Arg12Foo', 'not a valid HGVS p.'],
    ['NM_000123.4:c.123 A>G', 'not an HGVS expression'],
    ['rs1234567', 'not an HGVS expression'],
  ])('refuses %s (%s)', (expression, message) => {
    expect(hgvsProblem(expression)).toContain(message);
  });

  it('tells the kind of an expression', () => {
    expect(hgvsType('NC_000010.11:g.68461449T>C')).toBe('g');
    expect(hgvsType('NP_001073918.2:p.?')).toBe('p');
    expect(hgvsType('not hgvs')).toBeUndefined();
  });
});
