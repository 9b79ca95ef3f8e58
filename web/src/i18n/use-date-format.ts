import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/use-session.ts';

function formatter(language: string, timeZone: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(language, { ...options, timeZone });
  } catch {
    return new Intl.DateTimeFormat(language, options); // an unknown zone: the browser's own
  }
}

/** Formats instants (ISO strings) in the person's language and time zone, 24-hour clock. */
export function useDateFormat() {
  const { i18n } = useTranslation();
  const timeZone = useSession()?.person.timeZone;
  return useMemo(() => {
    const dateTime = formatter(i18n.language, timeZone, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' });
    const date = formatter(i18n.language, timeZone, { dateStyle: 'medium' });
    return {
      dateTime: (iso: string) => dateTime.format(new Date(iso)),
      date: (iso: string) => date.format(new Date(iso)),
    };
  }, [i18n.language, timeZone]);
}
