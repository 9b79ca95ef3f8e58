import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PanelStatus } from '../../api/panels-api.ts';
import { useDateFormat } from '../../i18n/use-date-format.ts';

// Dark shades of each colour: white-on-colour text stays above 4.5:1.
const colours: Record<PanelStatus, string> = {
  draft: 'gray.8',
  submitted: 'violet.9',
  open: 'clinicalBlue.7',
  outcomeDrafting: 'teal.9',
  outcomeSigned: 'teal.9',
  closed: 'gray.8',
  archived: 'gray.8',
  cancelled: 'gray.8',
};

export function PanelStatusBadge({ status }: { status: PanelStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={colours[status]} variant="filled">
      {t(`panels.status.${status}`)}
    </Badge>
  );
}

/** The deadline in the person's time zone, and "Overdue" in words (never by colour alone). */
export function DeadlineText({ deadlineAt, overdue }: { deadlineAt: string | null; overdue: boolean }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  if (!deadlineAt) return <Text span>{t('panels.noDeadline')}</Text>;
  return (
    <Group gap="xs" component="span" display="inline-flex">
      <Text span>{t('panels.deadlineOn', { date: format.dateTime(deadlineAt) })}</Text>
      {overdue && (
        <Badge component="span" color="red.9" variant="filled">
          {t('panels.overdue')}
        </Badge>
      )}
    </Group>
  );
}
