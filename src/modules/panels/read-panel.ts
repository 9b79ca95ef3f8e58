import { and, asc, count, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db, Tx } from '../../db/database.ts';
import { accessRequests, affiliations, diseaseGroups, erns, hospitals, panelContributions, panelMembers, panelTransitions, people } from '../../db/schema/index.ts';
import { canContribute } from './contributions.ts';
import { canInvite, invitingStatuses } from './invitations.ts';
import { auditPanel, audited } from './panel-audit.ts';
import { loadPanelFacts } from './panel-facts.ts';
import { activeStatuses, allowedTransitions } from './panel-lifecycle.contract.ts';
import { actorFacts, type PanelRow, type ScopedPanel } from './panel-scope.ts';
import { panelSettingsOf } from './panel-settings.ts';
import type { PanelDetail, PanelMemberView } from './panels.contract.ts';
import { caseWithheld, panelPatient } from './read-case.ts';
import { reassigningStatuses } from './reassign-lead.ts';
import { canShare, listShares, sharingStatuses } from './share-record.ts';

/** Past its deadline while still being worked on. */
export const isOverdue = (panel: Pick<PanelRow, 'status' | 'deadlineAt'>, now: Date): boolean =>
  panel.deadlineAt !== null && activeStatuses.includes(panel.status) && new Date(panel.deadlineAt).getTime() < now.getTime();

/** Where each person works now (their first health-professional affiliation), for the member list. */
async function workplaces(db: Db | Tx, personIds: string[], at: string): Promise<Map<string, { hospitalName: string; country: string }>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .select({ personId: affiliations.personId, hospitalName: hospitals.name, country: hospitals.country })
    .from(affiliations)
    .innerJoin(hospitals, eq(hospitals.id, affiliations.hospitalId))
    .where(and(inArray(affiliations.personId, personIds), eq(affiliations.role, 'healthProfessional'), lte(affiliations.validFrom, at), or(isNull(affiliations.validUntil), gt(affiliations.validUntil, at))))
    .orderBy(asc(affiliations.createdAt));
  const found = new Map<string, { hospitalName: string; country: string }>();
  for (const row of rows) if (!found.has(row.personId)) found.set(row.personId, { hospitalName: row.hospitalName, country: row.country });
  return found;
}

async function membersOf(db: Db | Tx, scoped: ScopedPanel, at: string): Promise<PanelMemberView[]> {
  const rows = await db
    .select({ m: panelMembers, displayName: people.displayName, personCountry: people.country, requestStatus: accessRequests.status })
    .from(panelMembers)
    .innerJoin(people, eq(people.id, panelMembers.personId))
    .leftJoin(accessRequests, eq(accessRequests.id, panelMembers.accessRequestId))
    .where(eq(panelMembers.panelId, scoped.panel.id))
    .orderBy(asc(panelMembers.invitedAt), asc(people.displayName));
  const places = await workplaces(db, rows.map((r) => r.m.personId), at);
  const seesReasons = scoped.role === 'lead' || scoped.coordinator;
  return rows.map(({ m, displayName, personCountry, requestStatus }) => ({
    personId: m.personId,
    displayName,
    role: m.role,
    status: m.status,
    hospitalName: places.get(m.personId)?.hospitalName ?? null,
    country: places.get(m.personId)?.country ?? personCountry,
    invitedAt: m.invitedAt,
    respondedAt: m.respondedAt,
    declineReason: seesReasons ? m.declineReason : null,
    viaExpertGroupId: m.viaExpertGroupId,
    guestAccountPending: m.status === 'invited' && requestStatus === 'pending',
  }));
}

