import { and, count, eq } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Tx } from '../../db/database.ts';
import { diseaseGroups, erns, memberships, panelMembers, panels, panelTransitions } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import type { PatientSummary } from '../patients/patients.contract.ts';
import { auditPanel, audited } from './panel-audit.ts';
import { findPanel, type ScopedPanel } from './panel-scope.ts';
import type { NewPanel, PanelDraftUpdate } from './panels.contract.ts';

/** The ERN must exist and count the patient's hospital among its members; the disease group must be one of its own (required where it has any). */
async function checkOwnership(tx: Tx, ernId: string, diseaseGroupId: string | null, hospitalId: string): Promise<void> {
  const [ern] = await tx.select({ name: erns.name }).from(erns).where(eq(erns.id, ernId));
  if (!ern) throw new AppError('unprocessable', 'That network does not exist.', [{ path: 'body.ernId', message: 'unknown network' }]);
  const [member] = await tx.select({ type: memberships.type }).from(memberships).where(and(eq(memberships.ernId, ernId), eq(memberships.hospitalId, hospitalId)));
  if (!member) throw new AppError('unprocessable', `The patient's hospital is not a member of ${ern.name}: refer the patient to a member centre of that network.`, [{ path: 'body.ernId', message: 'the hospital is not a member' }]);
  if (diseaseGroupId === null) {
    const [groups] = await tx.select({ n: count() }).from(diseaseGroups).where(eq(diseaseGroups.ernId, ernId));
    if ((groups?.n ?? 0) > 0) throw new AppError('unprocessable', `Choose the disease group of ${ern.name} the case belongs to.`, [{ path: 'body.diseaseGroupId', message: 'required for this network' }]);
    return;
  }
  const [group] = await tx.select({ id: diseaseGroups.id }).from(diseaseGroups).where(and(eq(diseaseGroups.id, diseaseGroupId), eq(diseaseGroups.ernId, ernId)));
  if (!group) throw new AppError('unprocessable', `That disease group is not one of ${ern.name}.`, [{ path: 'body.diseaseGroupId', message: 'not a group of this network' }]);
}

/** A draft request on a patient of the requester's hospital; the requester is its lead until a coordinator reassigns it. */
export async function createPanelDraft(deps: AppDeps, actor: Actor, patient: PatientSummary, input: NewPanel, clientAddress: string): Promise<string> {
  const now = deps.clock.now().toISOString();
  return deps.db.transaction(async (tx) => {
    await checkOwnership(tx, input.ernId, input.diseaseGroupId, patient.hospitalId);
    const [row] = await tx
      .insert(panels)
      .values({ ernId: input.ernId, diseaseGroupId: input.diseaseGroupId, patientId: patient.id, type: input.type, urgency: input.urgency, title: input.title, clinicalQuestion: input.clinicalQuestion, status: 'draft', requestedBy: actor.personId, createdAt: now, updatedAt: now })
      .returning({ id: panels.id });
    const panelId = row!.id;
    await tx.insert(panelMembers).values({ panelId, personId: actor.personId, role: 'lead', status: 'accepted', invitedBy: actor.personId, invitedAt: now, respondedAt: now });
    await tx.insert(panelTransitions).values({ panelId, seq: 1, action: 'create', fromStatus: null, toStatus: 'draft', by: actor.personId, at: now });
    await auditPanel(tx, deps.clock, { panelId, patientId: patient.id, patientHospitalId: patient.hospitalId }, { actorId: actor.personId, action: 'panel.created', clientAddress, details: { ernId: input.ernId, type: input.type, urgency: input.urgency } });
    return panelId;
  });
}

/** Changes a draft; only its lead, only while it is a draft. */
export async function updatePanelDraft(deps: AppDeps, actor: Actor, panelId: string, input: PanelDraftUpdate, clientAddress: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const scoped = await lockedPanel(tx, actor, panelId);
    if (scoped.panel.status !== 'draft') throw new AppError('conflict', 'Only a draft can be changed; this request has been submitted.');
    const ernId = input.ernId ?? scoped.panel.ernId;
    const diseaseGroupId = input.diseaseGroupId === undefined ? (input.ernId === undefined ? scoped.panel.diseaseGroupId : null) : input.diseaseGroupId;
    if (input.ernId !== undefined || input.diseaseGroupId !== undefined) await checkOwnership(tx, ernId, diseaseGroupId, scoped.patientHospitalId);
    await tx
      .update(panels)
      .set({ ...input, ernId, diseaseGroupId, updatedAt: deps.clock.now().toISOString() })
      .where(eq(panels.id, panelId));
    await auditPanel(tx, deps.clock, audited(scoped), { actorId: actor.personId, action: 'panel.updated', clientAddress, details: { fields: Object.keys(input).sort() } });
  });
}

/** The panel, locked for the change, still within the actor's scope. */
export async function lockedPanel(tx: Tx, actor: Actor, panelId: string): Promise<ScopedPanel> {
  const scoped = await findPanel(tx, actor, panelId, { lock: true });
  if (!scoped) throw new AppError('notFound', 'No such panel.');
  return scoped;
}
