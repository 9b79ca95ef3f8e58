import { describe, expect, it } from 'vitest';
import { correctTypos, editDistance, nearest } from './typo-correction.ts';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions as one edit each', () => {
    expect(editDistance('seizure', 'seizure')).toBe(0);
    expect(editDistance('siezure', 'seizure')).toBe(1);
    expect(editDistance('ataxa', 'ataxia')).toBe(1);
    expect(editDistance('hypotonai', 'hypotonia')).toBe(1);
    expect(editDistance('hypotonai', 'hypotony')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('nearest', () => {
  it('takes the fewest edits, and the earlier (more similar) candidate on a tie', () => {
    expect(nearest('hypotonai', ['hypotony', 'hypotonia'])).toBe('hypotonia');
    expect(nearest('tremr', ['tremor', 'tumor'])).toBe('tremor');
    expect(nearest('x', [])).toBeUndefined();
  });
});

describe('correctTypos', () => {
  const known = ['generalized', 'seizure', 'tonic', 'ataxia'];
  const vocabulary = {
    isKnownPrefix: async (word: string) => known.some((k) => k.startsWith(word)),
    similarWords: async (word: string) => known.filter((k) => editDistance(k, word) <= 2),
  };

  it('checks a single word against the vocabulary only through its nearest word', async () => {
    const asked: string[] = [];
    const counting = { ...vocabulary, isKnownPrefix: async (word: string) => (asked.push(word), vocabulary.isKnownPrefix(word)) };
    expect(await correctTypos('siezure', counting)).toBe('seizure');
    expect(await correctTypos('seizure', counting)).toBeUndefined();
    expect(asked).toEqual([]);
  });

  it('replaces only the words that start no known word', async () => {
    expect(await correctTypos('generalized siezure', vocabulary)).toBe('generalized seizure');
    expect(await correctTypos('gen siezure', vocabulary)).toBe('gen seizure');
  });

  it('answers undefined when there is nothing to correct or nothing near', async () => {
    expect(await correctTypos('tonic', vocabulary)).toBeUndefined();
    expect(await correctTypos('qqqqqq', vocabulary)).toBeUndefined();
    expect(await correctTypos('xz', vocabulary)).toBeUndefined();
    expect(await correctTypos('generalized tonic tonic tonic siezure', vocabulary)).toBeUndefined(); // too long to try
  });
});
