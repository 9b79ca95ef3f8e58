import type { FieldProblem } from '../../../http/errors.ts';

/**
 * What reading a phenopacket found: problems make the import fail (nothing changes); notes on what
 * was not imported are shown with the preview and the result, so no part of a file vanishes unsaid.
 */
export interface ImportNotes {
  problems: FieldProblem[];
  notImported: FieldProblem[];
}

export const newImportNotes = (): ImportNotes => ({ problems: [], notImported: [] });

/** A term as the record keeps it: the id, and the label when the file has one. */
export const termOf = (term: { id: string; label?: string | undefined }) => (term.label === undefined ? { id: term.id } : { id: term.id, label: term.label });

/** Fields of a message the record has no place for, noted once each. */
export function noteUnsupported(notes: ImportNotes, path: string, message: Record<string, unknown>, fields: readonly string[], why: string): void {
  for (const field of fields) {
    if (message[field] !== undefined) notes.notImported.push({ path: `${path}.${field}`, message: why });
  }
}
