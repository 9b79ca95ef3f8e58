import type { Actor } from '../../access/actor.ts';
import type { Tx } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import type { Clock } from '../../platform/clock.ts';
import { transitionRules } from './panel-lifecycle.contract.ts';
import { referralOutcomeSigned } from '../referrals/referral-panel-link.ts';
import { findPanel } from './panel-scope.ts';
import { applyTransition } from './transition-panel.ts';

export interface OutcomeSignature {
  panelId: string;
  /** The lead who signed, with the second factor re-checked by the signing use case. */
  actor: Actor;
  /** The signed, frozen outcome report version and the hash of its canonical content. */
  outcomeReportId: string;
  version: number;
  contentHash: string;
  clientAddress: string;
  /** For the links in the e-mails that follow (the referring clinician's, where the panel came from a referral). */
  publicUrl: string;
}

/**
 * The seam between the outcome report and the lifecycle: the only way a panel reaches outcomeSigned.
 * The outcome-report work calls it inside the transaction that signs a report version — after it has
 * re-checked the lead's second factor, frozen the version and stored its content hash — so the panel
 * moves if and only if the signature commits. The transitions endpoint refuses 'signOutcome' (409), and
 * nothing else calls this until that work lands.
 */
export async function recordOutcomeSigned(tx: Tx, clock: Clock, signature: OutcomeSignature): Promise<void> {
  const scoped = await findPanel(tx, signature.actor, signature.panelId, { lock: true });
  if (!scoped) throw new AppError('notFound', 'No such panel.');
  const step = transitionRules.find((r) => r.action === 'signOutcome' && r.from === scoped.panel.status);
  if (!step) throw new AppError('conflict', 'Only a panel drafting its outcome can have it signed.');
  if (scoped.role !== 'lead') throw new AppError('forbidden', 'Only the panel lead signs the outcome report.');
  await applyTransition(tx, clock, scoped, step, {
    actorId: signature.actor.personId,
    reason: null,
    fewContributionsAcknowledged: false,
    clientAddress: signature.clientAddress,
    details: { outcomeReportId: signature.outcomeReportId, version: signature.version, contentHash: signature.contentHash },
  });
  await referralOutcomeSigned(tx, clock, signature.publicUrl, { panelId: signature.panelId, outcomeReportId: signature.outcomeReportId, actorId: signature.actor.personId });
}
