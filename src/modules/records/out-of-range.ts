import type { LaboratoryResult } from './record-sections.contract.ts';

const parts = (decimal: string) => {
  const negative = decimal.startsWith('-');
  const [whole = '', fraction = ''] = decimal.replace(/^-/, '').split('.');
  return { negative, whole: whole.replace(/^0+(?=\d)/, ''), fraction: fraction.replace(/0+$/, '') };
};

const compareMagnitude = (a: ReturnType<typeof parts>, b: ReturnType<typeof parts>): number => {
  if (a.whole.length !== b.whole.length) return a.whole.length < b.whole.length ? -1 : 1;
  if (a.whole !== b.whole) return a.whole < b.whole ? -1 : 1;
  const width = Math.max(a.fraction.length, b.fraction.length);
  const fa = a.fraction.padEnd(width, '0');
  const fb = b.fraction.padEnd(width, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
};

/**
 * Compares two decimal strings exactly (-1, 0, 1). Laboratory values stay text so that 0.1 + 0.2 never
 * decides whether a potassium is out of range.
 */
export function compareDecimals(a: string, b: string): number {
  const x = parts(a);
  const y = parts(b);
  const zero = (p: typeof x) => /^0*$/.test(p.whole) && p.fraction === '';
  if (zero(x)) x.negative = false;
  if (zero(y)) y.negative = false;
  if (x.negative !== y.negative) return x.negative ? -1 : 1;
  const magnitude = compareMagnitude(x, y);
  return x.negative && magnitude !== 0 ? -magnitude : magnitude;
}

/**
 * Whether a result lies certainly below or above its reference range. A comparator widens the value
 * into an interval ("<5" is anything below 5): the result is flagged only when the whole interval is
 * out of range, so "<5" against 10–20 is low, while "<15" cannot be judged (null).
 */
export function outOfRange(result: Pick<LaboratoryResult, 'value' | 'comparator' | 'referenceRange'>): 'low' | 'high' | null {
  const { value, comparator, referenceRange } = result;
  if (value === undefined || referenceRange === undefined) return null;
  if (referenceRange.low !== undefined) {
    const c = compareDecimals(value, referenceRange.low);
    if ((comparator === undefined && c < 0) || (comparator === '<' && c <= 0) || (comparator === '<=' && c < 0)) return 'low';
  }
  if (referenceRange.high !== undefined) {
    const c = compareDecimals(value, referenceRange.high);
    if ((comparator === undefined && c > 0) || (comparator === '>' && c >= 0) || (comparator === '>=' && c > 0)) return 'high';
  }
  return null;
}
