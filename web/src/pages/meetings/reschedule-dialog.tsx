import { Button, Group, NumberInput, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { rescheduleMeeting, type MeetingView } from '../../api/meetings-api.ts';
import { useSignedInSession } from '../../auth/use-session.ts';
import { Dialog } from '../../components/dialog.tsx';
import { fieldProblem, ProblemAlert } from '../../components/problem-alert.tsx';
import { instantToZonedInput, zonedInputToInstant } from './zoned-time.ts';

/** Moves the meeting (start in my time zone, duration); everyone invited gets an updated calendar entry. */
export function RescheduleDialog({ meeting, onClose, onDone }: { meeting: MeetingView; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const timeZone = useSignedInSession().person.timeZone;
  const [start, setStart] = useState(() => instantToZonedInput(meeting.startsAt, timeZone));
  const [duration, setDuration] = useState(meeting.durationMinutes);
  const [tried, setTried] = useState(false);
  const startsAt = zonedInputToInstant(start, timeZone);
  const mutation = useMutation({
    mutationFn: () => rescheduleMeeting(meeting.id, { startsAt: startsAt ?? '', durationMinutes: duration }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['meetings'] });
      onDone(t('meetings.reschedule.done'));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (startsAt) mutation.mutate();
  };
  return (
    <Dialog opened onClose={onClose} title={t('meetings.reschedule.title')} size="lg">
      <form onSubmit={submit} noValidate aria-label={t('meetings.reschedule.title')}>
        <Stack gap="md">
          <ProblemAlert error={mutation.error} />
          <TextInput
            type="datetime-local"
            label={t('meetings.schedule.start')}
            description={t('meetings.schedule.startHint', { zone: timeZone })}
            value={start}
            onChange={(e) => setStart(e.currentTarget.value)}
            required
            error={fieldProblem(mutation.error, 'startsAt') ?? (tried && !startsAt ? t('meetings.schedule.startMissing') : undefined)}
            data-autofocus
          />
          <NumberInput
            label={t('meetings.schedule.duration')}
            value={duration}
            onChange={(value) => setDuration(typeof value === 'number' ? value : Number(value) || 0)}
            min={15}
            max={480}
            step={15}
            error={fieldProblem(mutation.error, 'durationMinutes')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('meetings.reschedule.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
