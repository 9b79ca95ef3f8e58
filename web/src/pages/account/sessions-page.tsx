import { Group, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { endSession, mySessionsQuery } from '../../api/me-api.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { SignOutButton } from '../../layout/sign-out-button.tsx';
import { EndAllSessionsButton } from './end-all-sessions-button.tsx';
import { SessionsTable } from './sessions-table.tsx';

/** Where the person is signed in; any other session can be ended, or all of them at once. */
export function SessionsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const sessions = useQuery(mySessionsQuery);
  const ending = useMutation({
    mutationFn: (id: string) => endSession(id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: mySessionsQuery.queryKey }),
  });
  const count = sessions.data?.sessions.length ?? 0;
  return (
    <Stack gap="md">
      <div>
        <PageHeading>{t('sessions.title')}</PageHeading>
        <Text maw="48rem">{t('sessions.intro')}</Text>
      </div>
      {sessions.isPending && <LoadingState />}
      {sessions.error && <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />}
      <ProblemAlert error={ending.error} />
      <StatusMessage>{ending.isSuccess && t('sessions.ended')}</StatusMessage>
      {sessions.data && (
        <>
          <Text size="sm" c="dimmed">
            {t('sessions.count', { count })}
          </Text>
          <SessionsTable
            sessions={sessions.data.sessions}
            endingId={ending.isPending ? ending.variables : undefined}
            onEnd={(session) => ending.mutate(session.id)}
          />
          <Group gap="sm">
            <SignOutButton variant="default" />
            <EndAllSessionsButton />
          </Group>
        </>
      )}
    </Stack>
  );
}
