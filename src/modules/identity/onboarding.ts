import { and, eq, gt, isNull, lte, or } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Tx } from '../../db/database.ts';
import { accessRequests, affiliations, erns, memberships, people } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import { queueEmail } from '../../mail/queue-email.ts';
import { ernPartition } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { hospitalBoundRoles, type AccessRequestView, type FileAccessRequest } from './onboarding.contract.ts';

const DAY_MS = 86_400_000;
const hospitalBound = new Set<string>(hospitalBoundRoles);

/** Active holders of a role in an ERN or at a hospital, to notify them. */
async function holders(tx: Tx, at: string, where: { role: 'coordinator' | 'hospitalRepresentative'; ernId?: string; hospitalId?: string }) {
  return tx
    .select({ id: people.id, email: people.email })
    .from(affiliations)
    .innerJoin(people, eq(people.id, affiliations.personId))
    .where(
      and(
        eq(affiliations.role, where.role),
        where.ernId ? eq(affiliations.ernId, where.ernId) : undefined,
        where.hospitalId ? eq(affiliations.hospitalId, where.hospitalId) : undefined,
        lte(affiliations.validFrom, at),
        or(isNull(affiliations.validUntil), gt(affiliations.validUntil, at)),
        isNull(people.deactivatedAt),
      ),
    );
}

/** Files an access request; the ERN's coordinators (and, where the ERN wants it, the hospital's representatives) are told by e-mail. */
export async function fileAccessRequest(deps: AppDeps, actor: Actor, input: FileAccessRequest, clientAddress: string): Promise<string> {
  const [ern] = await deps.db.select().from(erns).where(eq(erns.id, input.ernId));
  if (!ern) throw new AppError('unprocessable', 'That network does not exist.', [{ path: 'body.ernId', message: 'unknown network' }]);
  const needsHospital = hospitalBound.has(input.role);
  if (needsHospital && !input.hospitalId) throw new AppError('unprocessable', 'Choose the hospital you work at.', [{ path: 'body.hospitalId', message: 'required for this role' }]);
  if (needsHospital) {
    const [member] = await deps.db.select().from(memberships).where(and(eq(memberships.ernId, input.ernId), eq(memberships.hospitalId, input.hospitalId!)));
    if (!member) throw new AppError('unprocessable', `That hospital is not a member of ${ern.name}; ask for a guest account or refer the patient to a member centre.`, [{ path: 'body.hospitalId', message: 'not a member of this network' }]);
  }
  const referrer = input.role === 'referrer';
  if (referrer && (!input.statedHospital || !input.statedCountry)) {
    throw new AppError('unprocessable', 'Name your hospital and its country: the network\'s coordinator confirms them.', [
      ...(!input.statedHospital ? [{ path: 'body.statedHospital', message: 'required for a referring clinician' }] : []),
      ...(!input.statedCountry ? [{ path: 'body.statedCountry', message: 'required for a referring clinician' }] : []),
    ]);
  }
  const now = deps.clock.now();
  const awaitingEmployment = needsHospital && ern.employmentConfirmationRequired;
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(accessRequests)
      .values({
        personId: actor.personId,
        ernId: input.ernId,
        hospitalId: needsHospital ? input.hospitalId : null,
        role: input.role,
        justification: input.justification,
        status: awaitingEmployment ? 'awaitingEmployment' : 'pending',
        guestUntil: input.role === 'guestExpert' ? new Date(now.getTime() + ern.guestAccountDays * DAY_MS).toISOString() : null,
        statedHospital: referrer ? input.statedHospital : null,
        statedCountry: referrer ? input.statedCountry : null,
        requestedBy: actor.personId,
        createdAt: now.toISOString(),
      })
      .returning({ id: accessRequests.id });
    const id = row!.id;
    await recordAudit(tx, deps.clock, { partition: ernPartition(input.ernId), actorId: actor.personId, action: input.role === 'guestExpert' ? 'guest.requested' : 'accessRequest.filed', targetType: 'accessRequest', targetId: id, clientAddress, details: { role: input.role, hospitalId: input.hospitalId } });
    const recipients = awaitingEmployment
      ? await holders(tx, now.toISOString(), { role: 'hospitalRepresentative', hospitalId: input.hospitalId! })
      : await holders(tx, now.toISOString(), { role: 'coordinator', ernId: input.ernId });
    for (const recipient of recipients) {
      await queueEmail(tx, deps.clock, {
        recipientId: recipient.id,
        to: recipient.email,
        subject: `Open CPMS: an access request for ${ern.name} awaits you`,
        text: `A new access request for ${ern.name} is waiting for your ${awaitingEmployment ? 'confirmation of employment' : 'decision'}.\n\nOpen it here: ${deps.config.publicUrl}/coordination/access-requests\n`,
      });
    }
    return id;
  });
}

