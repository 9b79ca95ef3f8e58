import { z } from 'zod';
import { CURIE } from './codes.ts';

/** A term of an ontology or code system, as the clinician (or the imported file) gave it. */
export const OntologyTerm = z.strictObject({
  id: z.string().regex(CURIE, 'a code such as HP:0001250'),
  label: z.string().max(500).optional(),
});
export type OntologyTerm = z.infer<typeof OntologyTerm>;

const isRealDate = (value: string) => {
  const [year, month, day] = value.split('-').map(Number);
  if (day === undefined) return true;
  const date = new Date(Date.UTC(year!, month! - 1, day));
  return date.getUTCMonth() === month! - 1 && date.getUTCDate() === day;
};

/**
 * A clinical date with its precision: a year (2019), a month (2019-04) or a day (2019-04-23). A
 * string, never a JavaScript Date: "April 2019" must not become midnight of 1 April in some time zone.
 */
export const ClinicalDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'a date such as 2019, 2019-04 or 2019-04-23')
  .refine(isRealDate, 'this day does not exist');
export type ClinicalDate = z.infer<typeof ClinicalDate>;

/** An age or other span as an ISO 8601 duration (P3Y6M, P21D, P1Y2M3DT4H), as phenopackets write ages. */
export const Iso8601Duration = z
  .string()
  .regex(/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/, 'an ISO 8601 duration such as P3Y6M or P21D');

/** An instant as phenopackets write it (RFC 3339: 2020-03-17T00:00:00Z), kept as the text given. */
export const Timestamp = z.iso.datetime({ offset: true, error: 'a date and time such as 2020-03-17T00:00:00Z' });

/** A decimal number as text, so 0.10 mmol/L is never rounded through a binary float. */
export const Decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal number such as 4.25');

const Age = z.strictObject({ iso8601duration: Iso8601Duration });

export const timeElementForms = ['age', 'ageRange', 'ontologyClass', 'timestamp', 'interval', 'gestationalAge'] as const;

/**
 * When something began or ended, in exactly the forms of the Phenopacket v2 TimeElement, so an onset
 * comes back out of an export in the form it went in: an age, an age range, an HPO onset class
 * (HP:0003577 Congenital onset), a timestamp, an interval, or a gestational age.
 */
export const TimeElement = z.union(
  [
    z.strictObject({ age: Age }),
    z.strictObject({ ageRange: z.strictObject({ start: Age, end: Age }) }),
    z.strictObject({ ontologyClass: OntologyTerm }),
    z.strictObject({ timestamp: Timestamp }),
    z.strictObject({ interval: z.strictObject({ start: Timestamp, end: Timestamp }) }),
    z.strictObject({ gestationalAge: z.strictObject({ weeks: z.int().min(0).max(45), days: z.int().min(0).max(6).optional() }) }),
  ],
  { error: `give exactly one of: ${timeElementForms.join(', ')}` },
);
export type TimeElement = z.infer<typeof TimeElement>;
