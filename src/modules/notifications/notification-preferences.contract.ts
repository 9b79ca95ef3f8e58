import { z } from 'zod';

import { emailCategories, emailModes, modesOf, type EmailCategory as Category, type EmailMode as Mode } from './notification-categories.contract.ts';

/** The kinds of notification e-mail a person can tune, and how each reaches them (the lists: notification-categories.contract.ts). */
export const EmailCategory = z.enum(emailCategories);
export const EmailMode = z.enum(emailModes);

export const NotificationPreferences = z.object({
  email: z.record(EmailCategory, EmailMode),
  digestHour: z.number().int(),
  timeZone: z.string(),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

export const NotificationPreferencesPatch = z
  .object({ email: z.partialRecord(EmailCategory, EmailMode) })
  .superRefine((patch, ctx) => {
    for (const [category, mode] of Object.entries(patch.email) as [Category, Mode][]) {
      if (!modesOf(category).includes(mode)) ctx.addIssue({ code: 'custom', path: ['email', category], message: `${category} e-mails cannot be ${mode}` });
    }
  });
export type NotificationPreferencesPatch = z.infer<typeof NotificationPreferencesPatch>;
