import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AccessRequestView } from '../../api/onboarding-api.ts';
import { useDateFormat } from '../../i18n/use-date-format.ts';
import { AccessRequestStatusBadge } from './access-request-status-badge.tsx';

/** The person's own requests, newest first, with each decision and its reason. */
export function MyAccessRequestsTable({ requests }: { requests: AccessRequestView[] }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" striped>
        <Table.Caption>{t('accessRequests.mineCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('accessRequests.ern')}</Table.Th>
            <Table.Th scope="col">{t('accessRequests.role')}</Table.Th>
            <Table.Th scope="col">{t('accessRequests.hospital')}</Table.Th>
            <Table.Th scope="col">{t('accessRequests.filedAt')}</Table.Th>
            <Table.Th scope="col">{t('accessRequests.statusLabel')}</Table.Th>
            <Table.Th scope="col">{t('accessRequests.decision')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {requests.map((request) => (
            <Table.Tr key={request.id}>
              <Table.Th scope="row" fw={500}>
                {request.ern.name}
              </Table.Th>
              <Table.Td>{t(`roles.${request.role}`)}</Table.Td>
              <Table.Td>{request.hospital?.name ?? '—'}</Table.Td>
              <Table.Td>{format.dateTime(request.createdAt)}</Table.Td>
              <Table.Td>
                <AccessRequestStatusBadge status={request.status} />
              </Table.Td>
              <Table.Td>
                {request.decidedAt && <Text size="sm">{format.dateTime(request.decidedAt)}</Text>}
                {request.decisionReason && (
                  <Text size="sm" c="dimmed">
                    {t('accessRequests.reason', { reason: request.decisionReason })}
                  </Text>
                )}
                {request.guestUntil && request.status === 'approved' && (
                  <Text size="sm">{t('accessRequests.guestUntil', { date: format.date(request.guestUntil) })}</Text>
                )}
                {!request.decidedAt && '—'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
