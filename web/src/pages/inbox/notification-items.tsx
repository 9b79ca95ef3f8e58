import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { inboxKey, markNotificationRead, type NotificationView } from '../../api/discussion-api.ts';
import { useDateFormat } from '../../i18n/use-date-format.ts';

/** Where a notification leads: its panel or its meeting (the page fetches what changed, through its own routes). */
function Target({ notification, label, onOpen }: { notification: NotificationView; label: string; onOpen: () => void }) {
  if (notification.panelId) {
    return (
      <Anchor renderRoot={(props) => <Link {...props} to="/panels/$panelId" params={{ panelId: notification.panelId! }} />} onClick={onOpen} fw={notification.readAt ? 400 : 600}>
        {label}
      </Anchor>
    );
  }
  if (notification.meetingId) {
    return (
      <Anchor renderRoot={(props) => <Link {...props} to="/meetings/$meetingId" params={{ meetingId: notification.meetingId! }} />} onClick={onOpen} fw={notification.readAt ? 400 : 600}>
        {label}
      </Anchor>
    );
  }
  if (notification.kind === 'referralUpdate' && notification.subjectId) {
    return (
      <Anchor renderRoot={(props) => <Link {...props} to="/referrals/$referralId" params={{ referralId: notification.subjectId! }} />} onClick={onOpen} fw={notification.readAt ? 400 : 600}>
        {label}
      </Anchor>
    );
  }
  return <Text fw={notification.readAt ? 400 : 600}>{label}</Text>;
}

/** The notifications as a list: what happened, who did it, when; opening one marks it read. Nothing clinical. */
export function NotificationItems({ notifications, onOpen }: { notifications: NotificationView[]; onOpen?: () => void }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const queryClient = useQueryClient();
  const read = useMutation({
    mutationFn: (id: string) => markNotificationRead(id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKey }),
  });
  if (notifications.length === 0) return <Text size="sm">{t('inbox.empty')}</Text>;
  return (
    <Stack gap="xs" component="ul" aria-label={t('inbox.listLabel')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {notifications.map((notification) => {
        const label = t(`inbox.kind.${notification.kind}`, { name: notification.actor?.displayName ?? t('inbox.someone') });
        return (
          <li key={notification.id}>
            <Group gap={6} wrap="nowrap" align="baseline">
              {!notification.readAt && <Text span size="xs" fw={700} c="clinicalBlue.8">{t('inbox.unreadMark')}</Text>}
              <Stack gap={0}>
                <Target
                  notification={notification}
                  label={label}
                  onOpen={() => {
                    if (!notification.readAt) read.mutate(notification.id);
                    onOpen?.();
                  }}
                />
                <Text size="xs" c="dimmed">
                  {format.dateTime(notification.createdAt)}
                </Text>
              </Stack>
            </Group>
          </li>
        );
      })}
    </Stack>
  );
}
