import { Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { triageQueueQuery, type PanelCard as PanelCardView } from '../../api/panels-api.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { PanelCard } from './panel-card.tsx';
import { TransitionDialog, type TransitionTarget } from './transition-dialog.tsx';

const target = (panel: PanelCardView, action: 'accept' | 'returnToDraft'): TransitionTarget => ({
  panelId: panel.id,
  panelTitle: panel.title,
  ernId: panel.ern.id,
  action,
  reason: action === 'returnToDraft' ? 'required' : 'optional',
  needsAcknowledgement: false,
  expertContributionCount: 0,
});

/** Coordinators: requests awaiting triage in their networks, nearest deadline first; accept and forward, or return with a question. */
export function TriageQueue({ onDone }: { onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queue = useQuery(triageQueueQuery);
  const [deciding, setDeciding] = useState<TransitionTarget>();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="triage-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="triage-heading">
          {t('panels.triage.heading')}
        </Title>
        <Text size="sm">{t('panels.triage.intro')}</Text>
        {queue.isPending && <LoadingState />}
        {queue.error && <QueryError error={queue.error} onRetry={() => void queue.refetch()} />}
        {queue.data && queue.data.panels.length === 0 && <Text>{t('panels.triage.empty')}</Text>}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          {queue.data?.panels.map((panel) => (
            <PanelCard key={panel.id} panel={panel}>
              <Group gap="sm" mt="xs">
                <Button size="sm" onClick={() => setDeciding(target(panel, 'accept'))} aria-label={t('panels.triage.acceptNamed', { title: panel.title })}>
                  {t('panels.action.accept')}
                </Button>
                <Button size="sm" variant="outline" onClick={() => setDeciding(target(panel, 'returnToDraft'))} aria-label={t('panels.triage.returnNamed', { title: panel.title })}>
                  {t('panels.action.returnToDraft')}
                </Button>
              </Group>
            </PanelCard>
          ))}
        </SimpleGrid>
      </Stack>
      {deciding && (
        <TransitionDialog
          target={deciding}
          onClose={() => setDeciding(undefined)}
          onDone={(message) => {
            setDeciding(undefined);
            onDone(message);
          }}
        />
      )}
    </Card>
  );
}
