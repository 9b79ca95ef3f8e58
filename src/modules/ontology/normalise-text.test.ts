import { describe, expect, it } from 'vitest';
import { normaliseText } from './normalise-text.ts';

describe('normaliseText', () => {
  it('lower-cases, removes accents and turns punctuation into single spaces', () => {
    expect(normaliseText('Generalized tonic-clonic  seizure')).toBe('generalized tonic clonic seizure');
    expect(normaliseText('Folie à deux')).toBe('folie a deux');
    expect(normaliseText('Aicardi-Goutières syndrome')).toBe('aicardi goutieres syndrome');
    expect(normaliseText('  Abnormality of the eye (left)  ')).toBe('abnormality of the eye left');
    expect(normaliseText('5-HT')).toBe('5 ht');
  });

  it('leaves nothing for a query of punctuation only', () => {
    expect(normaliseText(' -- ')).toBe('');
  });
});
