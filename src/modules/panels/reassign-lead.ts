import { and, eq, gt, isNull, lte, or } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { affiliations, panelMembers, people } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import { lockedPanel } from './create-panel.ts';
import { auditPanel, audited } from './panel-audit.ts';
import type { PanelStatus } from './panel-lifecycle.contract.ts';
import { personRecipient, queuePanelMail } from './panel-mail.ts';
import { leadOf } from './transition-panel.ts';

/** The lead can be handed over until the outcome is signed. */
export const reassigningStatuses: readonly PanelStatus[] = ['draft', 'submitted', 'open', 'outcomeDrafting'];

/**
 * A coordinator of the owning ERN makes another health professional the lead; the previous lead stays on
 * the panel as a member (the requester keeps answering questions about the patient).
 */
export async function reassignLead(deps: AppDeps, actor: Actor, panelId: string, input: { personId: string }, clientAddress: string): Promise<void> {
  const now = deps.clock.now().toISOString();
  await deps.db.transaction(async (tx) => {
    const scoped = await lockedPanel(tx, actor, panelId);
    if (!reassigningStatuses.includes(scoped.panel.status)) throw new AppError('conflict', 'The lead cannot change once the outcome is signed.');
    const previous = await leadOf(tx, panelId);
    if (previous === input.personId) throw new AppError('unprocessable', 'This person already leads the panel.', [{ path: 'body.personId', message: 'already the lead' }]);
    const [expert] = await tx
      .select({ id: people.id })
      .from(affiliations)
      .innerJoin(people, eq(people.id, affiliations.personId))
      .where(and(eq(affiliations.personId, input.personId), eq(affiliations.role, 'healthProfessional'), lte(affiliations.validFrom, now), or(isNull(affiliations.validUntil), gt(affiliations.validUntil, now)), isNull(people.deactivatedAt)))
      .limit(1);
    if (!expert) throw new AppError('unprocessable', 'A panel lead must be a health professional with an active account.', [{ path: 'body.personId', message: 'not a health professional' }]);
    if (previous) await tx.update(panelMembers).set({ role: 'member' }).where(and(eq(panelMembers.panelId, panelId), eq(panelMembers.personId, previous)));
    await tx
      .insert(panelMembers)
      .values({ panelId, personId: input.personId, role: 'lead', status: 'accepted', invitedBy: actor.personId, invitedAt: now, respondedAt: now })
      .onConflictDoUpdate({ target: [panelMembers.panelId, panelMembers.personId], set: { role: 'lead', status: 'accepted', respondedAt: now, declineReason: null, accessRequestId: null } });
    await auditPanel(tx, deps.clock, audited(scoped), { actorId: actor.personId, action: 'panel.leadReassigned', clientAddress, details: { from: previous ?? null, to: input.personId } });
    const recipient = await personRecipient(tx, input.personId);
    if (recipient) await queuePanelMail(tx, deps.clock, deps.config.publicUrl, 'leadAssigned', recipient, panelId);
  });
}
