import { and, eq, max } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Tx } from '../../db/database.ts';
import { panelMembers, panels, panelTransitions } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import type { Clock } from '../../platform/clock.ts';
import { lockedPanel } from './create-panel.ts';
import { panelTransitioned } from '../discussion/panel-events.ts';
import { referralPanelOpened } from '../referrals/referral-panel-link.ts';
import { addInvitations } from './invitations.ts';
import { auditPanel, audited } from './panel-audit.ts';
import { loadPanelFacts } from './panel-facts.ts';
import { checkTransition, MIN_EXPERT_CONTRIBUTIONS, type PanelAction, type PanelStatus, type TransitionRule } from './panel-lifecycle.contract.ts';
import { coordinatorsOf, personRecipient, queuePanelMail } from './panel-mail.ts';
import { actorFacts, type ScopedPanel } from './panel-scope.ts';
import { deadlineFrom, panelSettingsOf } from './panel-settings.ts';
import type { TransitionRequest } from './panels.contract.ts';

const errorCode = { 403: 'forbidden', 409: 'conflict', 422: 'unprocessable' } as const;

/**
 * Moves the panel (in the caller's transaction, the panel row locked): the status, the timestamps the
 * step sets, the transition row and its audit event. Callers decided first that the step is allowed.
 */
export async function applyTransition(
  tx: Tx,
  clock: Clock,
  scoped: ScopedPanel,
  step: Pick<TransitionRule, 'action' | 'from' | 'to'>,
  by: { actorId: string; reason: string | null; fewContributionsAcknowledged: boolean; clientAddress: string | null; details?: Record<string, unknown> },
  changes: Partial<typeof panels.$inferInsert> = {},
): Promise<void> {
  const now = clock.now().toISOString();
  const moved = await tx
    .update(panels)
    .set({ ...changes, status: step.to, updatedAt: now, ...stamps(step.to, now) })
    .where(eq(panels.id, scoped.panel.id))
    .returning({ id: panels.id });
  if (moved.length === 0) throw new Error(`panel ${scoped.panel.id} vanished during a transition`);
  const [last] = await tx.select({ seq: max(panelTransitions.seq) }).from(panelTransitions).where(eq(panelTransitions.panelId, scoped.panel.id));
  await tx.insert(panelTransitions).values({ panelId: scoped.panel.id, seq: (last?.seq ?? 0) + 1, action: step.action, fromStatus: step.from, toStatus: step.to, by: by.actorId, at: now, reason: by.reason, fewContributionsAcknowledged: by.fewContributionsAcknowledged });
  await auditPanel(tx, clock, audited(scoped), { actorId: by.actorId, action: 'panel.transitioned', clientAddress: by.clientAddress, details: { step: step.action, from: step.from, to: step.to, ...by.details } });
  await panelTransitioned(tx, clock, { panelId: scoped.panel.id, actorId: by.actorId, action: step.action, from: step.from, to: step.to });
}

function stamps(to: PanelStatus, now: string): Partial<typeof panels.$inferInsert> {
  if (to === 'open') return { openedAt: now };
  if (to === 'closed') return { closedAt: now };
  return {};
}

/** A transition through the endpoint: the lifecycle decides (403, 409, 422), then the step and what follows from it. */
export async function transitionPanel(deps: AppDeps, actor: Actor, panelId: string, action: PanelAction, input: TransitionRequest, clientAddress: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const scoped = await lockedPanel(tx, actor, panelId);
    const facts = await loadPanelFacts(tx, scoped.panel);
    const check = checkTransition(facts, actorFacts(scoped), action, input);
    if (!check.ok) {
      const path = check.problem === 'reason' ? 'body.reason' : check.problem === 'fewContributions' ? 'body.acknowledgeFewContributions' : undefined;
      throw new AppError(errorCode[check.status], check.message, path ? [{ path, message: check.message }] : undefined);
    }
    if (input.invite && action !== 'accept') throw new AppError('unprocessable', 'Experts are invited with the invitations of an open panel, or when accepting a request in triage.', [{ path: 'body.invite', message: 'only when accepting' }]);
    const reason = input.reason?.trim() || null;
    const now = deps.clock.now();
    const changes: Partial<typeof panels.$inferInsert> = {};
    if (action === 'submit') {
      const settings = (await panelSettingsOf(tx, scoped.panel.ernId))!;
      changes.submittedAt = now.toISOString();
      changes.deadlineAt = deadlineFrom(now, scoped.panel.urgency, settings.deadlineDays);
    }
    if (action === 'returnToDraft') changes.deadlineAt = null;
    await applyTransition(
      tx,
      deps.clock,
      scoped,
      check.rule,
      { actorId: actor.personId, reason, fewContributionsAcknowledged: check.rule.contributionCheck === true && facts.expertContributions < MIN_EXPERT_CONTRIBUTIONS, clientAddress, details: check.rule.contributionCheck ? { expertContributions: facts.expertContributions } : {} },
      changes,
    );
    await afterTransition(tx, deps, actor, scoped, check.rule, input, clientAddress);
  });
}

/** Who is told, and the forwarding that accepting a request in triage may carry. */
async function afterTransition(tx: Tx, deps: AppDeps, actor: Actor, scoped: ScopedPanel, step: TransitionRule, input: TransitionRequest, clientAddress: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  const tellLead = async (kind: 'returned' | 'accepted') => {
    const lead = await leadOf(tx, scoped.panel.id);
    if (lead && lead !== actor.personId) {
      const recipient = await personRecipient(tx, lead);
      if (recipient) await queuePanelMail(tx, deps.clock, deps.config.publicUrl, kind, recipient, scoped.panel.id);
    }
  };
  if (step.to === 'open') await referralPanelOpened(tx, deps.clock, deps.config.publicUrl, { panelId: scoped.panel.id, patientId: scoped.panel.patientId, actorId: actor.personId });
  if (step.action === 'submit' && step.to === 'submitted') {
    for (const coordinator of await coordinatorsOf(tx, scoped.panel.ernId, at)) await queuePanelMail(tx, deps.clock, deps.config.publicUrl, 'awaitsTriage', coordinator, scoped.panel.id);
  }
  if (step.action === 'returnToDraft') await tellLead('returned');
  if (step.action === 'accept') {
    await tellLead('accepted');
    if (input.invite) await addInvitations(tx, deps, scoped, actor, input.invite, clientAddress);
  }
}

export async function leadOf(tx: Tx, panelId: string): Promise<string | undefined> {
  const [row] = await tx.select({ personId: panelMembers.personId }).from(panelMembers).where(and(eq(panelMembers.panelId, panelId), eq(panelMembers.role, 'lead')));
  return row?.personId;
}
