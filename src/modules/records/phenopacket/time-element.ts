import type { ClinicalDate, TimeElement, timeElementForms } from '../record-values.contract.ts';

/**
 * The record's TimeElement has exactly the phenopacket's forms, so onsets pass through unchanged; what
 * needs translating is a clinical date (with its precision) to and from a phenopacket timestamp.
 */

/** 2019 → 2019-01-01T00:00:00Z, 2019-04 → 2019-04-01T00:00:00Z: rounded down, as phenopackets do for dates of birth. */
export function clinicalDateToTimestamp(date: ClinicalDate): string {
  const [year, month = '01', day = '01'] = date.split('-');
  return `${year}-${month}-${day}T00:00:00Z`;
}

/** The calendar date written in a timestamp (its local date, whatever the offset). */
export const timestampToClinicalDate = (timestamp: string): ClinicalDate => timestamp.slice(0, 10);

/** Which of the six forms a time element takes. */
export const timeElementForm = (element: TimeElement) => Object.keys(element)[0] as (typeof timeElementForms)[number];
