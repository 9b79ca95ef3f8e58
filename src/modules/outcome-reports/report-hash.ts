import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { OutcomeReportContent } from './outcome-report-content.contract.ts';

/** The SHA-256 (hex) of a report version's content in canonical JSON: what the lead signs and the PDF prints. */
export function reportHash(content: OutcomeReportContent): string {
  const canonical = canonicalize(content);
  if (canonical === undefined) throw new Error('an outcome report has no canonical form');
  return createHash('sha256').update(canonical).digest('hex');
}
