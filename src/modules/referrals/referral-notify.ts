import { and, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm';
import type { AppDeps } from '../../app-deps.ts';
import type { Tx } from '../../db/database.ts';
import { affiliations, people } from '../../db/schema/index.ts';
import { queueEmail } from '../../mail/queue-email.ts';
import type { Clock } from '../../platform/clock.ts';
import { notify } from '../discussion/notify.ts';

/*
 * Kept free of the panels and outcome-reports modules' imports: the panels module calls the referral link
 * (referral-panel-link.ts), which notifies through here.
 */

/** What the referral use cases need: the database, clock and keys, and the public URL for e-mail links (the training seed has no more). */
export type ReferralDeps = Pick<AppDeps, 'db' | 'clock' | 'keys'> & { config: Pick<AppDeps['config'], 'publicUrl'> };

/** The receiving hospital's health professionals now (who triage incoming referrals). */
export async function centreStaff(tx: Tx, at: string, hospitalId: string): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ id: people.id })
    .from(affiliations)
    .innerJoin(people, eq(people.id, affiliations.personId))
    .where(and(eq(affiliations.role, 'healthProfessional'), eq(affiliations.hospitalId, hospitalId), lte(affiliations.validFrom, at), or(isNull(affiliations.validUntil), gt(affiliations.validUntil, at)), isNull(people.deactivatedAt)));
  return rows.map((r) => r.id);
}

export type ReferralMail = 'received' | 'updated';

const mails: Record<ReferralMail, { subject: string; body: string }> = {
  received: { subject: 'Open CPMS: a referral for your centre', body: 'A clinician outside the networks referred a patient to your centre. Sign in to read the referral:' },
  updated: { subject: 'Open CPMS: news on a referral', body: 'There is news on a referral you follow. Sign in to read it:' },
};

/**
 * Tells people of a step on a referral: an inbox item (kind referralUpdate, the referral's id only) and a
 * content-free e-mail — a subject, one sentence and a link; never the question, the patient or the answer.
 */
export async function announceReferral(tx: Tx, clock: Clock, publicUrl: string, input: { referralId: string; personIds: string[]; actorId: string | null; mail: ReferralMail }): Promise<void> {
  const recipients = [...new Set(input.personIds)].filter((id) => id !== input.actorId);
  if (recipients.length === 0) return;
  await notify(tx, clock, recipients, { kind: 'referralUpdate', subjectId: input.referralId, actorId: input.actorId });
  const mail = mails[input.mail];
  const rows = await tx.select({ id: people.id, email: people.email }).from(people).where(and(inArray(people.id, recipients), isNull(people.deactivatedAt)));
  for (const row of rows) await queueEmail(tx, clock, { recipientId: row.id, to: row.email, subject: mail.subject, text: `${mail.body}\n${publicUrl}/referrals/${input.referralId}\n` });
}
