import { Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { timelineQuery, type TimelineEntry } from '../../api/discussion-api.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useDateFormat } from '../../i18n/use-date-format.ts';

/** Shown at first; the rest on request. */
const RECENT = 15;

function useEntryText() {
  const { t } = useTranslation();
  return (entry: TimelineEntry): string => {
    const name = entry.actor?.displayName ?? '';
    switch (entry.kind) {
      case 'transition':
        return entry.from === null ? t('discussion.timeline.created', { name }) : t('discussion.timeline.transition', { name, from: t(`discussion.status.${entry.from}`), to: t(`discussion.status.${entry.to}`) });
      case 'share':
        return t('discussion.timeline.share', { name, seq: entry.seq, version: entry.recordVersion });
      case 'invitation':
        return t('discussion.timeline.invitation', { name, person: entry.person.displayName, role: t(`discussion.role.${entry.role}`) });
      case 'invitationAnswered':
        return entry.accepted ? t('discussion.timeline.accepted', { name }) : t('discussion.timeline.declined', { name });
      case 'contribution':
        return entry.version === 1 ? t('discussion.timeline.contribution', { name }) : t('discussion.timeline.contributionEdited', { name, version: entry.version });
      case 'message':
        if (entry.deleted) return t('discussion.timeline.messageDeleted', { name });
        return entry.reply ? t('discussion.timeline.reply', { name }) : t('discussion.timeline.message', { name });
      case 'infoRequest':
        return t('discussion.timeline.infoRequest', { name });
      case 'infoAnswer':
        return entry.shareSeq === null ? t('discussion.timeline.infoAnswer', { name }) : t('discussion.timeline.infoAnswerShared', { name, seq: entry.shareSeq });
    }
  };
}

/** What happened on the panel, newest first: steps, shares, invitations, contributions, messages and questions. */
export function PanelDiscussionTimeline({ panelId }: { panelId: string }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const text = useEntryText();
  const timeline = useQuery(timelineQuery(panelId));
  const [all, setAll] = useState(false);
  let body;
  if (timeline.isPending) body = <LoadingState />;
  else if (timeline.error) body = <QueryError error={timeline.error} onRetry={() => void timeline.refetch()} />;
  else {
    const newestFirst = [...timeline.data.entries].reverse();
    const shown = all ? newestFirst : newestFirst.slice(0, RECENT);
    body = (
      <Stack gap="sm">
        <List listStyleType="none" spacing="xs" aria-label={t('discussion.timeline.label')}>
          {shown.map((entry, index) => (
            <List.Item key={`${entry.kind}-${entry.at}-${index}`}>
              <Text span size="sm" c="dimmed">
                {`${format.dateTime(entry.at)} · `}
              </Text>
              <Text span size="sm">
                {text(entry)}
              </Text>
              {entry.kind === 'transition' && entry.reason && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {t('discussion.timeline.reason', { reason: entry.reason })}
                </Text>
              )}
            </List.Item>
          ))}
        </List>
        {!all && newestFirst.length > RECENT && (
          <Group>
            <Button variant="default" size="xs" onClick={() => setAll(true)}>
              {t('discussion.timeline.showAll', { count: newestFirst.length })}
            </Button>
          </Group>
        )}
      </Stack>
    );
  }
  return (
    <Stack gap="sm" component="section" aria-labelledby="timeline-heading">
      <Title order={3} size="h4" id="timeline-heading">
        {t('discussion.timeline.title')}
      </Title>
      {body}
    </Stack>
  );
}
