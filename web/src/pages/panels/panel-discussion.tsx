import { Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { discussionKey } from '../../api/discussion-api.ts';
import { panelQuery } from '../../api/panels-api.ts';
import { useStream, type RealtimeEvent } from '../../api/realtime.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { PanelDiscussionInfoRequests } from './panel-discussion-info-requests.tsx';
import { PanelDiscussionMessages } from './panel-discussion-messages.tsx';
import { PanelDiscussionTimeline } from './panel-discussion-timeline.tsx';

/** Events about the discussion itself refresh the discussion; anything else about the panel refreshes the whole page. */
const discussionEvents = new Set(['message.posted', 'message.edited', 'message.deleted', 'infoRequest.asked', 'infoRequest.answered']);

/** Follows the panel's stream while the page is open: what another member does appears without reloading. */
function usePanelLiveUpdates(panelId: string): void {
  const client = useQueryClient();
  useStream(`panel:${panelId.toLowerCase()}`, (event: RealtimeEvent) => {
    if (discussionEvents.has(event.eventType)) void client.invalidateQueries({ queryKey: discussionKey(panelId) });
    else if (event.eventType === 'contribution.saved') {
      void client.invalidateQueries({ queryKey: ['panels', panelId, 'contributions'] });
      void client.invalidateQueries({ queryKey: [...discussionKey(panelId), 'timeline'] });
    } else if (event.eventType !== 'outcomeReport.changed') void client.invalidateQueries({ queryKey: ['panels', panelId] });
  });
}

/**
 * The panel's discussion: requests for more information to the enrolling clinician, the threaded messages
 * (replies, @mentions, files), and the panel's activity — all live, for its members and the network's coordinators.
 */
export function PanelDiscussion({ panelId }: { panelId: string }) {
  const { t } = useTranslation();
  const panel = useQuery(panelQuery(panelId));
  const reads = panel.data !== undefined && (panel.data.myRole !== null || panel.data.coordinator);
  if (panel.isPending) return <LoadingState />;
  if (panel.error) return <QueryError error={panel.error} onRetry={() => void panel.refetch()} />;
  if (!reads) return <Text>{panel.data.myInvitation ? t('discussion.acceptFirst') : t('discussion.membersOnly')}</Text>;
  return <LiveDiscussion panelId={panelId} />;
}

function LiveDiscussion({ panelId }: { panelId: string }) {
  const panel = useQuery(panelQuery(panelId));
  usePanelLiveUpdates(panelId);
  if (!panel.data) return null;
  return (
    <Stack gap="xl">
      <PanelDiscussionInfoRequests panel={panel.data} />
      <PanelDiscussionMessages panel={panel.data} />
      <PanelDiscussionTimeline panelId={panelId} />
    </Stack>
  );
}
