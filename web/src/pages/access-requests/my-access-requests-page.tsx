import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { myAccessRequestsQuery } from '../../api/onboarding-api.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { MyAccessRequestsTable } from './my-access-requests-table.tsx';

/** The person's access requests and where each stands. */
export function MyAccessRequestsPage({ filed }: { filed: boolean }) {
  const { t } = useTranslation();
  const requests = useQuery(myAccessRequestsQuery);
  const list = requests.data?.accessRequests ?? [];
  return (
    <Stack gap="md">
      <div>
        <PageHeading>{t('accessRequests.mineTitle')}</PageHeading>
        <Text maw="48rem">{t('accessRequests.mineIntro')}</Text>
      </div>
      {filed && (
        <Alert color="teal" variant="light" role="status" title={t('accessRequests.filedTitle')}>
          {t('accessRequests.filedText')}
        </Alert>
      )}
      <Group>
        <Button component={Link} to="/access-requests/new">
          {t('accessRequests.newButton')}
        </Button>
      </Group>
      {requests.isPending && <LoadingState />}
      {requests.error && <QueryError error={requests.error} onRetry={() => void requests.refetch()} />}
      {requests.data && list.length === 0 && <Text>{t('accessRequests.mineEmpty')}</Text>}
      {list.length > 0 && <MyAccessRequestsTable requests={list} />}
    </Stack>
  );
}
