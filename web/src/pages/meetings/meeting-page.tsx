import { Anchor, Badge, Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cancelMeeting, meetingCalendarHref, meetingQuery } from '../../api/meetings-api.ts';
import { useSignedInSession } from '../../auth/use-session.ts';
import { Dialog } from '../../components/dialog.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDateFormat } from '../../i18n/use-date-format.ts';
import { AgendaItemCard } from './agenda-item-card.tsx';
import { RescheduleDialog } from './reschedule-dialog.tsx';
import { formatInZone } from './zoned-time.ts';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} fw={500}>
        {children}
      </Text>
    </div>
  );
}

/**
 * One meeting: when (in my time zone, and as the organiser planned it in theirs), my calendar entry, the
 * agenda items I may see with their notes; the organiser and the network's coordinators move or cancel it.
 */
export function MeetingPage({ meetingId }: { meetingId: string }) {
  const { t, i18n } = useTranslation();
  const format = useDateFormat();
  const queryClient = useQueryClient();
  const myZone = useSignedInSession().person.timeZone;
  const meeting = useQuery(meetingQuery(meetingId));
  const [message, setMessage] = useState('');
  const [dialog, setDialog] = useState<'reschedule' | 'cancel'>();
  const [reloads, setReloads] = useState(0);
  const cancel = useMutation({
    mutationFn: () => cancelMeeting(meetingId),
    onSuccess: async () => {
      setDialog(undefined);
      setMessage(t('meetings.cancel.done'));
      await queryClient.invalidateQueries({ queryKey: ['meetings'] });
    },
  });
  if (meeting.isPending) return <LoadingState />;
  if (meeting.error) return <QueryError error={meeting.error} onRetry={() => void meeting.refetch()} />;
  const data = meeting.data;
  const cancelled = data.cancelledAt !== null;
  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: ['meetings', meetingId] });
    setReloads((n) => n + 1);
  };
  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/meetings" size="sm">
          {t('meetings.back')}
        </Anchor>
        <PageHeading>{data.title}</PageHeading>
        {cancelled && (
          <Badge color="gray.8" variant="filled">
            {t('meetings.cancelled')}
          </Badge>
        )}
      </div>
      <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" m={0}>
        <Fact label={t('meetings.when')}>{t('meetings.fromTo', { from: format.dateTime(data.startsAt), to: format.dateTime(data.endsAt) })}</Fact>
        <Fact label={t('meetings.zone')}>{myZone}</Fact>
        <Fact label={t('meetings.asPlanned')}>{t('meetings.asPlannedText', { when: formatInZone(data.startsAt, data.timeZone, i18n.language), zone: data.timeZone })}</Fact>
        <Fact label={t('meetings.organiser')}>{`${data.organizer.displayName} · ${data.ernCode.toUpperCase()}`}</Fact>
      </SimpleGrid>
      <StatusMessage>{message}</StatusMessage>
      <Group gap="sm">
        {!cancelled && (
          <Button component="a" variant="default" href={meetingCalendarHref(data.id)} download="meeting.ics">
            {t('meetings.calendar')}
          </Button>
        )}
        {data.canManage && !cancelled && (
          <>
            <Button variant="default" onClick={() => setDialog('reschedule')}>
              {t('meetings.reschedule.open')}
            </Button>
            <Button variant="outline" color="red.9" onClick={() => setDialog('cancel')}>
              {t('meetings.cancel.open')}
            </Button>
          </>
        )}
      </Group>
      <Stack gap="sm" component="section" aria-labelledby="agenda-heading">
        <Title order={2} size="h3" id="agenda-heading">
          {t('meetings.agenda')}
        </Title>
        {data.agenda.length === 0 && <Text>{t('meetings.noItems')}</Text>}
        {data.agenda.map((item) => (
          <AgendaItemCard key={`${item.id}:${reloads}`} meetingId={data.id} item={item} onReload={() => void reload()} />
        ))}
        {data.otherItems > 0 && <Text size="sm">{t('meetings.otherItems', { count: data.otherItems })}</Text>}
      </Stack>
      {dialog === 'reschedule' && (
        <RescheduleDialog
          meeting={data}
          onClose={() => setDialog(undefined)}
          onDone={(text) => {
            setDialog(undefined);
            setMessage(text);
          }}
        />
      )}
      {dialog === 'cancel' && (
        <Dialog opened onClose={() => setDialog(undefined)} title={t('meetings.cancel.title')} size="lg">
          <Stack gap="md">
            <Text>{t('meetings.cancel.text')}</Text>
            <ProblemAlert error={cancel.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDialog(undefined)}>
                {t('meetings.cancel.keep')}
              </Button>
              <Button color="red.9" onClick={() => cancel.mutate()} loading={cancel.isPending} data-autofocus>
                {t('meetings.cancel.confirm')}
              </Button>
            </Group>
          </Stack>
        </Dialog>
      )}
    </Stack>
  );
}
