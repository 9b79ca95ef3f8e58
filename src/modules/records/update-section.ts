import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { AppError, type FieldProblem } from '../../http/errors.ts';
import { latestDateNow } from './check-record.ts';
import { lockRecord } from './record-store.ts';
import { sectionInputs } from './record-sections.contract.ts';
import { recordView } from './record-view.ts';
import type { RecordContent, RecordSection, RecordView } from './records.contract.ts';
import { newProblems, saveChange, unprocessable, type RecordPatient } from './save-change.ts';
import { zodProblems } from './zod-problems.ts';

const parse = <S extends z.ZodType>(schema: S, content: unknown): z.infer<S> => {
  const result = schema.safeParse(content);
  if (!result.success) throw new AppError('badRequest', 'The section is not valid; nothing was changed. See problems.', zodProblems(result.error, 'body.content'));
  return result.data;
};

/** New items get their stable id here. */
const withIds = <T extends { id?: string | undefined }>(items: T[]) => items.map((item) => ({ ...item, id: item.id ?? randomUUID() }));

/** The record with one section replaced by the client's content (validated, ids assigned). */
export function applySection(base: RecordContent, section: RecordSection, content: unknown): RecordContent {
  switch (section) {
    case 'history':
      return { ...base, history: parse(sectionInputs.history, content) };
    case 'phenotypicFeatures':
      return { ...base, phenotypicFeatures: withIds(parse(sectionInputs.phenotypicFeatures, content)) };
    case 'laboratoryResults':
      return { ...base, laboratoryResults: withIds(parse(sectionInputs.laboratoryResults, content)) };
    case 'genetics': {
      const genetics = parse(sectionInputs.genetics, content);
      return { ...base, genetics: { tests: withIds(genetics.tests), variants: withIds(genetics.variants) } };
    }
    case 'histology':
      return { ...base, histology: withIds(parse(sectionInputs.histology, content)) };
    case 'diagnoses':
      return { ...base, diagnoses: withIds(parse(sectionInputs.diagnoses, content)) };
  }
}

/** Record paths as the client wrote them: within the section it sent, or elsewhere in the record (a broken link). */
const relativeTo = (section: RecordSection) => (problem: FieldProblem): FieldProblem => {
  if (problem.path === section || problem.path.startsWith(`${section}.`)) return { ...problem, path: `body.content${problem.path.slice(section.length)}` };
  return { ...problem, path: `record.${problem.path}` };
};

/**
 * Replaces one section of the record: a new version (a full snapshot) made on `expectedVersion`, or
 * 409 when someone else changed the record since. One transaction with its audit event.
 */
export async function updateRecordSection(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  input: { actor: Pick<Actor, 'personId'>; patient: RecordPatient; section: RecordSection; expectedVersion: number; content: unknown; clientAddress: string },
): Promise<{ version: number; content: RecordView }> {
  const now = deps.clock.now().toISOString();
  return deps.db.transaction(async (tx) => {
    const base = await lockRecord(tx, input.patient.id, input.expectedVersion, now);
    const next = applySection(base, input.section, input.content);
    const problems = newProblems(base, next, latestDateNow(deps.clock.now())).map(relativeTo(input.section));
    if (problems.length > 0) throw unprocessable(problems);
    const saved = await saveChange(tx, deps, { ...input, base, next, source: 'edit', action: 'record.updated' });
    return { version: saved.version, content: recordView(next) };
  });
}
