import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accessRequestsQuery, confirmEmployment, type AccessRequestStatus, type AccessRequestView } from '../../api/onboarding-api.ts';
import { useSignedInSession } from '../../auth/use-session.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { AccessRequestCard } from './access-request-card.tsx';
import { CoordinationFilters } from './coordination-filters.tsx';
import { DecisionDialog } from './decision-dialog.tsx';

function byErn(requests: AccessRequestView[]): [string, AccessRequestView[]][] {
  const groups = new Map<string, AccessRequestView[]>();
  for (const request of requests) groups.set(request.ern.name, [...(groups.get(request.ern.name) ?? []), request]);
  return [...groups].sort(([a], [b]) => a.localeCompare(b));
}

/** Coordinators decide on their networks' access requests; hospital representatives confirm employment. */
export function CoordinationQueuePage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const queryClient = useQueryClient();
  const coordinates = session.affiliations.some((a) => a.role === 'coordinator');
  const [filter, setFilter] = useState<{ ernId: string | undefined; status: AccessRequestStatus | undefined }>({
    ernId: undefined,
    status: coordinates ? 'pending' : 'awaitingEmployment',
  });
  const [deciding, setDeciding] = useState<{ request: AccessRequestView; decision: 'approve' | 'reject' }>();
  const [message, setMessage] = useState<string>();
  const requests = useQuery(accessRequestsQuery(filter));
  const confirm = useMutation({
    mutationFn: (request: AccessRequestView) => confirmEmployment(request.id),
    onSuccess: async (request) => {
      setMessage(t('coordination.employmentConfirmed', { name: request.person.displayName }));
      await queryClient.invalidateQueries({ queryKey: ['access-requests'] });
    },
  });
  // The list also holds the person's own requests; those are not theirs to handle.
  const others = (requests.data?.accessRequests ?? []).filter((r) => r.person.id !== session.person.id);
  return (
    <Stack gap="md">
      <div>
        <PageHeading>{t('coordination.title')}</PageHeading>
        <Text maw="48rem">{t('coordination.intro')}</Text>
        {coordinates && (
          <Anchor component={Link} to="/coordination/settings" fw={600} display="inline-block" mt="xs">
            {t('layout.nav.coordinationSettings')}
          </Anchor>
        )}
      </div>
      <CoordinationFilters ernId={filter.ernId} status={filter.status} onChange={setFilter} />
      <StatusMessage>{message}</StatusMessage>
      <ProblemAlert error={confirm.error} />
      {requests.isPending && <LoadingState />}
      {requests.error && <QueryError error={requests.error} onRetry={() => void requests.refetch()} />}
      {requests.data && others.length === 0 && <Text>{t('coordination.empty')}</Text>}
      {byErn(others).map(([ernName, group]) => (
        <Stack key={ernName} gap="sm" component="section" aria-label={ernName}>
          <Title order={2} size="h4">
            {t('coordination.ernHeading', { ern: ernName, count: group.length })}
          </Title>
          {group.map((request) => (
            <AccessRequestCard
              key={request.id}
              request={request}
              confirming={confirm.isPending && confirm.variables.id === request.id}
              onConfirmEmployment={() => confirm.mutate(request)}
              onDecide={(decision) => {
                setMessage(undefined);
                setDeciding({ request, decision });
              }}
            />
          ))}
        </Stack>
      ))}
      {deciding && (
        <DecisionDialog
          request={deciding.request}
          decision={deciding.decision}
          onClose={() => setDeciding(undefined)}
          onDecided={(text) => {
            setDeciding(undefined);
            setMessage(text);
          }}
        />
      )}
    </Stack>
  );
}
