import { and, asc, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { affiliations, diseaseGroups, erns, hospitals, outcomeReportApprovals, panelContributions, panelMembers, patients, people } from '../../db/schema/index.ts';
import type { Environment } from '../../config/config.ts';
import type { PanelRow } from '../panels/panel-scope.ts';
import { OutcomeReportContent, type ReportApproval, type ReportContributor } from './outcome-report-content.contract.ts';
import type { ReportRow } from './report-views.ts';
import { draftOf } from './report-views.ts';

/**
 * The age a report shows: a band, never a date of birth. The platform knows the year of birth only, so
 * the age at signing is uncertain by one year; five-year bands for children (whose care changes fastest), then decades.
 */
export function ageBand(yearOfBirth: number | null, at: Date): string | null {
  if (yearOfBirth === null) return null;
  const age = at.getUTCFullYear() - yearOfBirth;
  if (age < 0) return null;
  if (age < 20) {
    const from = Math.floor(age / 5) * 5;
    return `${from}–${from + 4} years`;
  }
  if (age >= 80) return '80 years or older';
  const from = Math.floor(age / 10) * 10;
  return `${from}–${from + 9} years`;
}

const countryCode = (value: string | null) => (value !== null && /^[A-Z]{2}$/.test(value) ? value : null);

/** Where each person works now (their first health-professional affiliation), as the report names them. */
async function workplaces(tx: Tx, personIds: string[], at: string): Promise<Map<string, { hospital: string; country: string }>> {
  if (personIds.length === 0) return new Map();
  const rows = await tx
    .select({ personId: affiliations.personId, hospital: hospitals.name, country: hospitals.country })
    .from(affiliations)
    .innerJoin(hospitals, eq(hospitals.id, affiliations.hospitalId))
    .where(and(inArray(affiliations.personId, personIds), eq(affiliations.role, 'healthProfessional'), lte(affiliations.validFrom, at), or(isNull(affiliations.validUntil), gt(affiliations.validUntil, at))))
    .orderBy(asc(affiliations.createdAt));
  const found = new Map<string, { hospital: string; country: string }>();
  for (const row of rows) if (!found.has(row.personId)) found.set(row.personId, { hospital: row.hospital, country: row.country });
  return found;
}

type PanelRole = ReportContributor['role'];

/**
 * Exactly what a version says when the lead signs it — panel, pseudonymous patient (platform id, sex, age
 * band), the draft, contributors (the lead and every member who wrote a contribution), the members who
 * approved this very revision, the signer and the environment — read inside the signing transaction.
 */
export async function buildReportContent(
  tx: Tx,
  input: { panel: PanelRow; report: ReportRow; signer: { personId: string; displayName: string }; signedAt: Date; environment: Environment },
): Promise<OutcomeReportContent> {
  const { panel, report } = input;
  const at = input.signedAt.toISOString();
  const [ern] = await tx.select({ name: erns.name }).from(erns).where(eq(erns.id, panel.ernId));
  const [group] = panel.diseaseGroupId ? await tx.select({ name: diseaseGroups.name }).from(diseaseGroups).where(eq(diseaseGroups.id, panel.diseaseGroupId)) : [];
  const [patient] = await tx.select({ patientCode: patients.patientCode, sex: patients.sex, yearOfBirth: patients.yearOfBirth }).from(patients).where(eq(patients.id, panel.patientId));

  const members = await tx
    .select({ personId: panelMembers.personId, role: panelMembers.role, status: panelMembers.status, displayName: people.displayName, country: people.country })
    .from(panelMembers)
    .innerJoin(people, eq(people.id, panelMembers.personId))
    .where(eq(panelMembers.panelId, panel.id));
  const authors = await tx.select({ personId: panelContributions.authorId }).from(panelContributions).where(eq(panelContributions.panelId, panel.id)).orderBy(asc(panelContributions.createdAt), asc(panelContributions.id));
  const approvals = await tx
    .select({ personId: outcomeReportApprovals.personId, approvedAt: outcomeReportApprovals.approvedAt })
    .from(outcomeReportApprovals)
    .where(and(eq(outcomeReportApprovals.reportId, report.id), eq(outcomeReportApprovals.revision, report.revision)))
    .orderBy(asc(outcomeReportApprovals.approvedAt));

  const lead = members.find((m) => m.role === 'lead');
  const contributorIds = [...new Set([...(lead ? [lead.personId] : []), ...authors.map((a) => a.personId)])];
  const approverIds = approvals.map((a) => a.personId).filter((id) => members.some((m) => m.personId === id && m.status === 'accepted'));
  const places = await workplaces(tx, [...new Set([...contributorIds, ...approverIds, input.signer.personId])], at);
  const person = (personId: string): { name: string; role: PanelRole; hospital: string | null; country: string | null } => {
    const member = members.find((m) => m.personId === personId)!;
    const place = places.get(personId);
    return { name: member.displayName, role: member.role, hospital: place?.hospital ?? null, country: place?.country ?? countryCode(member.country) };
  };
  const approvedAt = (personId: string) => new Date(approvals.find((a) => a.personId === personId)!.approvedAt).toISOString();
  const contributors: ReportContributor[] = contributorIds.filter((id) => members.some((m) => m.personId === id)).map(person);
  const approved: ReportApproval[] = approverIds.map((id) => ({ ...person(id), approvedAt: approvedAt(id) }));

  const draft = draftOf(report);
  return OutcomeReportContent.parse({
    panel: { id: panel.id, title: panel.title, ern: ern!.name, diseaseGroup: group?.name ?? null, type: panel.type, clinicalQuestion: panel.clinicalQuestion },
    patient: { patientCode: patient!.patientCode, sex: patient!.sex, ageBand: ageBand(patient!.yearOfBirth, input.signedAt) },
    recordVersion: report.recordVersion,
    summary: draft.summary,
    conclusion: draft.conclusion,
    diagnoses: draft.diagnoses,
    recommendations: draft.recommendations,
    contributors,
    approvals: approved,
    version: report.version,
    amendmentReason: report.amendmentReason,
    signedBy: { name: input.signer.displayName, hospital: places.get(input.signer.personId)?.hospital ?? null },
    signedAt: at,
    environment: input.environment,
  } satisfies OutcomeReportContent);
}