/** A hospital representative confirms that the requester works at their hospital; the request goes on to the coordinator. */
export async function confirmEmployment(deps: AppDeps, actor: Actor, request: AccessRequestView, clientAddress: string): Promise<void> {
  const now = deps.clock.now().toISOString();
  await deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(accessRequests)
      .set({ status: 'pending', employmentConfirmedBy: actor.personId, employmentConfirmedAt: now })
      .where(and(eq(accessRequests.id, request.id), eq(accessRequests.status, 'awaitingEmployment')))
      .returning({ id: accessRequests.id });
    if (updated.length === 0) throw new AppError('conflict', 'This request is no longer waiting for confirmation of employment.');
    await recordAudit(tx, deps.clock, { partition: ernPartition(request.ern.id), actorId: actor.personId, action: 'accessRequest.employmentConfirmed', targetType: 'accessRequest', targetId: request.id, clientAddress });
    for (const coordinator of await holders(tx, now, { role: 'coordinator', ernId: request.ern.id })) {
      await queueEmail(tx, deps.clock, { recipientId: coordinator.id, to: coordinator.email, subject: `Open CPMS: an access request for ${request.ern.name} awaits your decision`, text: `Employment has been confirmed; the request now awaits your decision.\n\nOpen it here: ${deps.config.publicUrl}/coordination/access-requests\n` });
    }
  });
}

async function decide(deps: AppDeps, actor: Actor, request: AccessRequestView, approve: boolean, reason: string | null, clientAddress: string, grant: (tx: Tx) => Promise<string | null>): Promise<void> {
  const now = deps.clock.now().toISOString();
  await deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(accessRequests)
      .set({ status: approve ? 'approved' : 'rejected', decidedBy: actor.personId, decidedAt: now, decisionReason: reason })
      .where(and(eq(accessRequests.id, request.id), eq(accessRequests.status, 'pending')))
      .returning({ id: accessRequests.id });
    if (updated.length === 0) throw new AppError('conflict', 'This request has already been decided or is not ready for a decision.');
    const affiliationId = await grant(tx);
    if (affiliationId) await tx.update(accessRequests).set({ affiliationId }).where(eq(accessRequests.id, request.id));
    await recordAudit(tx, deps.clock, { partition: ernPartition(request.ern.id), actorId: actor.personId, action: approve ? 'accessRequest.approved' : 'accessRequest.rejected', targetType: 'accessRequest', targetId: request.id, clientAddress, details: affiliationId ? { affiliationId } : {} });
    await queueEmail(tx, deps.clock, {
      recipientId: request.person.id,
      to: request.person.email,
      subject: `Open CPMS: your access request for ${request.ern.name} was ${approve ? 'approved' : 'not approved'}`,
      text: approve
        ? `Your access request for ${request.ern.name} was approved. Sign in to start: ${deps.config.publicUrl}/sign-in\nYou will be asked to set up an authenticator app the first time.\n`
        : `Your access request for ${request.ern.name} was not approved.\nReason: ${reason}\n\nSee your requests: ${deps.config.publicUrl}/access-requests\n`,
    });
  });
}

/** Approves: the requested affiliation starts now (a guest's ends after the ERN's guest period). */
export async function approveAccessRequest(deps: AppDeps, actor: Actor, request: AccessRequestView, reason: string | null, clientAddress: string): Promise<void> {
  const now = deps.clock.now().toISOString();
  await decide(deps, actor, request, true, reason, clientAddress, async (tx) => {
    const [affiliation] = await tx
      .insert(affiliations)
      .values({
        personId: request.person.id,
        hospitalId: request.hospital?.id ?? null,
        ernId: request.ern.id,
        role: request.role,
        validFrom: now,
        validUntil: request.role === 'guestExpert' ? request.guestUntil : null,
        statedHospital: request.stated?.hospital ?? null,
        statedCountry: request.stated?.country ?? null,
        createdAt: now,
        createdBy: actor.personId,
      })
      .returning({ id: affiliations.id });
    await recordAudit(tx, deps.clock, { partition: ernPartition(request.ern.id), actorId: actor.personId, action: 'affiliation.created', targetType: 'affiliation', targetId: affiliation!.id, clientAddress, details: { personId: request.person.id, role: request.role } });
    return affiliation!.id;
  });
}

export async function rejectAccessRequest(deps: AppDeps, actor: Actor, request: AccessRequestView, reason: string, clientAddress: string): Promise<void> {
  await decide(deps, actor, request, false, reason, clientAddress, async () => null);
}
