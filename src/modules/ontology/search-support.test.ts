import { describe, expect, it } from 'vitest';
import { matchedSynonym, prefixRange, shortDefinition } from './search-support.ts';

describe('prefixRange', () => {
  it('ends just after every key that starts with the prefix', () => {
    expect(prefixRange('seiz')).toEqual({ key: 'seiz', upper: 'sei{' });
    const { key, upper } = prefixRange('ataxi');
    for (const inside of ['ataxi', 'ataxia', 'ataxic gait', 'ataxizzz']) expect(inside >= key && inside < upper).toBe(true);
    for (const outside of ['ataxj', 'atax', 'b']) expect(outside >= key && outside < upper).toBe(false);
  });
});

describe('matchedSynonym', () => {
  it('names the synonym only when the entry was found through one', () => {
    expect(matchedSynonym({ name: 'Epileptic seizure', kind: 'exact' })).toBe('Epileptic seizure');
    expect(matchedSynonym({ name: 'Grand mal seizures', kind: 'synonymWord' })).toBe('Grand mal seizures');
    expect(matchedSynonym({ name: 'Seizure', kind: 'label' })).toBeNull();
    expect(matchedSynonym({ name: 'Motor seizure', kind: 'labelWord' })).toBeNull();
  });
});

describe('shortDefinition', () => {
  it('keeps a short definition and cuts a long one at a word', () => {
    expect(shortDefinition('Short.')).toBe('Short.');
    expect(shortDefinition(null)).toBeNull();
    const cut = shortDefinition('word '.repeat(100), 50)!;
    expect(cut.endsWith('word…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(51);
  });
});
