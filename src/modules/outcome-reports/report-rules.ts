import type { Db, Tx } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import { caseWithheld } from '../panels/read-case.ts';
import type { PanelStatus } from '../panels/panel-lifecycle.contract.ts';
import { diagnosisCodeProblem, normaliseDiagnosisCode } from '../records/codes.ts';
import type { OutcomeReportDraft } from './outcome-reports.contract.ts';

/**
 * When a version can be worked on: version 1 while the panel drafts its outcome (signing it moves the panel to
 * outcomeSigned); an amendment once the outcome is signed, also after closing. An archived panel is read-only.
 */
export const amendingStatuses: readonly PanelStatus[] = ['outcomeSigned', 'closed'];

export const workableIn = (status: PanelStatus, version: number): boolean => (version === 1 ? status === 'outcomeDrafting' : amendingStatuses.includes(status));

export function requireWorkable(status: PanelStatus, version: number): void {
  if (workableIn(status, version)) return;
  throw new AppError(
    'conflict',
    version === 1
      ? 'The first outcome report is drafted, approved and signed while the panel drafts its outcome (the lead starts that step).'
      : 'An amendment is drafted, approved and signed once the outcome is signed, also after closing — not while the panel is archived.',
  );
}

/**
 * Without care consent in force nothing new is drafted, approved or signed: signed reports stay, read-only,
 * with the referring clinician and the panel (DESIGN.md, withdrawal).
 */
export async function consentBlock(db: Db | Tx, patientId: string): Promise<string | null> {
  const withheld = await caseWithheld(db, patientId);
  return withheld ? `${withheld.message} The outcome report cannot be drafted, approved, signed or amended now.` : null;
}

export async function requireCareConsent(db: Db | Tx, patientId: string): Promise<void> {
  const block = await consentBlock(db, patientId);
  if (block) throw new AppError('conflict', block);
}

/** The draft with codes in one spelling, or the problems of its codes (422, named by field). */
export function checkDraft(draft: OutcomeReportDraft): OutcomeReportDraft {
  const diagnoses = draft.diagnoses.map((d) => ({ ...d, code: normaliseDiagnosisCode(d.code) }));
  const problems = diagnoses.flatMap((d, i) => {
    const problem = diagnosisCodeProblem(d.code);
    return problem ? [{ path: `body.diagnoses.${i}.code`, message: problem }] : [];
  });
  if (problems.length) throw new AppError('unprocessable', problems[0]!.message, problems);
  return { summary: draft.summary, conclusion: draft.conclusion, diagnoses, recommendations: draft.recommendations };
}

/** A draft can be signed once it says what the panel concluded. */
export function requireComplete(draft: OutcomeReportDraft): void {
  const problems = [
    ...(draft.summary === '' ? [{ path: 'draft.summary', message: 'write the summary before signing' }] : []),
    ...(draft.conclusion === '' ? [{ path: 'draft.conclusion', message: 'write the conclusion before signing' }] : []),
  ];
  if (problems.length) throw new AppError('unprocessable', 'The report needs a summary and a conclusion before it can be signed.', problems);
}
