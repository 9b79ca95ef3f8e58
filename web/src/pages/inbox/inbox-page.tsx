import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { hospitalInfoRequestsQuery, inboxKey, markAllNotificationsRead, notificationsQuery, type HospitalInfoRequest } from '../../api/discussion-api.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useDateFormat } from '../../i18n/use-date-format.ts';
import { InfoRequestAnswerForm } from '../panels/panel-discussion-info-requests.tsx';
import { NotificationItems } from './notification-items.tsx';

function HospitalRequest({ request }: { request: HospitalInfoRequest }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const queryClient = useQueryClient();
  const headingId = `hospital-request-${request.id}`;
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group gap="xs">
          <Title order={3} size="h5" id={headingId}>
            {t('inbox.requests.about', { title: request.panel.title, patientCode: request.patient.patientCode })}
          </Title>
          <Badge color="violet.9" variant="filled">
            {t('discussion.info.open')}
          </Badge>
        </Group>
        <Text size="sm">{t('discussion.info.askedBy', { name: request.askedBy.displayName, when: format.dateTime(request.askedAt) })}</Text>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{request.question}</Text>
        <InfoRequestAnswerForm
          request={request}
          sharePatientId={request.canShareWithAnswer ? request.patient.id : undefined}
          currentSections={[]}
          onAnswered={() => queryClient.invalidateQueries({ queryKey: ['info-requests'] })}
        />
      </Stack>
    </Card>
  );
}

/** Questions panels asked the enrolling hospital (the person's hospitals), open until answered. */
function HospitalRequests() {
  const { t } = useTranslation();
  const requests = useQuery(hospitalInfoRequestsQuery(true));
  if (requests.isPending) return <LoadingState />;
  if (requests.error) return <QueryError error={requests.error} onRetry={() => void requests.refetch()} />;
  if (requests.data.infoRequests.length === 0) return <Text>{t('inbox.requests.none')}</Text>;
  return (
    <Stack gap="sm">
      {requests.data.infoRequests.map((request) => (
        <HospitalRequest key={request.id} request={request} />
      ))}
    </Stack>
  );
}

/** The inbox: my notifications, and the open requests for more information to my hospitals. */
export function InboxPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery(notificationsQuery(50));
  const readAll = useMutation({ mutationFn: markAllNotificationsRead, onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKey }) });
  return (
    <Stack gap="xl">
      <PageHeading>{t('inbox.title')}</PageHeading>
      <Stack gap="sm" component="section" aria-labelledby="notifications-heading">
        <Group justify="space-between">
          <Title order={2} size="h4" id="notifications-heading">
            {t('inbox.notifications')}
          </Title>
          <Button size="xs" variant="default" onClick={() => readAll.mutate()} disabled={(list.data?.unread ?? 0) === 0}>
            {t('inbox.markAllRead')}
          </Button>
        </Group>
        {list.isPending ? <LoadingState /> : list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : <NotificationItems notifications={list.data.notifications} />}
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="hospital-requests-heading">
        <Title order={2} size="h4" id="hospital-requests-heading">
          {t('inbox.requests.title')}
        </Title>
        <HospitalRequests />
      </Stack>
    </Stack>
  );
}
