import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PanelCard as PanelCardView } from '../../api/panels-api.ts';
import { DeadlineText, PanelStatusBadge } from './panel-badges.tsx';

/** One panel in a list: what it is about (never who), where it stands, its deadline; actions below. */
export function PanelCard({ panel, children, headingLevel = 3 }: { panel: PanelCardView; children?: ReactNode; headingLevel?: 3 | 4 }) {
  const { t } = useTranslation();
  const headingId = `panel-card-${panel.id}`;
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={headingId}>
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" gap="sm">
          <Title order={headingLevel} size="h5" id={headingId}>
            <Anchor renderRoot={(props) => <Link {...props} to="/panels/$panelId" params={{ panelId: panel.id }} />}>
              {panel.title}
            </Anchor>
          </Title>
          <PanelStatusBadge status={panel.status} />
        </Group>
        <Text size="sm">
          {[panel.ern.name, panel.diseaseGroup?.name, t('panels.patientCode', { code: panel.patientCode })].filter(Boolean).join(' · ')}
        </Text>
        <Text size="sm">
          {[t(`panels.type.${panel.type}`), t(`panels.urgency.${panel.urgency}`), t(`panels.myRole.${panel.myRole}`), t('panels.contributionCount', { count: panel.contributionCount })].join(' · ')}
        </Text>
        <Text size="sm" component="div">
          <DeadlineText deadlineAt={panel.deadlineAt} overdue={panel.overdue} />
        </Text>
        {children}
      </Stack>
    </Card>
  );
}
