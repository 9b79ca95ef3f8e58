/*
 * The kinds of notification e-mail and how each may reach a person, written once for the server and the web
 * app. The web app imports this file at run time: keep it free of imports (zod schemas built at load time
 * trip the page's CSP, and the database schema must not ride along into the browser bundle). The schema's own
 * lists (src/db/schema/mail.ts) are checked equal to these in notification-email.ts.
 */

export const emailCategories = ['invitations', 'panelRequests', 'contributions', 'informationRequests', 'meetings', 'deadlines', 'outcomes'] as const;
export type EmailCategory = (typeof emailCategories)[number];

/** At once, gathered into one daily summary, or not at all (the in-app inbox always has them). */
export const emailModes = ['immediate', 'dailyDigest', 'off'] as const;
export type EmailMode = (typeof emailModes)[number];

/** Without a choice: at once, except contributions, which come as one daily summary (a busy panel writes a lot). */
export const defaultEmailModes: Record<EmailCategory, EmailMode> = {
  invitations: 'immediate',
  panelRequests: 'immediate',
  contributions: 'dailyDigest',
  informationRequests: 'immediate',
  meetings: 'immediate',
  deadlines: 'immediate',
  outcomes: 'immediate',
};

/** Meeting invitations carry a calendar entry that must arrive before the meeting: never held for a summary. */
export const modesOf = (category: EmailCategory): readonly EmailMode[] => (category === 'meetings' ? ['immediate', 'off'] : emailModes);

/** The hour (in the person's own time zone) at which the daily summary is sent. */
export const DIGEST_HOUR = 7;
