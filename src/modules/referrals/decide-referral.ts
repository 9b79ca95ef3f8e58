import { eq, max } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';

import type { Tx } from '../../db/database.ts';
import { referralMessages } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import { hospitalPartition } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { enrolPatient } from '../patients/enrol-patient.ts';
import { importPhenopacket } from '../records/import-phenopacket.ts';
import { openReferralIdentity } from './referral-crypto.ts';
import { moveReferral } from './referral-history.ts';
import { announceReferral, centreStaff, type ReferralDeps } from './referral-notify.ts';
import { findReferral, referralCan, type ScopedReferral } from './referral-scope.ts';
import { referralDataKey } from './read-referrals.ts';
import type { ReferralFeature } from './referrals.contract.ts';

/** The referral, locked for the change, still within the actor's scope; then the action checked on its current state. */
async function lockedReferral(tx: Tx, actor: Actor, id: string, action: keyof ReturnType<typeof referralCan>, message: string): Promise<ScopedReferral> {
  const scoped = await findReferral(tx, actor, id, { lock: true });
  if (!scoped) throw new AppError('notFound', 'No such referral.');
  if (!referralCan(scoped)[action]) throw new AppError('conflict', message);
  return scoped;
}

/** Who hears of a step taken by one side: the other side (the referrer, or the centre's staff). */
async function otherSide(tx: Tx, now: string, scoped: ScopedReferral): Promise<string[]> {
  return scoped.side === 'centre' ? [scoped.referral.referrerId] : centreStaff(tx, now, scoped.referral.hospitalId);
}

/**
 * A message in the thread both sides see. The centre's first word takes a sent referral under review; a question
 * marked as a request for information waits for the referrer, whose answer takes it back under review.
 */
export async function postReferralMessage(deps: ReferralDeps, actor: Actor, id: string, input: { body: string; requestsInformation: boolean }, clientAddress: string): Promise<string> {
  return deps.db.transaction(async (tx) => {
    const scoped = await lockedReferral(tx, actor, id, 'post', 'This referral has been decided; its thread is closed.');
    const r = scoped.referral;
    if (input.requestsInformation && scoped.side !== 'centre') throw new AppError('unprocessable', 'Only the receiving centre asks for more information.', [{ path: 'body.requestsInformation', message: 'the centre only' }]);
    const now = deps.clock.now().toISOString();
    const [last] = await tx.select({ seq: max(referralMessages.seq) }).from(referralMessages).where(eq(referralMessages.referralId, r.id));
    const [row] = await tx.insert(referralMessages).values({ referralId: r.id, seq: (last?.seq ?? 0) + 1, authorId: actor.personId, side: scoped.side, body: input.body, createdAt: now }).returning({ id: referralMessages.id });
    await recordAudit(tx, deps.clock, { partition: hospitalPartition(r.hospitalId), actorId: actor.personId, action: 'referral.messagePosted', targetType: 'referral', targetId: r.id, clientAddress, details: { messageId: row!.id, side: scoped.side } });
    const to = scoped.side === 'centre' ? (input.requestsInformation ? 'moreInformationRequested' : r.status === 'sent' ? 'underReview' : r.status) : r.status === 'moreInformationRequested' ? 'underReview' : r.status;
    if (to !== r.status) await moveReferral(tx, deps.clock, r, to, { actorId: actor.personId, clientAddress });
    await announceReferral(tx, deps.clock, deps.config.publicUrl, { referralId: r.id, personIds: await otherSide(tx, now, scoped), actorId: actor.personId, mail: 'updated' });
    return row!.id;
  });
}

/** The centre takes a sent referral under review (the referrer sees it is being looked at). */
export async function reviewReferral(deps: ReferralDeps, actor: Actor, id: string, clientAddress: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const scoped = await lockedReferral(tx, actor, id, 'review', 'Only a referral just sent can be taken under review.');
    await moveReferral(tx, deps.clock, scoped.referral, 'underReview', { actorId: actor.personId, clientAddress });
    await announceReferral(tx, deps.clock, deps.config.publicUrl, { referralId: id, personIds: [scoped.referral.referrerId], actorId: actor.personId, mail: 'updated' });
  });
}

