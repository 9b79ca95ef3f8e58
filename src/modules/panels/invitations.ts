import { and, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Tx } from '../../db/database.ts';
import { accessRequests, affiliations, erns, expertGroupMembers, expertGroups, panelMembers, people } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import { ernPartition, PLATFORM_PARTITION } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { invitationAnswered, memberInvited } from '../discussion/panel-events.ts';
import { lockedPanel } from './create-panel.ts';
import { auditPanel, audited } from './panel-audit.ts';
import type { PanelStatus } from './panel-lifecycle.contract.ts';
import { coordinatorsOf, personRecipient, queuePanelMail } from './panel-mail.ts';
import type { ScopedPanel } from './panel-scope.ts';
import type { GuestInvitation, Invitations, PanelRole } from './panels.contract.ts';

const DAY_MS = 86_400_000;

/** Experts are invited to a panel that is open (or drafting its outcome); accepting a request in triage forwards it too. */
export const invitingStatuses: readonly PanelStatus[] = ['open', 'outcomeDrafting'];
/** An invitation can be answered while the panel is still running. */
const answeringStatuses: readonly PanelStatus[] = ['submitted', 'open', 'outcomeDrafting'];

/** Lead and coordinators of the owning ERN invite. */
export const canInvite = (scoped: ScopedPanel) => scoped.role === 'lead' || scoped.coordinator;

/** The panel role each person may take now: member for a health professional, guest for a valid guest account in the panel's ERN. */
async function eligibleRoles(tx: Tx, personIds: string[], ernId: string, at: string): Promise<Map<string, PanelRole>> {
  if (personIds.length === 0) return new Map();
  const rows = await tx
    .select({ personId: affiliations.personId, role: affiliations.role, ernId: affiliations.ernId })
    .from(affiliations)
    .innerJoin(people, eq(people.id, affiliations.personId))
    .where(and(inArray(affiliations.personId, personIds), lte(affiliations.validFrom, at), or(isNull(affiliations.validUntil), gt(affiliations.validUntil, at)), isNull(people.deactivatedAt)));
  const roles = new Map<string, PanelRole>();
  for (const row of rows) {
    if (row.role === 'healthProfessional') roles.set(row.personId, 'member');
    else if (row.role === 'guestExpert' && row.ernId === ernId && !roles.has(row.personId)) roles.set(row.personId, 'guest');
  }
  return roles;
}

/** Members of the saved groups (deleted groups are not found: 422). */
async function groupMembers(tx: Tx, groupIds: string[]): Promise<Map<string, string>> {
  if (groupIds.length === 0) return new Map();
  const groups = await tx.select({ id: expertGroups.id }).from(expertGroups).where(and(inArray(expertGroups.id, groupIds), isNull(expertGroups.deletedAt)));
  const missing = groupIds.filter((id) => !groups.some((g) => g.id === id));
  if (missing.length) throw new AppError('unprocessable', 'One of the expert groups does not exist (any more).', missing.map((id) => ({ path: 'body.expertGroupIds', message: `no such group ${id}` })));
  const rows = await tx.select({ groupId: expertGroupMembers.groupId, personId: expertGroupMembers.personId }).from(expertGroupMembers).where(inArray(expertGroupMembers.groupId, groupIds));
  return new Map(rows.map((r) => [r.personId, r.groupId]));
}

/**
 * Invites people and the members of saved groups, in the caller's transaction: each gets a row (or an
 * earlier declined one is renewed) and a content-free e-mail; people already invited or on the panel are
 * left as they are. Someone who is neither a health professional nor a guest of the ERN is refused (422).
 */
