import { describe, expect, it } from 'vitest';
import { compareDecimals, outOfRange } from './out-of-range.ts';

describe('decimal comparison', () => {
  it.each([
    ['0.1', '0.10', 0],
    ['-0', '0.0', 0],
    ['4.25', '4.3', -1],
    ['10', '9.999', 1],
    ['-2.5', '-2.45', -1],
    ['-1', '1', -1],
    ['007.50', '7.5', 0],
    ['123456789012345678901234567890.1', '123456789012345678901234567890.09', 1],
  ])('%s vs %s', (a, b, expected) => {
    expect(compareDecimals(a, b)).toBe(expected);
    expect(compareDecimals(b, a)).toBe(expected === 0 ? 0 : -expected);
  });
});

describe('out-of-range flag', () => {
  const range = { low: '3.5', high: '5.1' };
  it.each([
    [{ value: '3.4', referenceRange: range }, 'low'],
    [{ value: '3.5', referenceRange: range }, null],
    [{ value: '5.1', referenceRange: range }, null],
    [{ value: '5.10001', referenceRange: range }, 'high'],
    [{ value: '3.5', comparator: '<' as const, referenceRange: range }, 'low'],
    [{ value: '3.5', comparator: '<=' as const, referenceRange: range }, null],
    [{ value: '4', comparator: '<' as const, referenceRange: range }, null],
    [{ value: '5.1', comparator: '>' as const, referenceRange: range }, 'high'],
    [{ value: '5.1', comparator: '>=' as const, referenceRange: range }, null],
    [{ value: '9', comparator: '<' as const, referenceRange: { high: '10' } }, null],
    [{ value: '12', referenceRange: { high: '10' } }, 'high'],
    [{ value: '12' }, null],
    [{ originalText: 'positive', referenceRange: range }, null],
  ])('%j → %s', (result, expected) => {
    expect(outOfRange(result)).toBe(expected);
  });
});
