import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Tx } from '../../db/database.ts';
import { affiliations, diseaseGroups, erns, memberships, referralSecrets, referrals } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import { hospitalPartition } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { newPatientCode } from '../patients/patient-code.ts';
import { readPhenopacket } from '../records/phenopacket/from-phenopacket.ts';
import { newReferralKey, sealReferralIdentity } from './referral-crypto.ts';
import { appendEvent } from './referral-history.ts';
import { announceReferral, centreStaff, type ReferralDeps } from './referral-notify.ts';
import type { NewReferral } from './referrals.contract.ts';

/** The referrer's valid affiliation in this ERN, with the hospital and country they stated (undefined: none). */
export async function referrerAffiliation(tx: Tx | AppDeps['db'], actor: Actor, ernId: string) {
  const held = actor.affiliations.find((a) => a.role === 'referrer' && a.ernId === ernId);
  if (!held) return undefined;
  const [row] = await tx.select({ statedHospital: affiliations.statedHospital, statedCountry: affiliations.statedCountry }).from(affiliations).where(eq(affiliations.id, held.id));
  return row?.statedHospital && row.statedCountry ? { hospital: row.statedHospital, country: row.statedCountry } : undefined;
}

async function checkDestination(tx: Tx, input: NewReferral): Promise<void> {
  const [ern] = await tx.select({ name: erns.name }).from(erns).where(eq(erns.id, input.ernId));
  if (!ern) throw new AppError('unprocessable', 'That network does not exist.', [{ path: 'body.ernId', message: 'unknown network' }]);
  const [member] = await tx.select({ type: memberships.type }).from(memberships).where(and(eq(memberships.ernId, input.ernId), eq(memberships.hospitalId, input.hospitalId)));
  if (!member) throw new AppError('unprocessable', `That hospital is not a member centre of ${ern.name}: choose one of the proposed centres.`, [{ path: 'body.hospitalId', message: 'not a member centre of this network' }]);
  if (input.diseaseGroupId !== null) {
    const [group] = await tx.select({ id: diseaseGroups.id }).from(diseaseGroups).where(and(eq(diseaseGroups.id, input.diseaseGroupId), eq(diseaseGroups.ernId, input.ernId)));
    if (!group) throw new AppError('unprocessable', `That disease group is not one of ${ern.name}.`, [{ path: 'body.diseaseGroupId', message: 'not a group of this network' }]);
  }
}

/**
 * Sends a referral to a member centre: checked (centre of that ERN, a readable phenopacket, a date of birth not in
 * the future), the identity sealed under the referral's own key, the history started, the centre's staff told.
 */
export async function sendReferral(deps: ReferralDeps, actor: Actor, input: NewReferral, clientAddress: string): Promise<string> {
  const today = deps.clock.now().toISOString().slice(0, 10);
  if (input.identity.dateOfBirth > today) throw new AppError('unprocessable', 'The date of birth is in the future.', [{ path: 'body.identity.dateOfBirth', message: 'in the future' }]);
  if (input.consent.givenOn > today) throw new AppError('unprocessable', 'The consent date is in the future.', [{ path: 'body.consent.givenOn', message: 'in the future' }]);
  if (input.phenopacket) {
    const reading = readPhenopacket(input.phenopacket, input.sex);
    if (reading.problems.length > 0) throw new AppError('unprocessable', 'The phenopacket cannot be read; nothing was sent. See problems.', reading.problems);
  }
  return deps.db.transaction(async (tx) => {
    await checkDestination(tx, input);
    const referrer = await referrerAffiliation(tx, actor, input.ernId);
    if (!referrer) throw new AppError('forbidden', 'You can refer patients only to networks that confirmed you as a referring clinician.');
    const now = deps.clock.now().toISOString();
    const id = await insertReferral(tx, {
      ernId: input.ernId,
      diseaseGroupId: input.diseaseGroupId,
      hospitalId: input.hospitalId,
      referrerId: actor.personId,
      referringHospital: referrer.hospital,
      referringCountry: referrer.country,
      nickname: input.nickname,
      sex: input.sex,
      urgency: input.urgency,
      clinicalQuestion: input.clinicalQuestion,
      caseSummary: input.caseSummary,
      keyResults: input.keyResults,
      phenotypicFeatures: input.phenotypicFeatures,
      phenopacket: input.phenopacket,
      consentGivenBy: input.consent.givenBy,
      consentRepresentativeRelation: input.consent.representativeRelation,
      consentGivenOn: input.consent.givenOn,
      consentLanguage: input.consent.language,
      consentEvidence: input.consent.evidence,
      status: 'sent',
      createdAt: now,
      updatedAt: now,
    });
    const { dataKey, wrapped } = newReferralKey(deps.keys, id);
    await tx.insert(referralSecrets).values({ referralId: id, wrappedKey: wrapped, sealedIdentity: sealReferralIdentity(dataKey, deps.keys.version, id, input.identity) });
    await appendEvent(tx, id, 'sent', actor.personId, now);
    await recordAudit(tx, deps.clock, { partition: hospitalPartition(input.hospitalId), actorId: actor.personId, action: 'referral.sent', targetType: 'referral', targetId: id, clientAddress, details: { ernId: input.ernId, urgency: input.urgency } });
    await announceReferral(tx, deps.clock, deps.config.publicUrl, { referralId: id, personIds: await centreStaff(tx, now, input.hospitalId), actorId: actor.personId, mail: 'received' });
    return id;
  });
}

async function insertReferral(tx: Tx, values: Omit<typeof referrals.$inferInsert, 'referralCode'>): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const [row] = await tx
      .insert(referrals)
      .values({ ...values, referralCode: `R-${newPatientCode()}` })
      .onConflictDoNothing({ target: referrals.referralCode })
      .returning({ id: referrals.id });
    if (row) return row.id;
  }
  throw new Error('could not allocate a unique referral code');
}