export async function addInvitations(tx: Tx, deps: AppDeps, scoped: ScopedPanel, actor: Actor, input: Pick<Invitations, 'personIds' | 'expertGroupIds'>, clientAddress: string): Promise<string[]> {
  const now = deps.clock.now().toISOString();
  const viaGroup = await groupMembers(tx, input.expertGroupIds);
  const wanted = [...new Set([...input.personIds, ...viaGroup.keys()])];
  const roles = await eligibleRoles(tx, wanted, scoped.panel.ernId, now);
  const refused = input.personIds.filter((id) => !roles.has(id));
  if (refused.length) throw new AppError('unprocessable', 'Only health professionals, and guests with a guest account of this network, can be invited; invite anyone else as a guest by e-mail.', refused.map((id) => ({ path: 'body.personIds', message: `cannot be invited: ${id}` })));
  const existing = wanted.length ? await tx.select({ personId: panelMembers.personId, status: panelMembers.status }).from(panelMembers).where(and(eq(panelMembers.panelId, scoped.panel.id), inArray(panelMembers.personId, wanted))) : [];
  const invited: string[] = [];
  for (const personId of wanted) {
    const role = roles.get(personId);
    const current = existing.find((e) => e.personId === personId);
    if (!role || (current && current.status !== 'declined')) continue; // group members who cannot take part are skipped
    const values = { role, status: 'invited' as const, invitedBy: actor.personId, invitedAt: now, viaExpertGroupId: input.personIds.includes(personId) ? null : (viaGroup.get(personId) ?? null), respondedAt: null, declineReason: null, accessRequestId: null };
    if (current) await tx.update(panelMembers).set(values).where(and(eq(panelMembers.panelId, scoped.panel.id), eq(panelMembers.personId, personId)));
    else await tx.insert(panelMembers).values({ panelId: scoped.panel.id, personId, ...values });
    const recipient = await personRecipient(tx, personId);
    if (recipient) await queuePanelMail(tx, deps.clock, deps.config.publicUrl, 'invited', recipient, scoped.panel.id);
    await memberInvited(tx, deps.clock, { panelId: scoped.panel.id, personId, actorId: actor.personId });
    invited.push(personId);
  }
  if (invited.length) await auditPanel(tx, deps.clock, audited(scoped), { actorId: actor.personId, action: 'panel.invited', clientAddress, details: { personIds: invited, expertGroupIds: input.expertGroupIds } });
  return invited;
}

export async function inviteExperts(deps: AppDeps, actor: Actor, panelId: string, input: Invitations, clientAddress: string): Promise<string[]> {
  return deps.db.transaction(async (tx) => {
    const scoped = await lockedPanel(tx, actor, panelId);
    if (!invitingStatuses.includes(scoped.panel.status)) throw new AppError('conflict', 'Experts are invited once the panel is open.');
    return addInvitations(tx, deps, scoped, actor, input, clientAddress);
  });
}

/**
 * Invites an expert by e-mail. Someone who can already take part is simply invited; anyone else gets an
 * account (if new) and a guest-account request for the owning ERN's coordinators — the same request a
 * guest files through onboarding, decided there — and the panel invitation waits for it.
 */
export async function inviteGuest(deps: AppDeps, actor: Actor, panelId: string, input: GuestInvitation, clientAddress: string): Promise<{ personId: string; guestAccountRequested: boolean }> {
  const now = deps.clock.now();
  const at = now.toISOString();
  return deps.db.transaction(async (tx) => {
    const scoped = await lockedPanel(tx, actor, panelId);
    if (!invitingStatuses.includes(scoped.panel.status)) throw new AppError('conflict', 'Experts are invited once the panel is open.');
    const [found] = await tx.select({ id: people.id, deactivatedAt: people.deactivatedAt }).from(people).where(eq(sql`lower(${people.email})`, input.email.toLowerCase()));
    if (found?.deactivatedAt) throw new AppError('unprocessable', 'This person\'s account is deactivated; ask the platform administrator.', [{ path: 'body.email', message: 'deactivated account' }]);
    if (found && (await eligibleRoles(tx, [found.id], scoped.panel.ernId, at)).has(found.id)) {
      await addInvitations(tx, deps, scoped, actor, { personIds: [found.id], expertGroupIds: [] }, clientAddress);
      return { personId: found.id, guestAccountRequested: false };
    }
    const personId = found?.id ?? (await createGuestPerson(tx, deps, actor, input, clientAddress));
    const accessRequestId = await guestAccountRequest(tx, deps, actor, scoped, personId, input.justification, now, clientAddress);
    const [member] = await tx.select({ status: panelMembers.status }).from(panelMembers).where(and(eq(panelMembers.panelId, scoped.panel.id), eq(panelMembers.personId, personId)));
    const values = { role: 'guest' as const, status: 'invited' as const, invitedBy: actor.personId, invitedAt: at, accessRequestId, respondedAt: null, declineReason: null, viaExpertGroupId: null };
    if (!member) await tx.insert(panelMembers).values({ panelId: scoped.panel.id, personId, ...values });
    else if (member.status === 'declined') await tx.update(panelMembers).set(values).where(and(eq(panelMembers.panelId, scoped.panel.id), eq(panelMembers.personId, personId)));
    await auditPanel(tx, deps.clock, audited(scoped), { actorId: actor.personId, action: 'panel.guestInvited', clientAddress, details: { personId, accessRequestId } });
    await queuePanelMail(tx, deps.clock, deps.config.publicUrl, 'guestInvited', { id: personId, email: input.email }, scoped.panel.id);
    return { personId, guestAccountRequested: true };
  });
}

