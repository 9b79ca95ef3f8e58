import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../db/database.ts';
import { outcomeReportApprovals, outcomeReports, panelMembers, people } from '../../db/schema/index.ts';
import { OutcomeReportContent } from './outcome-report-content.contract.ts';
import { OutcomeReportDraft, type OutcomeReportVersion } from './outcome-reports.contract.ts';

export type ReportRow = typeof outcomeReports.$inferSelect;

/** A panel's report versions, newest first (`signedOnly` for readers who are not members). */
export async function reportRows(db: Db | Tx, panelId: string, options: { signedOnly?: boolean } = {}): Promise<ReportRow[]> {
  const rows = await db.select().from(outcomeReports).where(eq(outcomeReports.panelId, panelId)).orderBy(desc(outcomeReports.version));
  return options.signedOnly ? rows.filter((r) => r.signedAt !== null) : rows;
}

/** One version, locked for a change (FOR UPDATE: approvals and signing serialise on it). */
export async function lockedReport(tx: Tx, panelId: string, version: number): Promise<ReportRow | undefined> {
  const [row] = await tx.select().from(outcomeReports).where(and(eq(outcomeReports.panelId, panelId), eq(outcomeReports.version, version))).for('update');
  return row;
}

/** The draft as stored (jsonb), read back through its schema so a view never carries more than it declares. */
export const draftOf = (row: ReportRow) => OutcomeReportDraft.parse(row.draft);

const drafter = alias(people, 'drafter');
const signer = alias(people, 'signer');

/** The views of these versions: drafts with their text, signed ones with what was signed; every approval named. */
export async function versionViews(db: Db | Tx, panelId: string, rows: ReportRow[]): Promise<OutcomeReportVersion[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const names = await db
    .select({ id: outcomeReports.id, drafter: drafter.displayName, signer: signer.displayName })
    .from(outcomeReports)
    .innerJoin(drafter, eq(drafter.id, outcomeReports.draftedBy))
    .leftJoin(signer, eq(signer.id, outcomeReports.signedBy))
    .where(inArray(outcomeReports.id, ids));
  const approvals = await db
    .select({ a: outcomeReportApprovals, displayName: people.displayName, role: panelMembers.role, status: panelMembers.status })
    .from(outcomeReportApprovals)
    .innerJoin(people, eq(people.id, outcomeReportApprovals.personId))
    .leftJoin(panelMembers, and(eq(panelMembers.panelId, panelId), eq(panelMembers.personId, outcomeReportApprovals.personId)))
    .where(inArray(outcomeReportApprovals.reportId, ids))
    .orderBy(desc(outcomeReportApprovals.revision), asc(outcomeReportApprovals.approvedAt), asc(people.displayName));
  return rows.map((row) => {
    const named = names.find((n) => n.id === row.id)!;
    const signed = row.signedAt !== null;
    return {
      id: row.id,
      version: row.version,
      state: signed ? 'signed' : 'draft',
      revision: row.revision,
      recordVersion: row.recordVersion,
      amendmentReason: row.amendmentReason,
      draft: signed ? null : draftOf(row),
      content: signed ? OutcomeReportContent.parse(row.signedContent) : null,
      contentHash: row.contentHash,
      signedAt: row.signedAt,
      signedBy: row.signedBy ? { personId: row.signedBy, displayName: named.signer ?? '' } : null,
      pdfSize: row.pdfSize,
      draftedBy: { personId: row.draftedBy, displayName: named.drafter },
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      approvals: approvals
        .filter((a) => a.a.reportId === row.id)
        .map(({ a, displayName, role, status }) => ({ person: { personId: a.personId, displayName }, role: status === 'accepted' ? role : null, revision: a.revision, approvedAt: a.approvedAt, comment: a.comment })),
    };
  });
}

/** Accepted members other than the lead, with whether they approved this revision. */
export async function approvalStates(db: Db | Tx, panelId: string, report: Pick<ReportRow, 'id' | 'revision'>) {
  const members = await db
    .select({ personId: panelMembers.personId, displayName: people.displayName, role: panelMembers.role })
    .from(panelMembers)
    .innerJoin(people, eq(people.id, panelMembers.personId))
    .where(and(eq(panelMembers.panelId, panelId), eq(panelMembers.status, 'accepted')))
    .orderBy(asc(panelMembers.invitedAt), asc(people.displayName));
  const approved = await db
    .select({ personId: outcomeReportApprovals.personId, approvedAt: outcomeReportApprovals.approvedAt })
    .from(outcomeReportApprovals)
    .where(and(eq(outcomeReportApprovals.reportId, report.id), eq(outcomeReportApprovals.revision, report.revision)));
  return members.map((m) => ({ ...m, approvedAt: approved.find((a) => a.personId === m.personId)?.approvedAt ?? null }));
}

/** Who still has to approve the current revision (the lead's signature is their approval). */
export async function pendingApprovals(db: Db | Tx, panelId: string, report: Pick<ReportRow, 'id' | 'revision'>) {
  return (await approvalStates(db, panelId, report)).filter((m) => m.role !== 'lead' && m.approvedAt === null).map(({ personId, displayName, role }) => ({ personId, displayName, role }));
}