/** The centre declines, with a reason and perhaps another centre or ERN to try. No patient is enrolled. */
export async function declineReferral(deps: ReferralDeps, actor: Actor, id: string, input: { reason: string; suggestion: string | null }, clientAddress: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const scoped = await lockedReferral(tx, actor, id, 'decline', 'This referral has already been decided.');
    await moveReferral(tx, deps.clock, scoped.referral, 'declined', { actorId: actor.personId, clientAddress }, { declineReason: input.reason, declineSuggestion: input.suggestion });
    await recordAudit(tx, deps.clock, { partition: hospitalPartition(scoped.referral.hospitalId), actorId: actor.personId, action: 'referral.declined', targetType: 'referral', targetId: id, clientAddress, details: { suggestion: input.suggestion !== null } });
    await announceReferral(tx, deps.clock, deps.config.publicUrl, { referralId: id, personIds: [scoped.referral.referrerId], actorId: actor.personId, mail: 'updated' });
  });
}

/** The referral's HPO terms as a minimal Phenopacket v2, so they reach the record through the one import path. */
const featuresPacket = (features: ReferralFeature[]) => ({
  id: 'referral',
  phenotypicFeatures: features.map((f) => ({ type: { id: f.id, label: f.label }, ...(f.excluded ? { excluded: true } : {}) })),
  metaData: { createdBy: 'Open CPMS referral', phenopacketSchemaVersion: '2.0' },
});

/**
 * The centre accepts: in one transaction the patient is enrolled at the receiving hospital through the patients
 * module's own use case (identity re-sealed under the patient's key, care consent from the referral's confirmed
 * consent), the referral's phenopacket and HPO terms become the first record version through the records module's
 * import, and the referral points at the patient — ready for a panel request. Either all of it commits or none.
 */
export async function acceptReferral(deps: ReferralDeps, actor: Actor, id: string, clientAddress: string): Promise<string> {
  return deps.db.transaction(async (tx) => {
    const scoped = await lockedReferral(tx, actor, id, 'accept', 'This referral has already been decided.');
    const r = scoped.referral;
    const { dataKey, sealedIdentity } = await referralDataKey(tx, deps, r.id);
    const inTx = { ...deps, db: tx };
    const patientId = await enrolPatient(inTx, actor, {
      hospitalId: r.hospitalId,
      nickname: r.nickname,
      sex: r.sex,
      identity: openReferralIdentity(dataKey, r.id, sealedIdentity),
      careConsent: { givenBy: r.consentGivenBy, representativeRelation: r.consentRepresentativeRelation, givenOn: r.consentGivenOn, formVersion: `referral ${r.referralCode}`, language: r.consentLanguage, evidence: 'attestation' },
    }, clientAddress);
    const patient = { id: patientId, hospitalId: r.hospitalId, sex: r.sex };
    let version = 0;
    if (r.phenopacket) version = (await importPhenopacket(inTx, { actor, patient, request: { expectedVersion: version, mode: 'merge', preview: false, phenopacket: r.phenopacket }, clientAddress })).version;
    const features = r.phenotypicFeatures as ReferralFeature[];
    if (features.length > 0) await importPhenopacket(inTx, { actor, patient, request: { expectedVersion: version, mode: 'merge', preview: false, phenopacket: featuresPacket(features) }, clientAddress });
    await moveReferral(tx, deps.clock, r, 'accepted', { actorId: actor.personId, clientAddress, patientId }, { patientId });
    await recordAudit(tx, deps.clock, { partition: hospitalPartition(r.hospitalId), actorId: actor.personId, action: 'referral.accepted', targetType: 'referral', targetId: r.id, patientId, clientAddress });
    await announceReferral(tx, deps.clock, deps.config.publicUrl, { referralId: r.id, personIds: [r.referrerId], actorId: actor.personId, mail: 'updated' });
    return patientId;
  });
}
