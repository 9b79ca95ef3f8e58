import { z } from 'zod';
import { emailCategories, emailModes } from '../../db/schema/mail.ts';

/** The kinds of notification e-mail a person can tune, and how each reaches them. */
export const EmailCategory = z.enum(emailCategories);
export type EmailCategory = z.infer<typeof EmailCategory>;
export const EmailMode = z.enum(emailModes);
export type EmailMode = z.infer<typeof EmailMode>;

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

export const NotificationPreferences = z.object({
  email: z.record(EmailCategory, EmailMode),
  digestHour: z.number().int(),
  timeZone: z.string(),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

export const NotificationPreferencesPatch = z
  .object({ email: z.partialRecord(EmailCategory, EmailMode) })
  .superRefine((patch, ctx) => {
    for (const [category, mode] of Object.entries(patch.email) as [EmailCategory, EmailMode][]) {
      if (!modesOf(category).includes(mode)) ctx.addIssue({ code: 'custom', path: ['email', category], message: `${category} e-mails cannot be ${mode}` });
    }
  });
export type NotificationPreferencesPatch = z.infer<typeof NotificationPreferencesPatch>;
