import { Badge, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PanelBoard } from '../../api/panels-api.ts';
import { PanelCard } from './panel-card.tsx';

type Groups = PanelBoard['mine'];

/** Panels by stage in lifecycle order: one titled list per stage that has any, overdue ones counted. */
export function StageGroups({ groups, label, empty }: { groups: Groups; label: string; empty: string }) {
  const { t } = useTranslation();
  const filled = groups.filter((g) => g.panels.length > 0);
  if (filled.length === 0) return <Text>{empty}</Text>;
  return (
    <Stack gap="lg" aria-label={label} role="group">
      {filled.map((group) => {
        const overdue = group.panels.filter((p) => p.overdue).length;
        const headingId = `${label}-${group.status}`.replaceAll(/\W+/g, '-');
        return (
          <Stack key={group.status} gap="xs" component="section" aria-labelledby={headingId}>
            <Title order={3} size="h4" id={headingId}>
              {t('panels.board.stageHeading', { stage: t(`panels.status.${group.status}`), count: group.panels.length })}
              {overdue > 0 && (
                <Badge ml="sm" color="red.9" variant="filled">
                  {t('panels.board.overdueCount', { count: overdue })}
                </Badge>
              )}
            </Title>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
              {group.panels.map((panel) => (
                <PanelCard key={panel.id} panel={panel} headingLevel={4} />
              ))}
            </SimpleGrid>
          </Stack>
        );
      })}
    </Stack>
  );
}
