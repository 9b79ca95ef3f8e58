import { alias } from 'drizzle-orm/pg-core';
import { and, asc, desc, eq, isNull, type SQL } from 'drizzle-orm';
import { isUuid, type Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db, Tx } from '../../db/database.ts';
import { infoRequests, panels, patients, people } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import { hospitalPartition } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { lockedPanel } from '../panels/create-panel.ts';
import { auditPanel, audited } from '../panels/panel-audit.ts';
import { findPanel, type ScopedPanel } from '../panels/panel-scope.ts';
import { canShare, shareRecord, sharingStatuses } from '../panels/share-record.ts';
import { canSeeIdentity, patientScope } from '../patients/patient-scope.ts';
import type { HospitalInfoRequest, InfoRequestAnswer, InfoRequestView, NewInfoRequest, PanelInfoRequests } from './discussion.contract.ts';
import { closedDiscussion, discussionRuns, discussionStatuses, isMember } from './discussion-rules.ts';
import { mailPeople, notify } from './notify.ts';
import { publishPanelEvent } from './panel-events.ts';

const asker = alias(people, 'asker');
const answerer = alias(people, 'answerer');

const columns = {
  request: infoRequests,
  askerName: asker.displayName,
  answererName: answerer.displayName,
};

type Row = { request: typeof infoRequests.$inferSelect; askerName: string; answererName: string | null };

const toView = ({ request: r, askerName, answererName }: Row): InfoRequestView => ({
  id: r.id,
  panelId: r.panelId,
  question: r.question,
  askedBy: { personId: r.askedBy, displayName: askerName },
  askedAt: r.askedAt,
  answer: r.answer,
  answeredBy: r.answeredBy ? { personId: r.answeredBy, displayName: answererName ?? '' } : null,
  answeredAt: r.answeredAt,
  answerShareSeq: r.answerShareSeq,
  open: r.answeredAt === null,
});

const selectRequests = (db: Db | Tx, where: SQL | undefined) =>
  db
    .select(columns)
    .from(infoRequests)
    .innerJoin(asker, eq(asker.id, infoRequests.askedBy))
    .leftJoin(answerer, eq(answerer.id, infoRequests.answeredBy))
    .where(where);

/**
 * A member asks the enrolling clinician (the panel's requester) for more information: open until answered.
 * The requester finds it in their inbox and gets a content-free e-mail; the enrolling hospital's staff see it
 * among their hospital's open requests.
 */
export async function askInfoRequest(deps: AppDeps, actor: Actor, panelId: string, input: NewInfoRequest, clientAddress: string): Promise<InfoRequestView> {
  return deps.db.transaction(async (tx) => {
    const scoped = await lockedPanel(tx, actor, panelId);
    if (!isMember(scoped)) throw new AppError('forbidden', 'Only the panel\'s members ask the enrolling clinician for more information.');
    if (!discussionRuns(scoped)) throw new AppError('conflict', closedDiscussion);
    const [row] = await tx.insert(infoRequests).values({ panelId, askedBy: actor.personId, question: input.question, askedAt: deps.clock.now().toISOString() }).returning({ id: infoRequests.id });
    const id = row!.id;
    await auditPanel(tx, deps.clock, audited(scoped), { actorId: actor.personId, action: 'infoRequest.asked', clientAddress, targetType: 'infoRequest', targetId: id });
    await publishPanelEvent(tx, deps.clock, panelId, 'infoRequest.asked', { infoRequestId: id });
    const requester = scoped.panel.requestedBy;
    await notify(tx, deps.clock, [requester], { kind: 'infoRequest', panelId, subjectId: id, actorId: actor.personId });
    if (requester !== actor.personId) await mailPeople(tx, deps.clock, deps.config.publicUrl, [requester], 'infoRequest', `/panels/${panelId}`);
    const [view] = await selectRequests(tx, eq(infoRequests.id, id));
    return toView(view!);
  });
}

/** The panel's information requests, open ones first then by time, for those who read its discussion. */
export async function listPanelInfoRequests(deps: AppDeps, actor: Actor, scoped: ScopedPanel, clientAddress: string): Promise<PanelInfoRequests> {
  return deps.db.transaction(async (tx) => {
    const rows = await selectRequests(tx, eq(infoRequests.panelId, scoped.panel.id)).orderBy(desc(isNull(infoRequests.answeredAt)), asc(infoRequests.askedAt), asc(infoRequests.id));
    await auditPanel(tx, deps.clock, audited(scoped), { actorId: actor.personId, action: 'infoRequest.viewed', clientAddress, targetType: 'infoRequestList', details: { count: rows.length } });
    const answers = canSeeIdentity(actor, { hospitalId: scoped.patientHospitalId }) && discussionRuns(scoped);
    return {
      infoRequests: rows.map(toView),
      canAsk: isMember(scoped) && discussionRuns(scoped),
      canAnswer: answers,
      canShareWithAnswer: answers && canShare(actor, scoped) && sharingStatuses.includes(scoped.panel.status),
    };
  });
}

/** An information request on a patient of the actor's hospitals (the enrolling hospital's staff), or undefined (404). */
export async function findHospitalInfoRequest(db: Db | Tx, actor: Actor, id: string): Promise<{ id: string; panelId: string } | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select({ id: infoRequests.id, panelId: infoRequests.panelId })
    .from(infoRequests)
    .innerJoin(panels, eq(panels.id, infoRequests.panelId))
    .innerJoin(patients, eq(patients.id, panels.patientId))
    .where(and(eq(infoRequests.id, id), patientScope(actor)));
  return row;
}

