import { eq, inArray } from 'drizzle-orm';
import type { Actor } from '../access/actor.ts';
import { erns, hospitals, people, referrals } from '../db/schema/index.ts';
import { loadActiveGrants } from '../modules/identity/sessions.ts';
import { acceptReferral, declineReferral, postReferralMessage } from '../modules/referrals/decide-referral.ts';
import type { ReferralDeps } from '../modules/referrals/referral-notify.ts';
import { sendReferral } from '../modules/referrals/send-referral.ts';
import type { NewReferral } from '../modules/referrals/referrals.contract.ts';

const REFERRER = 'referrer@training.open-cpms.eu';
const CENTRE_STAFF = 'hp.waldstadt@training.open-cpms.eu';
const WALDSTADT = 'Universitätsklinikum Waldstadt';

/** A training account as the routes see it: affiliations valid now, second factor done. */
async function actorOf(deps: ReferralDeps, email: string): Promise<Actor | undefined> {
  const [person] = await deps.db.select({ id: people.id, email: people.email, displayName: people.displayName }).from(people).where(eq(people.email, email));
  if (!person) return undefined;
  const grants = await loadActiveGrants(deps.db, person.id, deps.clock.now());
  return { personId: person.id, displayName: person.displayName, email: person.email, sessionId: 'training-seed', method: 'local', secondFactor: true, ...grants };
}

type Fixture = { nickname: string; sex: NewReferral['sex']; identity: NewReferral['identity']; urgency: NewReferral['urgency']; question: string; summary: string; results: string; features: NewReferral['phenotypicFeatures'] };

/** Synthetic cases (fictional people), one per state the training walk-through shows. */
const fixtures: Record<'sent' | 'asked' | 'accepted' | 'declined', Fixture> = {
  sent: { nickname: 'Lark', sex: 'male', identity: { givenName: 'Rui', familyName: 'Amaral', dateOfBirth: '2016-02-11', recordNumber: 'KT-20431', nationalId: null }, urgency: 'routine', question: 'Is this a hereditary spastic paraplegia, and which tests should follow?', summary: 'Boy of 10 with progressive stiffness of the legs since age 6; brisk reflexes; normal cognition.', results: 'MRI brain and spine normal. CK normal.', features: [{ id: 'HP:0001258', label: 'Spastic paraplegia', excluded: false }] },
  asked: { nickname: 'Finch', sex: 'female', identity: { givenName: 'Marta', familyName: 'Lindner', dateOfBirth: '2011-06-24', recordNumber: 'KT-20517', nationalId: null }, urgency: 'urgent', question: 'Could this ataxia be treatable (vitamin E, CoQ10)?', summary: 'Girl of 15 with a gait ataxia worsening over two years and a mild neuropathy.', results: 'Ataxia panel pending. Vitamin E at the lower limit.', features: [{ id: 'HP:0001251', label: 'Ataxia', excluded: false }] },
  accepted: { nickname: 'Sanderling', sex: 'male', identity: { givenName: 'Jonas', familyName: 'Reuter', dateOfBirth: '2009-10-03', recordNumber: 'KT-20602', nationalId: null }, urgency: 'routine', question: 'Which diagnosis explains an ataxia with seizures since childhood?', summary: 'Young man of 17, ataxia since 8, seizures since 12, well controlled.', results: 'EEG with generalised discharges; MRI mild cerebellar atrophy.', features: [{ id: 'HP:0001251', label: 'Ataxia', excluded: false }, { id: 'HP:0001250', label: 'Seizure', excluded: false }] },
  declined: { nickname: 'Curlew', sex: 'female', identity: { givenName: 'Eva', familyName: 'Brandauer', dateOfBirth: '2014-04-17', recordNumber: 'KT-20688', nationalId: null }, urgency: 'routine', question: 'Is this proteinuria part of a rare kidney disease?', summary: 'Girl of 12 with persistent proteinuria found at a school check-up.', results: 'Urine protein/creatinine 80 mg/mmol; normal kidney function.', features: [] },
};

/**
 * The training referrer's referrals to Waldstadt (ERN-RND), through the referrals module's own use cases: one sent,
 * one where the centre asked for more information, one accepted (the patient enrolled at Waldstadt), one declined
 * with a suggestion. Left alone when the referrer already has referrals, so the seed can run again.
 */
export async function seedTrainingReferrals(deps: ReferralDeps): Promise<number> {
  const referrer = await actorOf(deps, REFERRER);
  const centre = await actorOf(deps, CENTRE_STAFF);
  if (!referrer || !centre) return 0;
  const [existing] = await deps.db.select({ id: referrals.id }).from(referrals).where(eq(referrals.referrerId, referrer.personId)).limit(1);
  if (existing) return 0;
  const [ern] = await deps.db.select({ id: erns.id }).from(erns).where(eq(erns.code, 'ern-rnd'));
  const [hospital] = await deps.db.select({ id: hospitals.id }).from(hospitals).where(inArray(hospitals.name, [WALDSTADT]));
  if (!ern || !hospital) return 0;
  const send = (f: Fixture) =>
    sendReferral(deps, referrer, {
      ernId: ern.id,
      diseaseGroupId: null,
      hospitalId: hospital.id,
      nickname: f.nickname,
      sex: f.sex,
      identity: f.identity,
      urgency: f.urgency,
      clinicalQuestion: f.question,
      caseSummary: f.summary,
      keyResults: f.results,
      phenotypicFeatures: f.features,
      phenopacket: null,
      consent: { givenBy: 'legalRepresentative', representativeRelation: 'mother', givenOn: deps.clock.now().toISOString().slice(0, 10), language: 'de', evidence: 'attestation', confirmed: true },
    }, '127.0.0.1');
  await send(fixtures.sent);
  const asked = await send(fixtures.asked);
  await postReferralMessage(deps, centre, asked, { body: 'Has a nerve conduction study been done? Please send the report.', requestsInformation: true }, '127.0.0.1');
  await acceptReferral(deps, centre, await send(fixtures.accepted), '127.0.0.1');
  await declineReferral(deps, centre, await send(fixtures.declined), { reason: 'A kidney question: outside our network\'s field.', suggestion: 'ERKNet (kidney diseases), e.g. Hôpital Universitaire Sainte-Aurore' }, '127.0.0.1');
  return 4;
}
