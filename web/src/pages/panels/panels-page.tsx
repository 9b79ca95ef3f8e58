import { Button, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { panelBoardQuery } from '../../api/panels-api.ts';
import { holdsAnyRole } from '../../auth/roles.ts';
import { useSignedInSession } from '../../auth/use-session.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { PanelCard } from './panel-card.tsx';
import { StageGroups } from './stage-groups.tsx';
import { TriageQueue } from './triage-queue.tsx';

/**
 * The board: my invitations, my panels by stage with their deadlines; for coordinators the triage queue
 * and their networks' panels by stage. Health professionals request a panel from here.
 */
export function PanelsPage({ declined = false }: { declined?: boolean }) {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const board = useQuery(panelBoardQuery);
  const [message, setMessage] = useState(() => (declined ? t('panels.invitation.declined') : ''));
  const coordinates = holdsAnyRole(session, ['coordinator']);
  const requests = holdsAnyRole(session, ['healthProfessional']);
  return (
    <Stack gap="lg">
      <div>
        <PageHeading>{t('panels.board.heading')}</PageHeading>
        <Text maw="48rem">{t('panels.board.intro')}</Text>
        {requests && (
          <Button component={Link} to="/panels/new" mt="sm">
            {t('panels.request.open')}
          </Button>
        )}
      </div>
      <StatusMessage>{message}</StatusMessage>
      {coordinates && <TriageQueue onDone={setMessage} />}
      {board.isPending && <LoadingState />}
      {board.error && <QueryError error={board.error} onRetry={() => void board.refetch()} />}
      {board.data && (
        <>
          {board.data.invitations.length > 0 && (
            <Card withBorder padding="lg" component="section" aria-labelledby="invitations-heading">
              <Title order={2} size="h3" id="invitations-heading" mb="sm">
                {t('panels.board.invitations', { count: board.data.invitations.length })}
              </Title>
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
                {board.data.invitations.map((panel) => (
                  <PanelCard key={panel.id} panel={panel} />
                ))}
              </SimpleGrid>
            </Card>
          )}
          <Card withBorder padding="lg" component="section" aria-labelledby="mine-heading">
            <Title order={2} size="h3" id="mine-heading" mb="sm">
              {t('panels.board.mine')}
            </Title>
            <StageGroups groups={board.data.mine} label={t('panels.board.mine')} empty={t('panels.board.mineEmpty')} />
          </Card>
          {coordinates && (
            <Card withBorder padding="lg" component="section" aria-labelledby="coordinated-heading">
              <Title order={2} size="h3" id="coordinated-heading" mb="sm">
                {t('panels.board.coordinated')}
              </Title>
              <StageGroups groups={board.data.coordinated} label={t('panels.board.coordinated')} empty={t('panels.board.coordinatedEmpty')} />
            </Card>
          )}
        </>
      )}
    </Stack>
  );
}
