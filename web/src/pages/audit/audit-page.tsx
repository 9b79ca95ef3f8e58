import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditEventsQuery, type AuditEventFilters } from '../../api/audit-api.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { AuditEventsTable } from './audit-events-table.tsx';
import { AuditFiltersForm } from './audit-filters-form.tsx';

/** The audit trail, filtered and paged. Reading it is itself recorded. */
export function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<AuditEventFilters>({});
  const events = useInfiniteQuery(auditEventsQuery(filters));
  const list = events.data?.pages.flatMap((page) => page.events) ?? [];
  return (
    <Stack gap="md">
      <div>
        <PageHeading>{t('audit.title')}</PageHeading>
        <Text maw="48rem">{t('audit.intro')}</Text>
      </div>
      <Card withBorder padding="lg">
        <AuditFiltersForm onApply={setFilters} />
      </Card>
      {events.isPending && <LoadingState />}
      {events.error && !events.data && <QueryError error={events.error} onRetry={() => void events.refetch()} />}
      {events.data && (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('audit.shown', { count: list.length })}
          </Text>
          {list.length > 0 ? <AuditEventsTable events={list} /> : <Text>{t('audit.empty')}</Text>}
          {events.isFetchNextPageError && <ProblemAlert error={events.error} />}
          {events.hasNextPage && (
            <Group>
              <Button variant="default" loading={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
                {t('audit.older')}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
