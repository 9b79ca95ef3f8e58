import { and, eq, gt, isNull, lte, or } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { affiliations, people } from '../../db/schema/index.ts';
import { queueEmail } from '../../mail/queue-email.ts';
import type { Clock } from '../../platform/clock.ts';
import { queueNotificationEmail } from '../notifications/notification-email.ts';
import type { EmailCategory } from '../notifications/notification-categories.contract.ts';

/**
 * The panels' e-mails. They carry a link and nothing else: never the panel's title, the clinical
 * question, the patient's platform id or nickname, a contribution — the recipient signs in to read.
 */
export type PanelMail = 'invited' | 'guestInvited' | 'guestRequest' | 'awaitsTriage' | 'returned' | 'accepted' | 'leadAssigned' | 'overdue';

/** Which of a person's notification preferences applies; a guest without an account yet has none (null: always sent). */
const messages: Record<PanelMail, { subject: string; body: string; path: (panelId: string) => string; category: EmailCategory | null }> = {
  invited: { subject: 'Open CPMS: you are invited to a panel', body: 'You have been invited to take part in a panel (a virtual consultation). Open it to accept or decline:', path: (id) => `/panels/${id}`, category: 'invitations' },
  guestInvited: {
    subject: 'Open CPMS: you are invited as a guest expert',
    body: 'You have been invited to take part in a panel as a guest expert. A coordinator of the network will approve your guest account; you will then receive an e-mail and can sign in here:',
    path: () => '/sign-in',
    category: null,
  },
  guestRequest: { subject: 'Open CPMS: a guest-account request awaits your decision', body: 'A panel invited a guest expert. The guest-account request awaits your decision:', path: () => '/coordination/access-requests', category: 'panelRequests' },
  awaitsTriage: { subject: 'Open CPMS: a panel request awaits triage', body: 'A new panel request awaits triage in your network:', path: () => '/coordination/triage', category: 'panelRequests' },
  returned: { subject: 'Open CPMS: your panel request was returned with a question', body: 'A coordinator returned your panel request with a question. Open it to answer and submit it again:', path: (id) => `/panels/${id}`, category: 'panelRequests' },
  accepted: { subject: 'Open CPMS: your panel request was accepted', body: 'Your panel request was accepted and the panel is open:', path: (id) => `/panels/${id}`, category: 'panelRequests' },
  leadAssigned: { subject: 'Open CPMS: you are now the lead of a panel', body: 'A coordinator made you the lead of a panel:', path: (id) => `/panels/${id}`, category: 'invitations' },
  overdue: { subject: 'Open CPMS: a panel you lead is past its deadline', body: 'A panel you lead has passed its deadline. Open it to move it on or close it:', path: (id) => `/panels/${id}`, category: 'deadlines' },
};

export interface Recipient {
  id: string;
  email: string;
}

/** Queues the e-mail in the caller's transaction (sent only if the change commits). */
export async function queuePanelMail(tx: Tx, clock: Clock, publicUrl: string, kind: PanelMail, recipient: Recipient, panelId: string): Promise<void> {
  const message = messages[kind];
  const email = { recipientId: recipient.id, to: recipient.email, subject: message.subject, text: `${message.body}\n${publicUrl}${message.path(panelId)}\n` };
  if (message.category) await queueNotificationEmail(tx, clock, message.category, email);
  else await queueEmail(tx, clock, email);
}

/** The active coordinators of an ERN, to tell them. */
export async function coordinatorsOf(tx: Tx, ernId: string, at: string): Promise<Recipient[]> {
  return tx
    .select({ id: people.id, email: people.email })
    .from(affiliations)
    .innerJoin(people, eq(people.id, affiliations.personId))
    .where(and(eq(affiliations.role, 'coordinator'), eq(affiliations.ernId, ernId), lte(affiliations.validFrom, at), or(isNull(affiliations.validUntil), gt(affiliations.validUntil, at)), isNull(people.deactivatedAt)));
}

export async function personRecipient(tx: Tx, personId: string): Promise<Recipient | undefined> {
  const [row] = await tx.select({ id: people.id, email: people.email }).from(people).where(and(eq(people.id, personId), isNull(people.deactivatedAt)));
  return row;
}
