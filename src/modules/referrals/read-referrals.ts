import { and, asc, desc, eq } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db, Tx } from '../../db/database.ts';
import { diseaseGroups, erns, hospitals, people, referralEvents, referralFiles, referralMessages, referrals, referralSecrets } from '../../db/schema/index.ts';
import { hospitalPartition } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { openFileName, openReferralIdentity, unwrapReferralKey } from './referral-crypto.ts';
import { referralCan, referralScope, sideOf, type ReferralRow, type ScopedReferral } from './referral-scope.ts';
import type { ReferralDetail, ReferralFeature, ReferralStatus, ReferralSummary } from './referrals.contract.ts';

function summaries(db: Db | Tx) {
  return db
    .select({ referral: referrals, ern: { id: erns.id, name: erns.name }, hospital: { id: hospitals.id, name: hospitals.name, city: hospitals.city, country: hospitals.country }, referrerName: people.displayName })
    .from(referrals)
    .innerJoin(erns, eq(erns.id, referrals.ernId))
    .innerJoin(hospitals, eq(hospitals.id, referrals.hospitalId))
    .innerJoin(people, eq(people.id, referrals.referrerId));
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaries>['execute']>>[number];

const toSummary = (actor: Actor, row: SummaryRow): ReferralSummary => ({
  id: row.referral.id,
  referralCode: row.referral.referralCode,
  side: sideOf(actor, row.referral),
  status: row.referral.status,
  ern: row.ern,
  hospital: row.hospital,
  referrer: { displayName: row.referrerName, hospital: row.referral.referringHospital, country: row.referral.referringCountry },
  nickname: row.referral.nickname,
  urgency: row.referral.urgency,
  createdAt: row.referral.createdAt,
  updatedAt: row.referral.updatedAt,
});

/** The referrals the actor sees (their own, or their hospital's incoming ones), newest first; one audited read per receiving hospital. */
export async function listReferrals(deps: AppDeps, actor: Actor, filter: { status?: ReferralStatus | undefined }, clientAddress: string): Promise<ReferralSummary[]> {
  const rows = await summaries(deps.db)
    .where(and(referralScope(actor), filter.status ? eq(referrals.status, filter.status) : undefined))
    .orderBy(desc(referrals.updatedAt))
    .limit(500);
  if (rows.length > 0) {
    await deps.db.transaction(async (tx) => {
      for (const [hospitalId, group] of Map.groupBy(rows, (r) => r.referral.hospitalId)) {
        await recordAudit(tx, deps.clock, { partition: hospitalPartition(hospitalId), actorId: actor.personId, action: 'referral.listed', targetType: 'referralList', clientAddress, details: { referralIds: group.map((r) => r.referral.id) } });
      }
    });
  }
  return rows.map((row) => toSummary(actor, row));
}

/** The referral's data key (for the identity and file names). */
export async function referralDataKey(db: Db | Tx, deps: Pick<AppDeps, 'keys'>, referralId: string): Promise<{ dataKey: Buffer; sealedIdentity: string }> {
  const [secret] = await db.select().from(referralSecrets).where(eq(referralSecrets.referralId, referralId));
  if (!secret) throw new Error(`referral ${referralId} has no secrets`);
  return { dataKey: unwrapReferralKey(deps.keys, referralId, secret.wrappedKey), sealedIdentity: secret.sealedIdentity };
}

/** One referral as its side sees it: the identity only for the receiving centre's staff. Audited. */
export async function readReferral(deps: AppDeps, actor: Actor, scoped: ScopedReferral, clientAddress: string): Promise<ReferralDetail> {
  const r: ReferralRow = scoped.referral;
  const centre = scoped.side === 'centre';
  return deps.db.transaction(async (tx) => {
    const [row] = await summaries(tx).where(eq(referrals.id, r.id));
    const [group] = r.diseaseGroupId ? await tx.select({ id: diseaseGroups.id, name: diseaseGroups.name }).from(diseaseGroups).where(eq(diseaseGroups.id, r.diseaseGroupId)) : [];
    const history = await tx.select({ seq: referralEvents.seq, status: referralEvents.status, at: referralEvents.at }).from(referralEvents).where(eq(referralEvents.referralId, r.id)).orderBy(asc(referralEvents.seq));
    const messages = await tx
      .select({ id: referralMessages.id, side: referralMessages.side, authorName: people.displayName, body: referralMessages.body, createdAt: referralMessages.createdAt })
      .from(referralMessages)
      .innerJoin(people, eq(people.id, referralMessages.authorId))
      .where(eq(referralMessages.referralId, r.id))
      .orderBy(asc(referralMessages.seq));
    const files = await tx.select().from(referralFiles).where(eq(referralFiles.referralId, r.id)).orderBy(asc(referralFiles.uploadedAt));
    const { dataKey, sealedIdentity } = await referralDataKey(tx, deps, r.id);
    await recordAudit(tx, deps.clock, { partition: hospitalPartition(r.hospitalId), actorId: actor.personId, action: centre ? 'referral.identityViewed' : 'referral.viewed', targetType: 'referral', targetId: r.id, patientId: r.patientId, clientAddress });
    return {
      ...toSummary(actor, row!),
      diseaseGroup: group ?? null,
      sex: r.sex,
      clinicalQuestion: r.clinicalQuestion,
      caseSummary: r.caseSummary,
      keyResults: r.keyResults,
      phenotypicFeatures: r.phenotypicFeatures as ReferralFeature[],
      hasPhenopacket: r.phenopacket !== null,
      consent: { givenBy: r.consentGivenBy, representativeRelation: r.consentRepresentativeRelation, givenOn: r.consentGivenOn, language: r.consentLanguage, evidence: r.consentEvidence },
      identity: centre ? openReferralIdentity(dataKey, r.id, sealedIdentity) : null,
      decline: r.declineReason ? { reason: r.declineReason, suggestion: r.declineSuggestion } : null,
      patientId: centre ? r.patientId : null,
      panelId: centre ? r.panelId : null,
      outcomeAvailable: r.status === 'outcomeAvailable',
      history,
      messages,
      files: files.map((f) => ({ id: f.id, kind: f.kind, fileName: openFileName(dataKey, f.id, f.sealedFileName), mediaType: f.mediaType, size: f.size, uploadedAt: f.uploadedAt })),
      can: referralCan(scoped),
    };
  });
}
