import { and, asc, eq } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db, Tx } from '../../db/database.ts';
import { panelContributions, panelMembers, people } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import { contributionSaved } from '../discussion/panel-events.ts';
import { diagnosisCodeProblem, normaliseDiagnosisCode } from '../records/codes.ts';
import { lockedPanel } from './create-panel.ts';
import { auditPanel, audited } from './panel-audit.ts';
import { expertContributionCount } from './panel-facts.ts';
import { contributionStatuses } from './panel-lifecycle.contract.ts';
import type { ScopedPanel } from './panel-scope.ts';
import type { ContributionInput, ContributionList, ContributionView } from './panels.contract.ts';

/** Members write while the discussion is open; outcome drafting freezes contributions. */
export const canContribute = (scoped: ScopedPanel) => scoped.role !== null && contributionStatuses.includes(scoped.panel.status);

async function contributionsOf(db: Db | Tx, panelId: string, authorId?: string): Promise<ContributionView[]> {
  const rows = await db
    .select({ c: panelContributions, displayName: people.displayName, role: panelMembers.role })
    .from(panelContributions)
    .innerJoin(people, eq(people.id, panelContributions.authorId))
    .innerJoin(panelMembers, and(eq(panelMembers.panelId, panelContributions.panelId), eq(panelMembers.personId, panelContributions.authorId)))
    .where(and(eq(panelContributions.panelId, panelId), authorId ? eq(panelContributions.authorId, authorId) : undefined))
    .orderBy(asc(panelContributions.createdAt), asc(panelContributions.id));
  return rows.map(({ c, displayName, role }) => ({
    id: c.id,
    author: { personId: c.authorId, displayName, role },
    assessment: c.assessment,
    suggestedDiagnoses: c.suggestedDiagnoses,
    suggestedInvestigations: c.suggestedInvestigations,
    freeText: c.freeText,
    version: c.version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  }));
}

/** Every contribution of the panel, for its members; an audited read (they speak about the patient). */
export async function listContributions(deps: AppDeps, actor: Actor, scoped: ScopedPanel, clientAddress: string): Promise<ContributionList> {
  return deps.db.transaction(async (tx) => {
    const contributions = await contributionsOf(tx, scoped.panel.id);
    await auditPanel(tx, deps.clock, audited(scoped), { actorId: actor.personId, action: 'panel.contributionsViewed', clientAddress, details: { count: contributions.length } });
    return { contributions, canContribute: canContribute(scoped), expertContributionCount: await expertContributionCount(tx, scoped.panel) };
  });
}

/**
 * Writes or edits the caller's own contribution while the panel is open. Diagnosis codes are checked
 * (ORPHA, ICD-10, OMIM or MONDO); expectedVersion guards against overwriting an edit made elsewhere.
 */
export async function saveContribution(deps: AppDeps, actor: Actor, panelId: string, input: ContributionInput, clientAddress: string): Promise<ContributionView> {
  const suggestedDiagnoses = input.suggestedDiagnoses.map((d) => ({ code: normaliseDiagnosisCode(d.code), label: d.label }));
  const problems = suggestedDiagnoses.flatMap((d, i) => {
    const problem = diagnosisCodeProblem(d.code);
    return problem ? [{ path: `body.suggestedDiagnoses.${i}.code`, message: problem }] : [];
  });
  return deps.db.transaction(async (tx) => {
    const scoped = await lockedPanel(tx, actor, panelId);
    if (!canContribute(scoped)) throw new AppError('conflict', 'Contributions are written while the discussion is open; once the outcome is being drafted they are frozen.');
    if (problems.length) throw new AppError('unprocessable', problems[0]!.message, problems);
    const [current] = await tx.select({ version: panelContributions.version }).from(panelContributions).where(and(eq(panelContributions.panelId, panelId), eq(panelContributions.authorId, actor.personId)));
    const currentVersion = current?.version ?? 0;
    if (currentVersion !== input.expectedVersion) {
      throw new AppError('conflict', `Your contribution has changed since you opened it (now version ${currentVersion}, you edited version ${input.expectedVersion}). Reload it and make your change again.`, [{ path: 'body.expectedVersion', message: `the current version is ${currentVersion}` }]);
    }
    const now = deps.clock.now().toISOString();
    const values = { assessment: input.assessment, suggestedDiagnoses, suggestedInvestigations: input.suggestedInvestigations, freeText: input.freeText, version: currentVersion + 1, updatedAt: now };
    if (current) await tx.update(panelContributions).set(values).where(and(eq(panelContributions.panelId, panelId), eq(panelContributions.authorId, actor.personId)));
    else await tx.insert(panelContributions).values({ panelId, authorId: actor.personId, createdAt: now, ...values });
    await auditPanel(tx, deps.clock, audited(scoped), { actorId: actor.personId, action: 'panel.contributionSaved', clientAddress, details: { version: currentVersion + 1 } });
    await contributionSaved(tx, deps.clock, deps.config.publicUrl, panelId, { authorId: actor.personId, version: currentVersion + 1 });
    return (await contributionsOf(tx, panelId, actor.personId))[0]!;
  });
}
