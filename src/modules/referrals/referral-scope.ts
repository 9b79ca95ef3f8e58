import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { ernsWhere, isUuid, type Actor } from '../../access/actor.ts';
import type { Db, Tx } from '../../db/database.ts';
import { referrals } from '../../db/schema/index.ts';
import { staffHospitals } from '../patients/patient-scope.ts';

export type ReferralRow = typeof referrals.$inferSelect;
export type ReferralSide = 'referrer' | 'centre';

export interface ScopedReferral {
  referral: ReferralRow;
  /** The receiving centre's staff (who see the identity), or the referring clinician. */
  side: ReferralSide;
}

/**
 * The one place that decides which referrals an actor can see: the referring clinician their own, while they
 * hold a referrer affiliation in the referral's ERN; the receiving hospital's staff (health professionals and
 * their assistants, as for patients) those sent to their hospital. Nobody else — coordinators included.
 */
export function referralScope(actor: Actor): SQL {
  const conditions: SQL[] = [];
  const referring = ernsWhere(actor, 'referrer');
  if (referring.length) conditions.push(and(eq(referrals.referrerId, actor.personId), inArray(referrals.ernId, referring))!);
  const receiving = staffHospitals(actor);
  if (receiving.length) conditions.push(inArray(referrals.hospitalId, receiving));
  return conditions.length ? or(...conditions)! : sql`false`;
}

export const sideOf = (actor: Actor, referral: Pick<ReferralRow, 'hospitalId'>): ReferralSide => (staffHospitals(actor).includes(referral.hospitalId) ? 'centre' : 'referrer');

/** One referral within the actor's scope (undefined means 404); `lock` takes the row FOR UPDATE. */
export async function findReferral(db: Db | Tx, actor: Actor, id: string, options: { lock?: boolean } = {}): Promise<ScopedReferral | undefined> {
  if (!isUuid(id)) return undefined;
  const query = db.select().from(referrals).where(and(eq(referrals.id, id), referralScope(actor)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ? { referral: row, side: sideOf(actor, row) } : undefined;
}

/** What each side may do now — the one decision for the routes' 403/409 and the web app's buttons. */
export function referralCan(scoped: ScopedReferral) {
  const { referral: r, side } = scoped;
  const undecided = r.status === 'sent' || r.status === 'underReview' || r.status === 'moreInformationRequested';
  return {
    post: undecided,
    review: side === 'centre' && r.status === 'sent',
    accept: side === 'centre' && undecided,
    decline: side === 'centre' && undecided,
    upload: side === 'referrer' && undecided,
    downloadOutcome: r.status === 'outcomeAvailable' && r.outcomeReportId !== null,
  };
}