/** Whether the actor may share a record version with their answer on this panel (the panels module decides who shares). */
export async function mayShareWithAnswer(db: Db, actor: Actor, panelId: string): Promise<boolean> {
  const scoped = await findPanel(db, actor, panelId);
  return scoped !== undefined && canShare(actor, scoped);
}

/**
 * The enrolling hospital's staff see their hospitals' requests (open ones with open=true), whether or not
 * they are on the panel; a list read audited once per hospital with the patients it named.
 */
export async function listHospitalInfoRequests(deps: AppDeps, actor: Actor, query: { open?: 'true' | 'false' | undefined }, clientAddress: string): Promise<HospitalInfoRequest[]> {
  const openOnly = query.open === 'true' ? isNull(infoRequests.answeredAt) : undefined;
  const rows = await deps.db
    .select({ ...columns, panel: { id: panels.id, title: panels.title, status: panels.status }, patient: { id: patients.id, patientCode: patients.patientCode, hospitalId: patients.hospitalId } })
    .from(infoRequests)
    .innerJoin(asker, eq(asker.id, infoRequests.askedBy))
    .leftJoin(answerer, eq(answerer.id, infoRequests.answeredBy))
    .innerJoin(panels, eq(panels.id, infoRequests.panelId))
    .innerJoin(patients, eq(patients.id, panels.patientId))
    .where(and(patientScope(actor), openOnly))
    .orderBy(desc(isNull(infoRequests.answeredAt)), desc(infoRequests.askedAt), desc(infoRequests.id))
    .limit(200);
  const sharing = new Map<string, boolean>();
  for (const panelId of new Set(rows.map((r) => r.panel.id))) sharing.set(panelId, await mayShareWithAnswer(deps.db, actor, panelId));
  if (rows.length > 0) {
    await deps.db.transaction(async (tx) => {
      for (const [hospitalId, group] of Map.groupBy(rows, (r) => r.patient.hospitalId)) {
        await recordAudit(tx, deps.clock, { partition: hospitalPartition(hospitalId), actorId: actor.personId, action: 'infoRequest.listed', targetType: 'infoRequestList', patientIds: group.map((r) => r.patient.id), clientAddress, details: { infoRequestIds: group.map((r) => r.request.id) } });
      }
    });
  }
  return rows.map((r) => ({
    ...toView(r),
    panel: r.panel,
    patient: { id: r.patient.id, patientCode: r.patient.patientCode },
    canShareWithAnswer: (sharing.get(r.panel.id) ?? false) && discussionStatuses.includes(r.panel.status),
  }));
}

/**
 * Answers an open request — with `share`, a newer record version is shared with the panel in the same
 * transaction (the panels module's own share, its rules and audit). The asker finds the answer in their
 * inbox and gets a content-free e-mail.
 */
export async function answerInfoRequest(deps: AppDeps, actor: Actor, id: string, input: InfoRequestAnswer, clientAddress: string): Promise<InfoRequestView> {
  return deps.db.transaction(async (tx) => {
    const [request] = await tx.select().from(infoRequests).where(eq(infoRequests.id, id)).for('update');
    if (!request) throw new AppError('notFound', 'No such information request.');
    if (request.answeredAt !== null) throw new AppError('conflict', 'This request has been answered already.');
    const [panel] = await tx.select({ id: panels.id, status: panels.status, patientId: panels.patientId, hospitalId: patients.hospitalId }).from(panels).innerJoin(patients, eq(patients.id, panels.patientId)).where(eq(panels.id, request.panelId));
    if (!discussionStatuses.includes(panel!.status)) throw new AppError('conflict', closedDiscussion);
    // The share is the panels module's, in this transaction (a savepoint): it fails, nothing is answered.
    const share = input.share ? await shareRecord({ ...deps, db: tx }, actor, panel!.id, input.share, clientAddress) : undefined;
    const answeredAt = deps.clock.now().toISOString();
    await tx.update(infoRequests).set({ answer: input.answer, answeredBy: actor.personId, answeredAt, answerShareSeq: share?.seq ?? null }).where(eq(infoRequests.id, id));
    await auditPanel(tx, deps.clock, { panelId: panel!.id, patientId: panel!.patientId, patientHospitalId: panel!.hospitalId }, { actorId: actor.personId, action: 'infoRequest.answered', clientAddress, targetType: 'infoRequest', targetId: id, details: { shareSeq: share?.seq ?? null } });
    await publishPanelEvent(tx, deps.clock, panel!.id, 'infoRequest.answered', { infoRequestId: id, shareSeq: share?.seq ?? null });
    await notify(tx, deps.clock, [request.askedBy], { kind: 'infoAnswered', panelId: panel!.id, subjectId: id, actorId: actor.personId });
    if (request.askedBy !== actor.personId) await mailPeople(tx, deps.clock, deps.config.publicUrl, [request.askedBy], 'infoAnswered', `/panels/${panel!.id}`);
    const [view] = await selectRequests(tx, eq(infoRequests.id, id));
    return toView(view!);
  });
}