/** The panel page's metadata for anyone in its scope; an audited read (it names the patient's platform id). */
export async function viewPanel(deps: AppDeps, actor: Actor, scoped: ScopedPanel, clientAddress: string): Promise<PanelDetail> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const panel = scoped.panel;
    const [ern] = await tx.select({ id: erns.id, code: erns.code, name: erns.name }).from(erns).where(eq(erns.id, panel.ernId));
    const [group] = panel.diseaseGroupId ? await tx.select({ id: diseaseGroups.id, name: diseaseGroups.name }).from(diseaseGroups).where(eq(diseaseGroups.id, panel.diseaseGroupId)) : [];
    const [requester] = await tx.select({ personId: people.id, displayName: people.displayName }).from(people).where(eq(people.id, panel.requestedBy));
    const [requesterHospital] = await tx.select({ name: hospitals.name }).from(hospitals).where(eq(hospitals.id, scoped.patientHospitalId));
    const members = await membersOf(tx, scoped, now.toISOString());
    const lead = members.find((m) => m.role === 'lead');
    const transitions = await tx
      .select({ t: panelTransitions, displayName: people.displayName })
      .from(panelTransitions)
      .innerJoin(people, eq(people.id, panelTransitions.by))
      .where(eq(panelTransitions.panelId, panel.id))
      .orderBy(asc(panelTransitions.seq));
    const [contributions] = await tx.select({ n: count() }).from(panelContributions).where(eq(panelContributions.panelId, panel.id));
    const facts = await loadPanelFacts(tx, panel);
    const settings = await panelSettingsOf(tx, panel.ernId);
    const shares = await listShares(tx, panel.id);
    const myInvitation = scoped.invitedAs ? members.find((m) => m.personId === actor.personId) : undefined;
    await auditPanel(tx, deps.clock, audited(scoped), { actorId: actor.personId, action: 'panel.viewed', clientAddress });
    return {
      id: panel.id,
      title: panel.title,
      type: panel.type,
      urgency: panel.urgency,
      status: panel.status,
      ern: ern!,
      diseaseGroup: group ?? null,
      clinicalQuestion: panel.clinicalQuestion,
      patient: await panelPatient(tx, panel.patientId),
      // Only for whoever may share the record (the enrolling hospital's staff): they need the patient's own routes.
      patientId: canShare(actor, scoped) ? panel.patientId : null,
      requester: { ...requester!, hospitalName: requesterHospital!.name },
      lead: lead ? { personId: lead.personId, displayName: lead.displayName } : null,
      members,
      myRole: scoped.role,
      myInvitation: myInvitation ? { role: myInvitation.role, invitedAt: myInvitation.invitedAt } : null,
      coordinator: scoped.coordinator,
      allowedTransitions: allowedTransitions(facts, actorFacts(scoped)),
      can: {
        editDraft: scoped.role === 'lead' && panel.status === 'draft',
        share: canShare(actor, scoped) && sharingStatuses.includes(panel.status),
        invite: canInvite(scoped) && invitingStatuses.includes(panel.status),
        contribute: canContribute(scoped),
        reassignLead: scoped.coordinator && reassigningStatuses.includes(panel.status),
        viewCase: scoped.role !== null,
      },
      deadlineAt: panel.deadlineAt,
      overdue: isOverdue(panel, now),
      createdAt: panel.createdAt,
      updatedAt: panel.updatedAt,
      submittedAt: panel.submittedAt,
      openedAt: panel.openedAt,
      closedAt: panel.closedAt,
      transitions: transitions.map(({ t, displayName }) => ({ action: t.action, from: t.fromStatus, to: t.toStatus, by: { personId: t.by, displayName }, at: t.at, reason: t.reason, fewContributionsAcknowledged: t.fewContributionsAcknowledged })),
      currentShare: shares[0] ? { seq: shares[0].seq, recordVersion: shares[0].recordVersion, sections: shares[0].sections, attachmentCount: shares[0].attachmentCount, sharedAt: shares[0].sharedAt, sharedBy: shares[0].sharedBy } : null,
      caseWithheld: await caseWithheld(tx, panel.patientId),
      contributionCount: contributions?.n ?? 0,
      expertContributionCount: facts.expertContributions,
      helpdeskEmail: settings?.helpdeskEmail ?? null,
    };
  });
}
