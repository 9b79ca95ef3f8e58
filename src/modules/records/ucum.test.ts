import { describe, expect, it } from 'vitest';
import { ucumProblem } from './ucum.ts';

describe('UCUM units', () => {
  it.each(['mg/dL', 'mmol/L', '10*3/uL', 'U/L', '%', '[IU]/L', 'mL/min/{1.73_m2}', 'umol/L', 'g/dL', '/uL'])('accepts %s', (unit) => {
    expect(ucumProblem(unit)).toBeUndefined();
  });

  it('refuses what is not UCUM, passing on the library\'s suggestion', () => {
    expect(ucumProblem('IU/L')).toContain('[IU]');
    expect(ucumProblem('mEq/L')).toContain('not a UCUM unit');
    expect(ucumProblem('Thousand Cells')).toContain('no spaces');
    expect(ucumProblem('furlongs')).toContain('not a UCUM unit');
  });
});
