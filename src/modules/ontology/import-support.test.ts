import { describe, expect, it } from 'vitest';
import { byKey, searchKeys, vocabulary, wholeNames } from './import-support.ts';

describe('searchKeys', () => {
  it('gives each whole name, then each later word-start, skipping word-starts on a stopword', () => {
    const keys = searchKeys('Abnormality of the cerebellum', [{ name: 'Cerebellar abnormality', kind: 'exact' as const }]);
    expect(keys).toEqual([
      { key: 'abnormality of the cerebellum', name: 'Abnormality of the cerebellum', kind: 'label' },
      { key: 'cerebellar abnormality', name: 'Cerebellar abnormality', kind: 'exact' },
      { key: 'cerebellum', name: 'Abnormality of the cerebellum', kind: 'labelWord' },
      { key: 'abnormality', name: 'Cerebellar abnormality', kind: 'synonymWord' },
    ]);
    expect(wholeNames(keys)).toBe(2);
  });

  it('gives a key once, as a whole name when it is one, and drops names that normalise to nothing', () => {
    const keys = searchKeys('Tonic seizure', [
      { name: 'Seizure', kind: 'related' as const },
      { name: 'Tonic-seizure', kind: 'exact' as const },
      { name: '--', kind: 'exact' as const },
    ]);
    expect(keys.map((k) => [k.key, k.kind])).toEqual([
      ['tonic seizure', 'label'],
      ['seizure', 'related'],
    ]);
  });
});

describe('vocabulary', () => {
  it('holds the words of whole names only', () => {
    expect([...vocabulary(searchKeys('Gait ataxia', [{ name: 'Ataxic gait', kind: 'exact' as const }]))].sort()).toEqual(['ataxia', 'ataxic', 'gait']);
  });
});

describe('byKey', () => {
  it('orders by code unit, as the pattern index does for these keys', () => {
    expect(['seizure', 'sei', 'seizure cluster', 'abc'].map((key) => ({ key })).sort(byKey).map((k) => k.key)).toEqual(['abc', 'sei', 'seizure', 'seizure cluster']);
  });
});
