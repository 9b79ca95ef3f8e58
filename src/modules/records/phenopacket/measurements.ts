import { LOINC_CODE } from '../codes.ts';
import type { LaboratoryResult } from '../record-sections.contract.ts';
import { ucumProblem } from '../ucum.ts';
import { compact } from './json.ts';
import { noteUnsupported, termOf, type ImportNotes } from './import-notes.ts';
import type { MeasurementInput } from './phenopacket-schema.ts';
import { clinicalDateToTimestamp, timestampToClinicalDate } from './time-element.ts';

/** A double as decimal text without exponent (1e-7 → 0.0000001). */
const decimalText = (n: number) => (/e/i.test(String(n)) ? n.toFixed(20).replace(/\.?0+$/, '') : String(n));

/** A phenopacket unit as UCUM when it is one ("UCUM:mg/dL"), else kept as the coded term. */
function unitOf(unit: { id: string; label?: string | undefined }): Partial<Pick<LaboratoryResult, 'unit' | 'sourceUnit'>> {
  const code = unit.id.startsWith('UCUM:') ? unit.id.slice(5) : undefined;
  return code !== undefined && ucumProblem(code) === undefined ? { unit: code } : { sourceUnit: termOf(unit) };
}

/**
 * A quantitative measurement as a laboratory result. Protobuf JSON omits zeros, so a missing value
 * or lower limit is 0. Categorical and complex values have no place in the record and are noted.
 */
export function labFromMeasurement(measurement: MeasurementInput, path: string, notes: ImportNotes, id: string): LaboratoryResult | undefined {
  noteUnsupported(notes, path, measurement, ['complexValue', 'procedure'], 'not imported: the record keeps single quantities with their unit');
  const quantity = measurement.value?.quantity;
  if (!quantity) {
    if (measurement.value?.ontologyClass) notes.notImported.push({ path: `${path}.value.ontologyClass`, message: 'not imported: categorical results (an ontology class as the value)' });
    return undefined;
  }
  const assay = measurement.assay;
  const analyte = assay?.label ?? measurement.description ?? assay?.id;
  if (analyte === undefined) {
    notes.problems.push({ path: `${path}.assay`, message: 'required: what was measured (an assay such as LOINC:2345-7, or a description)' });
    return undefined;
  }
  const loinc = assay?.id.startsWith('LOINC:') && LOINC_CODE.test(assay.id.slice(6)) ? assay.id.slice(6) : undefined;
  const units = quantity.unit ? unitOf(quantity.unit) : {};
  const range = quantity.referenceRange;
  let referenceRange: LaboratoryResult['referenceRange'];
  if (range && range.unit && quantity.unit && range.unit.id !== quantity.unit.id) {
    notes.notImported.push({ path: `${path}.value.quantity.referenceRange`, message: 'not imported: a reference range in another unit than the value' });
  } else if (range) {
    referenceRange = compact({ low: decimalText(range.low ?? 0), high: range.high === undefined ? undefined : decimalText(range.high) });
  }
  const observed = measurement.timeObserved;
  let date: string | undefined;
  if (observed && 'timestamp' in observed) date = timestampToClinicalDate(observed.timestamp);
  else if (observed && 'interval' in observed) {
    date = timestampToClinicalDate(observed.interval.start);
    notes.notImported.push({ path: `${path}.timeObserved.interval`, message: 'kept as its start date: a laboratory result has one date' });
  } else if (observed) notes.notImported.push({ path: `${path}.timeObserved`, message: 'not imported: a laboratory result is dated by a calendar date' });
  return compact({
    id,
    analyte,
    loinc,
    assay: loinc === undefined && assay ? termOf(assay) : undefined,
    value: decimalText(quantity.value ?? 0),
    ...units,
    referenceRange,
    date,
    note: assay && measurement.description !== undefined && measurement.description !== analyte ? measurement.description : undefined,
  });
}

/** A laboratory result as a phenopacket Measurement. A quantity has no comparator: it goes into the description. */
export function labToMeasurement(result: LaboratoryResult) {
  const assay = result.loinc ? { id: `LOINC:${result.loinc}`, label: result.analyte } : result.assay;
  const unit = result.unit ? { id: `UCUM:${result.unit}`, label: result.unit } : result.sourceUnit;
  const asReported = result.comparator !== undefined || result.value === undefined ? `as reported: ${result.originalText ?? `${result.comparator ?? ''}${result.value ?? ''}`}` : undefined;
  const description = [assay ? undefined : result.analyte, asReported, result.note].filter((part) => part !== undefined).join('; ');
  const range = result.referenceRange;
  return compact({
    description: description === '' ? undefined : description,
    assay,
    value:
      result.value === undefined
        ? undefined
        : { quantity: compact({ unit, value: Number(result.value), referenceRange: range && compact({ unit, low: range.low === undefined ? undefined : Number(range.low), high: range.high === undefined ? undefined : Number(range.high) }) }) },
    timeObserved: result.date ? { timestamp: clinicalDateToTimestamp(result.date) } : undefined,
  });
}
