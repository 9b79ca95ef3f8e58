import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { healthQuery } from '../api/queries.ts';
import { LoadingState } from '../components/loading-state.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { QueryError } from '../components/query-error.tsx';
import { HealthFacts } from './health-facts.tsx';

/** The server's health: status, database kind, version and environment. */
export function SystemStatusPage() {
  const { t, i18n } = useTranslation();
  const { data, error, isPending, refetch, dataUpdatedAt } = useQuery({
    ...healthQuery,
    refetchInterval: 30_000,
  });
  const checkedAt = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'medium', hourCycle: 'h23' }).format(dataUpdatedAt);
  return (
    <Stack gap="md" maw="40rem">
      <div>
        <PageHeading>{t('system.title')}</PageHeading>
        <Text>{t('system.intro')}</Text>
      </div>
      {isPending && <LoadingState />}
      {error && <QueryError error={error} onRetry={() => void refetch()} />}
      {data && (
        <Card withBorder padding="lg">
          <HealthFacts health={data} />
          <Group justify="space-between" mt="lg" gap="sm">
            <Text size="sm" c="dimmed">
              {t('system.checkedAt', { time: checkedAt })}
            </Text>
            <Button variant="default" size="xs" onClick={() => void refetch()}>
              {t('system.refresh')}
            </Button>
          </Group>
        </Card>
      )}
    </Stack>
  );
}
