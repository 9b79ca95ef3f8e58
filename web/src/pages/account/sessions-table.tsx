import { Badge, Button, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SessionEntry } from '../../api/me-api.ts';
import { useDateFormat } from '../../i18n/use-date-format.ts';
import { describeUserAgent } from './describe-user-agent.ts';

interface SessionsTableProps {
  sessions: SessionEntry[];
  endingId: string | undefined;
  onEnd: (session: SessionEntry) => void;
}

/** One row per active session; the one in use is marked and cannot be ended from here (sign out instead). */
export function SessionsTable({ sessions, endingId, onEnd }: SessionsTableProps) {
  const { t } = useTranslation();
  const format = useDateFormat();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Caption>{t('sessions.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('sessions.device')}</Table.Th>
            <Table.Th scope="col">{t('sessions.method')}</Table.Th>
            <Table.Th scope="col">{t('sessions.address')}</Table.Th>
            <Table.Th scope="col">{t('sessions.signedInAt')}</Table.Th>
            <Table.Th scope="col">{t('sessions.lastSeenAt')}</Table.Th>
            <Table.Th scope="col">{t('sessions.expiresAt')}</Table.Th>
            <Table.Th scope="col">{t('sessions.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sessions.map((session) => {
            const device = describeUserAgent(t, session.userAgent);
            const signedInAt = format.dateTime(session.createdAt);
            return (
              <Table.Tr key={session.id} aria-current={session.current ? 'true' : undefined}>
                <Table.Th scope="row" fw={500}>
                  {device}
                  {session.current && (
                    <Badge ml="xs" variant="light" color="clinicalBlue.9">
                      {t('sessions.current')}
                    </Badge>
                  )}
                </Table.Th>
                <Table.Td>{t(`sessions.methodValue.${session.method}`)}</Table.Td>
                <Table.Td>{session.clientAddress ?? '—'}</Table.Td>
                <Table.Td>{signedInAt}</Table.Td>
                <Table.Td>{format.dateTime(session.lastSeenAt)}</Table.Td>
                <Table.Td>{format.dateTime(session.expiresAt)}</Table.Td>
                <Table.Td>
                  {session.current ? (
                    <Text size="sm" c="dimmed">
                      {t('sessions.currentHint')}
                    </Text>
                  ) : (
                    <Button
                      size="xs"
                      variant="outline"
                      color="red.9"
                      loading={endingId === session.id}
                      onClick={() => onEnd(session)}
                      aria-label={t('sessions.endOne', { device, time: signedInAt })}
                    >
                      {t('sessions.end')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
