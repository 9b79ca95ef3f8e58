import { Button, Group, Indicator, Popover, ScrollArea, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { inboxKey, markAllNotificationsRead, notificationsQuery, unreadCountQuery } from '../../api/discussion-api.ts';
import { useStreamInvalidation } from '../../api/realtime.ts';
import { useSession } from '../../auth/use-session.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { NotificationItems } from './notification-items.tsx';

function Bell() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden focusable="false">
      <path d="M12 3a6 6 0 0 0-6 6v3.6L4.3 16a1 1 0 0 0 .9 1.5h13.6a1 1 0 0 0 .9-1.5L18 12.6V9a6 6 0 0 0-6-6zm-2.5 16a2.5 2.5 0 0 0 5 0z" fill="currentColor" />
    </svg>
  );
}

function Inbox({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  // The person's inbox stream: a new or read notification refreshes the count and the list, in every open tab.
  useStreamInvalidation(`inbox:${personId.toLowerCase()}`, [inboxKey]);
  const unread = useQuery(unreadCountQuery).data?.unread ?? 0;
  const list = useQuery({ ...notificationsQuery(20), enabled: opened });
  const readAll = useMutation({ mutationFn: markAllNotificationsRead, onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKey }) });
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} withinPortal trapFocus shadow="md">
      <Indicator label={unread > 99 ? '99+' : unread} size={18} disabled={unread === 0} color="red.9" offset={4}>
        <Popover.Target>
          <Button variant="subtle" size="sm" px="xs" onClick={() => setOpened((o) => !o)}>
            <Bell />
            <VisuallyHidden>{t('inbox.bellLabel', { count: unread })}</VisuallyHidden>
          </Button>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown role="dialog" aria-label={t('inbox.title')}>
        <Stack gap="sm">
          <Group justify="space-between">
            <Text fw={600}>{t('inbox.title')}</Text>
            <Button size="compact-xs" variant="subtle" onClick={() => readAll.mutate()} disabled={unread === 0}>
              {t('inbox.markAllRead')}
            </Button>
          </Group>
          <ScrollArea.Autosize mah={360} type="auto">
            {list.isPending ? <LoadingState /> : list.error ? <Text size="sm">{t('common.unreachable')}</Text> : <NotificationItems notifications={list.data.notifications} onOpen={() => setOpened(false)} />}
          </ScrollArea.Autosize>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** The bell in the header for a signed-in person: the unread count, live, and their latest notifications. */
export function InboxBell() {
  const session = useSession();
  if (!session || session.secondFactor.owed || session.affiliations.length === 0) return null;
  return <Inbox personId={session.person.id} />;
}
