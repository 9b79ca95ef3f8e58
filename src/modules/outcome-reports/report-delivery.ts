import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { people } from '../../db/schema/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { queueNotificationEmail } from '../notifications/notification-email.ts';
import type { PanelRow } from '../panels/panel-scope.ts';

/**
 * Delivery of a signed version to the clinician who requested the panel (a health professional of the
 * enrolling hospital): an e-mail with a link to the patient's page, where the enrolling hospital's staff read
 * and download signed reports. Like every e-mail, it carries no clinical content and no patient data — not the
 * panel's title, not the platform id; the pseudonymous patient id in the link is all it names.
 */
export async function deliverSignedReport(tx: Tx, clock: Clock, publicUrl: string, panel: PanelRow, input: { version: number; signerId: string }): Promise<boolean> {
  if (panel.requestedBy === input.signerId) return false; // the requester signed it: they have it
  const [requester] = await tx.select({ id: people.id, email: people.email }).from(people).where(and(eq(people.id, panel.requestedBy), isNull(people.deactivatedAt)));
  if (!requester) return false;
  const what = input.version === 1 ? 'The outcome report of a panel you requested has been signed.' : 'An amended outcome report of a panel you requested has been signed.';
  await queueNotificationEmail(tx, clock, 'outcomes', {
    recipientId: requester.id,
    to: requester.email,
    subject: input.version === 1 ? 'Open CPMS: an outcome report is ready' : 'Open CPMS: an outcome report was amended',
    text: `${what} Sign in to read it and download the PDF:\n${publicUrl}/patients/${panel.patientId}\n`,
  });
  return true;
}
