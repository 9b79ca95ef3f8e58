import { Badge, Code, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEventView } from '../../api/audit-api.ts';
import { useDateFormat } from '../../i18n/use-date-format.ts';

/** Events as the server gives them: ids and codes only, never names or clinical content. */
export function AuditEventsTable({ events }: { events: AuditEventView[] }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped verticalSpacing="xs" fz="sm">
        <Table.Caption>{t('audit.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('audit.occurredAt')}</Table.Th>
            <Table.Th scope="col">{t('audit.action')}</Table.Th>
            <Table.Th scope="col">{t('audit.outcome')}</Table.Th>
            <Table.Th scope="col">{t('audit.actorId')}</Table.Th>
            <Table.Th scope="col">{t('audit.target')}</Table.Th>
            <Table.Th scope="col">{t('audit.patientId')}</Table.Th>
            <Table.Th scope="col">{t('audit.address')}</Table.Th>
            <Table.Th scope="col">{t('audit.chain')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <Table.Tr key={`${event.partition}:${event.seq}`}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(event.occurredAt)}</Table.Td>
              <Table.Th scope="row" fw={500}>
                {event.action}
              </Table.Th>
              <Table.Td>
                <Badge variant="filled" color={event.outcome === 'denied' ? 'red.9' : 'teal.9'}>
                  {t(`audit.outcomeValue.${event.outcome}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{event.actorId ? <Code>{event.actorId}</Code> : '—'}</Table.Td>
              <Table.Td>
                {event.targetType}
                {event.targetId && (
                  <>
                    {' '}
                    <Code>{event.targetId}</Code>
                  </>
                )}
              </Table.Td>
              <Table.Td>
                {event.patientId ? <Code>{event.patientId}</Code> : event.patientIds.length > 0 ? t('audit.patients', { count: event.patientIds.length }) : '—'}
              </Table.Td>
              <Table.Td>{event.clientAddress ?? '—'}</Table.Td>
              <Table.Td>
                <Code>{`${event.partition} #${event.seq}`}</Code>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
