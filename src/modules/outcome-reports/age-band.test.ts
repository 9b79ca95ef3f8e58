import { describe, expect, it } from 'vitest';
import { ageBand } from './report-content.ts';

describe('the age a signed report shows', () => {
  const at = new Date('2026-11-20T09:30:00Z');
  it('is a band from the year of birth, never an exact age or date', () => {
    expect(ageBand(2026, at)).toBe('0–4 years');
    expect(ageBand(2014, at)).toBe('10–14 years');
    expect(ageBand(2007, at)).toBe('15–19 years');
    expect(ageBand(2006, at)).toBe('20–29 years');
    expect(ageBand(1977, at)).toBe('40–49 years');
    expect(ageBand(1946, at)).toBe('80 years or older');
  });
  it('is left out when the year of birth is unknown or after the signature', () => {
    expect(ageBand(null, at)).toBeNull();
    expect(ageBand(2027, at)).toBeNull();
  });
});
