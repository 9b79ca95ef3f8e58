import { Button, Card, Checkbox, Fieldset, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { scheduleMeeting } from '../../api/meetings-api.ts';
import { panelBoardQuery, type PanelCard } from '../../api/panels-api.ts';
import { useSignedInSession } from '../../auth/use-session.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { fieldProblem, ProblemAlert } from '../../components/problem-alert.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { zonedInputToInstant } from './zoned-time.ts';

/** Panels a meeting can discuss: running ones I lead or whose network I coordinate. */
const schedulable = new Set(['open', 'outcomeDrafting']);

/**
 * Schedules a meeting of one network: a title without patient details, the start in my own time zone,
 * the duration, and an agenda of panels from my board, each with its minutes (each item is its own call).
 */
export function ScheduleMeetingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const timeZone = useSignedInSession().person.timeZone;
  const board = useQuery(panelBoardQuery);
  const [ernId, setErnId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [start, setStart] = useState('');
  const [duration, setDuration] = useState<number>(60);
  const [agenda, setAgenda] = useState<Record<string, number>>({});
  const [tried, setTried] = useState(false);
  const mutation = useMutation({
    mutationFn: scheduleMeeting,
    onSuccess: async (meeting) => {
      await queryClient.invalidateQueries({ queryKey: ['meetings'] });
      await navigate({ to: '/meetings/$meetingId', params: { meetingId: meeting.id } });
    },
  });
  if (board.isPending) return <LoadingState />;
  if (board.error) return <QueryError error={board.error} onRetry={() => void board.refetch()} />;
  const cards = [...board.data.coordinated.flatMap((g) => g.panels), ...board.data.mine.flatMap((g) => g.panels).filter((p) => p.myRole === 'lead')];
  const panels = [...new Map(cards.filter((p) => schedulable.has(p.status)).map((p) => [p.id, p])).values()];
  const erns = [...new Map(panels.map((p) => [p.ern.id, p.ern.name])).entries()].map(([value, label]) => ({ value, label }));
  const chosenErn = ernId ?? erns[0]?.value ?? null;
  const offered: PanelCard[] = panels.filter((p) => p.ern.id === chosenErn);
  const startsAt = zonedInputToInstant(start, timeZone);
  const items = offered.filter((p) => agenda[p.id] !== undefined).map((p) => ({ panelId: p.id, minutes: agenda[p.id] ?? 15 }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!chosenErn || !startsAt || items.length === 0 || title.trim().length < 3) return;
    mutation.mutate({ ernId: chosenErn, title: title.trim(), startsAt, durationMinutes: duration, timeZone, agenda: items });
  };
  return (
    <Stack gap="md" maw="56rem">
      <div>
        <PageHeading>{t('meetings.schedule.title')}</PageHeading>
        <Text>{t('meetings.schedule.intro')}</Text>
      </div>
      {panels.length === 0 ? (
        <Text>{t('meetings.schedule.noPanels')}</Text>
      ) : (
        <form onSubmit={submit} noValidate aria-label={t('meetings.schedule.title')}>
          <Stack gap="md">
            <ProblemAlert error={mutation.error} title={t('meetings.schedule.failed')} />
            <Card withBorder padding="lg">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select label={t('meetings.network')} data={erns} value={chosenErn} onChange={(value) => { setErnId(value); setAgenda({}); }} allowDeselect={false} required />
                <TextInput
                  label={t('meetings.schedule.name')}
                  description={t('meetings.schedule.nameHint')}
                  value={title}
                  onChange={(e) => setTitle(e.currentTarget.value)}
                  required
                  maxLength={200}
                  error={fieldProblem(mutation.error, 'title') ?? (tried && title.trim().length < 3 ? t('meetings.schedule.nameMissing') : undefined)}
                />
                <TextInput
                  type="datetime-local"
                  label={t('meetings.schedule.start')}
                  description={t('meetings.schedule.startHint', { zone: timeZone })}
                  value={start}
                  onChange={(e) => setStart(e.currentTarget.value)}
                  required
                  error={fieldProblem(mutation.error, 'startsAt') ?? (tried && !startsAt ? t('meetings.schedule.startMissing') : undefined)}
                />
                <NumberInput
                  label={t('meetings.schedule.duration')}
                  value={duration}
                  onChange={(value) => setDuration(typeof value === 'number' ? value : Number(value) || 0)}
                  min={15}
                  max={480}
                  step={15}
                  required
                  error={fieldProblem(mutation.error, 'durationMinutes')}
                />
              </SimpleGrid>
            </Card>
            <Fieldset legend={t('meetings.schedule.agenda')}>
              <Text size="sm" mb="sm">
                {t('meetings.schedule.agendaHint')}
              </Text>
              <Stack gap="sm">
                {offered.map((panel) => {
                  const minutes = agenda[panel.id];
                  return (
                    <Group key={panel.id} align="flex-end" gap="md">
                      <Checkbox
                        checked={minutes !== undefined}
                        onChange={(e) => {
                          const on = e.currentTarget.checked;
                          setAgenda(({ [panel.id]: _, ...rest }) => (on ? { ...rest, [panel.id]: 15 } : rest));
                        }}
                        label={t('meetings.schedule.putOnAgenda', { title: panel.title })}
                        description={`${panel.patientCode} · ${t(`panels.status.${panel.status}`)}`}
                        miw="20rem"
                      />
                      {minutes !== undefined && (
                        <NumberInput
                          label={t('meetings.schedule.minutesFor', { title: panel.title })}
                          value={minutes}
                          onChange={(value) => setAgenda((a) => ({ ...a, [panel.id]: typeof value === 'number' ? value : Number(value) || 0 }))}
                          min={5}
                          max={240}
                          step={5}
                          w="12rem"
                        />
                      )}
                    </Group>
                  );
                })}
              </Stack>
              {(tried && items.length === 0) || fieldProblem(mutation.error, 'agenda') ? (
                <Text c="red.9" size="sm" role="alert" mt="xs">
                  {fieldProblem(mutation.error, 'agenda') ?? t('meetings.schedule.agendaMissing')}
                </Text>
              ) : null}
            </Fieldset>
            <Group>
              <Button type="submit" loading={mutation.isPending}>
                {t('meetings.schedule.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
