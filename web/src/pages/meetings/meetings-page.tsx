import { Anchor, Badge, Button, Card, Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meetingsQuery } from '../../api/meetings-api.ts';
import { holdsAnyRole } from '../../auth/roles.ts';
import { useSignedInSession } from '../../auth/use-session.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useDateFormat } from '../../i18n/use-date-format.ts';

/** My meetings from yesterday on, in my time zone; coordinators and panel leads schedule new ones. */
export function MeetingsPage() {
  const { t } = useTranslation();
  const format = useDateFormat();
  const session = useSignedInSession();
  const [cancelled, setCancelled] = useState(false);
  const meetings = useQuery(meetingsQuery({ cancelled }));
  const schedules = holdsAnyRole(session, ['coordinator', 'healthProfessional']);
  return (
    <Stack gap="md">
      <div>
        <PageHeading>{t('meetings.title')}</PageHeading>
        <Text maw="48rem">{t('meetings.intro', { zone: session.person.timeZone })}</Text>
        <Anchor component={Link} to="/calls/setup-check" size="sm">
          {t('setupCheck.nav')}
        </Anchor>
        {schedules && (
          <Button component={Link} to="/meetings/new" mt="sm">
            {t('meetings.schedule.open')}
          </Button>
        )}
      </div>
      <Checkbox label={t('meetings.showCancelled')} checked={cancelled} onChange={(e) => setCancelled(e.currentTarget.checked)} />
      <Card withBorder padding="lg">
        {meetings.isPending && <LoadingState />}
        {meetings.error && <QueryError error={meetings.error} onRetry={() => void meetings.refetch()} />}
        {meetings.data && meetings.data.meetings.length === 0 && <Text>{t('meetings.empty')}</Text>}
        {meetings.data && meetings.data.meetings.length > 0 && (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs">
              <Table.Caption>{t('meetings.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('meetings.meeting')}</Table.Th>
                  <Table.Th scope="col">{t('meetings.when')}</Table.Th>
                  <Table.Th scope="col">{t('meetings.network')}</Table.Th>
                  <Table.Th scope="col">{t('meetings.myItems')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {meetings.data.meetings.map((meeting) => (
                  <Table.Tr key={meeting.id}>
                    <Table.Th scope="row" fw={500}>
                      <Group gap="xs">
                        <Anchor renderRoot={(props) => <Link {...props} to="/meetings/$meetingId" params={{ meetingId: meeting.id }} />}>
                          {meeting.title}
                        </Anchor>
                        {meeting.cancelled && (
                          <Badge color="gray.8" variant="filled">
                            {t('meetings.cancelled')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Th>
                    <Table.Td>{t('meetings.fromTo', { from: format.dateTime(meeting.startsAt), to: format.dateTime(meeting.endsAt) })}</Table.Td>
                    <Table.Td>{meeting.ernCode.toUpperCase()}</Table.Td>
                    <Table.Td>{meeting.myItems}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </Stack>
  );
}