async function createGuestPerson(tx: Tx, deps: AppDeps, actor: Actor, input: GuestInvitation, clientAddress: string): Promise<string> {
  const [person] = await tx.insert(people).values({ email: input.email, displayName: input.displayName, createdAt: deps.clock.now().toISOString() }).returning({ id: people.id });
  await recordAudit(tx, deps.clock, { partition: PLATFORM_PARTITION, actorId: actor.personId, action: 'account.created', targetType: 'person', targetId: person!.id, clientAddress, details: { method: 'guestInvitation' } });
  return person!.id;
}

/** The pending guest-account request of this person in the panel's ERN, or a new one (coordinators told). */
async function guestAccountRequest(tx: Tx, deps: AppDeps, actor: Actor, scoped: ScopedPanel, personId: string, justification: string, now: Date, clientAddress: string): Promise<string> {
  const ernId = scoped.panel.ernId;
  const [pending] = await tx
    .select({ id: accessRequests.id })
    .from(accessRequests)
    .where(and(eq(accessRequests.personId, personId), eq(accessRequests.ernId, ernId), eq(accessRequests.role, 'guestExpert'), eq(accessRequests.status, 'pending')));
  if (pending) return pending.id;
  const [ern] = await tx.select({ guestAccountDays: erns.guestAccountDays }).from(erns).where(eq(erns.id, ernId));
  const [row] = await tx
    .insert(accessRequests)
    .values({ personId, ernId, hospitalId: null, role: 'guestExpert', justification, status: 'pending', guestUntil: new Date(now.getTime() + ern!.guestAccountDays * DAY_MS).toISOString(), requestedBy: actor.personId, createdAt: now.toISOString() })
    .returning({ id: accessRequests.id });
  await recordAudit(tx, deps.clock, { partition: ernPartition(ernId), actorId: actor.personId, action: 'guest.requested', targetType: 'accessRequest', targetId: row!.id, clientAddress, details: { role: 'guestExpert', personId, panelId: scoped.panel.id } });
  for (const coordinator of await coordinatorsOf(tx, ernId, now.toISOString())) await queuePanelMail(tx, deps.clock, deps.config.publicUrl, 'guestRequest', coordinator, scoped.panel.id);
  return row!.id;
}

/** The invitee accepts (their role starts) or declines with a reason the lead reads. */
export async function answerInvitation(deps: AppDeps, actor: Actor, panelId: string, answer: { accept: true } | { accept: false; reason: string }, clientAddress: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const scoped = await lockedPanel(tx, actor, panelId);
    if (!scoped.invitedAs) throw new AppError('conflict', 'You have no open invitation to this panel.');
    if (!answeringStatuses.includes(scoped.panel.status)) throw new AppError('conflict', 'This panel is no longer running; the invitation cannot be answered.');
    const now = deps.clock.now().toISOString();
    await tx
      .update(panelMembers)
      .set(answer.accept ? { status: 'accepted', respondedAt: now } : { status: 'declined', respondedAt: now, declineReason: answer.reason })
      .where(and(eq(panelMembers.panelId, panelId), eq(panelMembers.personId, actor.personId), eq(panelMembers.status, 'invited')));
    await auditPanel(tx, deps.clock, audited(scoped), { actorId: actor.personId, action: answer.accept ? 'panel.invitationAccepted' : 'panel.invitationDeclined', clientAddress, details: { role: scoped.invitedAs } });
    await invitationAnswered(tx, deps.clock, { panelId, personId: actor.personId, accepted: answer.accept });
  });
}
