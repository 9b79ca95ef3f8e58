import { Alert, Anchor, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-client.ts';
import { saveAgendaNotes, type AgendaItemView } from '../../api/meetings-api.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { CallLink } from '../calls/call-link.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDateFormat } from '../../i18n/use-date-format.ts';

/**
 * One agenda item: its panel, when it begins (in my time zone) and its notes — editable by the panel's
 * members and the network's coordinators, saved against the version opened (a save in between is never
 * overwritten: reload, then add the change again).
 */
export function AgendaItemCard({ meetingId, item, onReload }: { meetingId: string; item: AgendaItemView; onReload: () => void }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const queryClient = useQueryClient();
  const [notes, setNotes] = useState(item.notes);
  const [status, setStatus] = useState('');
  const mutation = useMutation({
    mutationFn: () => saveAgendaNotes(meetingId, item.id, { expectedVersion: item.notesVersion, notes }),
    onSuccess: async () => {
      setStatus(t('meetings.notes.saved'));
      await queryClient.invalidateQueries({ queryKey: ['meetings', meetingId] });
    },
  });
  const conflict = mutation.error instanceof ApiError && mutation.error.status === 409 ? mutation.error : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    mutation.mutate();
  };
  const headingId = `agenda-item-${item.id}`;
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={3} size="h5" id={headingId}>
          {t('meetings.item.heading', { position: item.position })}{' '}
          <Anchor renderRoot={(props) => <Link {...props} to="/panels/$panelId" params={{ panelId: item.panel.id }} />}>
            {item.panel.title}
          </Anchor>
        </Title>
        <Text size="sm">{t('meetings.item.when', { when: format.dateTime(item.startsAt), minutes: item.minutes })}</Text>
        <CallLink panelId={item.panel.id} show={item.canEditNotes && (item.panel.status === 'open' || item.panel.status === 'outcomeDrafting')} />
        {item.notesUpdatedAt && item.notesUpdatedBy && (
          <Text size="sm" c="dimmed">
            {t('meetings.notes.lastSaved', { name: item.notesUpdatedBy.displayName, when: format.dateTime(item.notesUpdatedAt) })}
          </Text>
        )}
        {item.canEditNotes ? (
          <form onSubmit={submit} noValidate aria-label={t('meetings.notes.formLabel', { title: item.panel.title })}>
            <Stack gap="xs">
              {conflict ? (
                <Alert color="red" variant="light" role="alert" title={t('meetings.notes.conflictTitle')}>
                  <Text size="sm" mb="sm">
                    {conflict.message}
                  </Text>
                  <Button size="xs" variant="outline" color="red.9" onClick={onReload}>
                    {t('meetings.notes.reload')}
                  </Button>
                </Alert>
              ) : (
                <ProblemAlert error={mutation.error} />
              )}
              <Textarea label={t('meetings.notes.label', { title: item.panel.title })} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={4} maxLength={50_000} />
              <Group>
                <Button type="submit" size="sm" loading={mutation.isPending}>
                  {t('meetings.notes.save')}
                </Button>
              </Group>
              <StatusMessage>{status}</StatusMessage>
            </Stack>
          </form>
        ) : (
          <Text style={{ whiteSpace: 'pre-wrap' }}>{item.notes || t('meetings.notes.none')}</Text>
        )}
      </Stack>
    </Card>
  );
}
