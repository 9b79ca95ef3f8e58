import canonicalize from 'canonicalize';
import { outOfRange } from './out-of-range.ts';
import { recordSections, type RecordContent, type RecordSection, type RecordView } from './records.contract.ts';

/** The record as shown: each laboratory result with its out-of-range flag, computed now (never stored). */
export const recordView = (content: RecordContent): RecordView => ({
  ...content,
  laboratoryResults: content.laboratoryResults.map((r) => ({ ...r, outOfRange: outOfRange(r) })),
});

/** The sections whose content differs (canonical JSON: key order does not count, item order does). */
export const changedSections = (before: RecordContent, after: RecordContent): RecordSection[] =>
  recordSections.filter((section) => canonicalize(before[section]) !== canonicalize(after[section]));
