import { useTranslation } from 'react-i18next';
import type { LaboratoryResultView, OntologyTerm, TimeElement } from '../../api/records-api.ts';

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/** A term as the record shows it: "Seizure (HP:0001250)", or the code alone. */
export const termText = (term: OntologyTerm) => (term.label ? `${term.label} (${term.id})` : term.id);

/** How the record's values read in the page: ages, onsets, ranges, in the person's language. */
export function useRecordFormat() {
  const { t } = useTranslation();

  /** "3 years 6 months" for P3Y6M; a duration with a time part is shown as written. */
  const duration = (iso: string): string => {
    const parts = DURATION.exec(iso);
    if (!parts) return iso;
    const [, years, months, weeks, days] = parts;
    const spelled = [
      years !== undefined && t('record.duration.years', { count: Number(years) }),
      months !== undefined && t('record.duration.months', { count: Number(months) }),
      weeks !== undefined && t('record.duration.weeks', { count: Number(weeks) }),
      days !== undefined && t('record.duration.days', { count: Number(days) }),
    ].filter((part): part is string => part !== false);
    return spelled.join(' ');
  };

  /** An onset or resolution in whichever of the phenopacket's forms it was given (timestamps as the date written). */
  const timeElement = (time: TimeElement): string => {
    if ('age' in time) return duration(time.age.iso8601duration);
    if ('ageRange' in time) return t('record.range', { from: duration(time.ageRange.start.iso8601duration), to: duration(time.ageRange.end.iso8601duration) });
    if ('ontologyClass' in time) return time.ontologyClass.label ?? time.ontologyClass.id;
    if ('timestamp' in time) return time.timestamp.slice(0, 10);
    if ('interval' in time) return t('record.range', { from: time.interval.start.slice(0, 10), to: time.interval.end.slice(0, 10) });
    return t('record.gestationalAge', { weeks: time.gestationalAge.weeks, days: time.gestationalAge.days ?? 0 });
  };

  /** "412 U/L", "<40 U/L", or the result as the laboratory wrote it. */
  const labValue = (result: Pick<LaboratoryResultView, 'comparator' | 'value' | 'originalText' | 'unit'>): string => {
    const value = result.value === undefined ? (result.originalText ?? '') : `${result.comparator ?? ''}${result.value}`;
    return result.unit ? `${value} ${result.unit}` : value;
  };

  const referenceRange = (range: LaboratoryResultView['referenceRange']): string | undefined => {
    if (!range || (range.low === undefined && range.high === undefined)) return undefined;
    if (range.low !== undefined && range.high !== undefined) return t('record.referenceBetween', { low: range.low, high: range.high });
    return range.low !== undefined ? t('record.referenceFrom', { low: range.low }) : t('record.referenceUpTo', { high: range.high });
  };

  return { duration, timeElement, labValue, referenceRange };
}
