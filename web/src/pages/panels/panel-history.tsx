import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PanelDetail } from '../../api/panels-api.ts';
import { useDateFormat } from '../../i18n/use-date-format.ts';

/** Every step of the panel's lifecycle: who, when, from where to where, and why. */
export function PanelHistory({ panel }: { panel: PanelDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  return (
    <List listStyleType="none" spacing="sm" aria-label={t('panels.history.label')}>
      {panel.transitions.map((step, index) => (
        <List.Item key={`${step.at}-${index}`}>
          <Text fw={600} span>
            {step.from ? t('panels.history.moved', { from: t(`panels.status.${step.from}`), to: t(`panels.status.${step.to}`) }) : t('panels.history.created')}
          </Text>
          <Text span>{` · ${t('panels.history.by', { name: step.by.displayName, when: format.dateTime(step.at) })}`}</Text>
          {step.reason && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{t('panels.history.reason', { reason: step.reason })}</Text>}
          {step.fewContributionsAcknowledged && <Text size="sm">{t('panels.history.acknowledged')}</Text>}
        </List.Item>
      ))}
    </List>
  );
}
